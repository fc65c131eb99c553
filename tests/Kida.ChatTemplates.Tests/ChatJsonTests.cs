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
}
