using System.Numerics;
using Kida.Runtime.Values;

namespace Kida.ChatTemplates.Tests;

public sealed class ChatJsonTests
{
    [Fact]
    public void Objects_keep_document_order_and_a_repeated_key_keeps_its_first_place_and_last_value()
    {
        var value = Assert.IsType<PyDict>(ChatJson.Parse("""{"b": 1, "a": 2, "b": 3}"""));
        Assert.Equal(["b", "a"], ((IReadOnlyDictionary<string, object?>)value).Keys);
        Assert.Equal(3L, ((IReadOnlyDictionary<string, object?>)value)["b"]);
    }

    [Fact]
    public void Numbers_follow_python_json_loads()
    {
        var list = Assert.IsType<List<object?>>(ChatJson.Parse("[1, -2, 1.0, 1e3, 123456789012345678901234567890, true, null, \"x\"]"));
        Assert.Equal(1L, list[0]);
        Assert.Equal(-2L, list[1]);
        Assert.Equal(1.0, list[2]);
        Assert.Equal(1000.0, list[3]);
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890"), list[4]);
        Assert.Equal(true, list[5]);
        Assert.Null(list[6]);
        Assert.Equal("x", list[7]);
    }

    [Fact]
    public void Invalid_json_is_a_chat_input_error()
    {
        var e = Assert.Throws<ChatInputException>(() => ChatJson.Parse("[{\"role\": }]"));
        Assert.Contains("Invalid JSON", e.Message);
    }

    [Fact]
    public void Known_message_keys_and_roles_share_one_instance_and_other_strings_stay_as_parsed()
    {
        // Shared instances let the template's interned 'role' find the key by reference; text and results are unchanged.
        var messages = (IReadOnlyList<object?>)ChatJson.Parse("[{\"role\": \"user\", \"content\": \"hi\", \"zz_custom_key\": \"zz_custom_value\"}]")!;
        var message = (Kida.Runtime.Values.PyDict)messages[0]!;
        var keys = message.Keys.Cast<string>().ToList();
        Assert.Equal(["role", "content", "zz_custom_key"], keys);
        Assert.Same(string.IsInterned("role"), keys[0]);
        Assert.Same(string.IsInterned("user"), message["role"]);
        Assert.NotSame("zz_custom_key", keys[2]);   // the literal is interned; an unknown parsed key is left as parsed
        Assert.Equal("zz_custom_value", message["zz_custom_key"]);
        var template = ChatTemplate.FromSource("{% for m in messages %}{% if m['role'] == 'user' %}{{ m['content'] }}|{{ m['zz_custom_key'] }}{% endif %}{% endfor %}");
        Assert.Equal("hi|zz_custom_value", template.Apply(messages));
    }
}
