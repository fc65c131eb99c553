using Kida.Runtime.Values;
using static Kida.Tests.Runtime.R;

namespace Kida.Tests.Runtime;

// Expected values come from Jinja2 3.1.6.
public class FilterStringTests
{
    [Fact]
    public void Capitalize_upper_cases_the_first_letter_and_lowers_the_rest()
    {
        Assert.Equal("Hello world", F("capitalize", "hELLO wORLD"));
        Assert.Equal("Élan vital", F("capitalize", "élan vital"));
    }

    [Fact]
    public void Center_pads_like_python_str_center()
    {
        Assert.Equal("  ab  ", F("center", "ab", 6L));
        Assert.Equal("  ab ", F("center", "ab", 5L));
        Assert.Equal(" abc  ", F("center", "abc", 6L));
        Assert.Equal("toolong", F("center", "toolong", 3L));
        Assert.Equal(80, F("center", "mid").Length);
    }

    [Fact]
    public void Upper_uses_full_case_mapping()
    {
        Assert.Equal("MIXED CASE", F("upper", "MiXeD Case"));
        Assert.Equal("SS", F("upper", "ß"));
        Assert.Equal("mixed case", F("lower", "MiXeD Case"));
    }

    [Fact]
    public void Upper_keeps_markup_safe()
    {
        Assert.IsType<Markup>(Filter("upper", new Markup("<b>x</b>")));
        Assert.Equal("<B>X</B>", F("upper", new Markup("<b>x</b>")));
    }

    [Fact]
    public void Title_capitalizes_after_spaces_dashes_and_brackets_only()
    {
        Assert.Equal("Hello-World O'neil (Test) [X] {Y}", F("title", "hello-world o'neil (test) [x] {y}"));
        Assert.Equal("The Quick Brown Fox", F("title", "the QUICK brown fox"));
    }

    [Fact]
    public void Trim_strips_whitespace_or_given_characters()
    {
        Assert.Equal("padded", F("trim", "  padded \n"));
        Assert.Equal("hi", F("trim", "xxhixx", "x"));
        Assert.Equal("tabbed", F("trim", "\t tabbed \t"));
    }

    [Fact]
    public void Replace_replaces_all_or_count_occurrences()
    {
        Assert.Equal("dog dogalog dog", F("replace", "cat catalog cat", "cat", "dog"));
        Assert.Equal("dog catalog cat", F("replace", "cat catalog cat", "cat", "dog", 1L));
        Assert.Equal("ct ctlog ct", F("replace", "cat catalog cat", "a", ""));
        Assert.Equal("-a-b-c-", F("replace", "abc", "", "-"));
    }

    [Fact]
    public void Format_is_percent_style()
    {
        Assert.Equal("cart has 3 items", F("format", "%s has %d items", "cart", 3L));
        Assert.Equal("0.67", F("format", "%.2f", 0.6667));
        Assert.Equal("   ab|cd   |", F("format", "%5s|%-5s|", "ab", "cd"));
        Assert.Equal("1-2", FKw("format", "%(a)s-%(b)s", [], ("a", 1L), ("b", 2L)));
        Assert.Equal("ff 10 %", F("format", "%x %o %%", 255L, 8L));
    }

    [Fact]
    public void Format_uses_str_format_for_brace_fields()
    {
        Assert.Equal("1 of 2", F("format", "{} of {}", 1L, 2L));
        Assert.Equal("x=5", FKw("format", "x={x}", [], ("x", 5L)));
    }

    [Fact]
    public void Format_rejects_mixed_positional_and_keyword_arguments()
    {
        Assert.Throws<TemplateRuntimeException>(() => FKw("format", "%s", [1L], ("a", 1L)));
    }

    [Fact]
    public void Indent_skips_first_and_blank_lines_by_default()
    {
        Assert.Equal("first\n  second\n\n  third", F("indent", "first\nsecond\n\nthird", 2L));
        Assert.Equal("   a\n\n   b", F("indent", "a\n\nb", 3L, true));
        Assert.Equal("> a\n> \n> b", FKw("indent", "a\n\nb", ["> "], ("first", true), ("blank", true)));
    }

    [Fact]
    public void Truncate_allows_a_leeway_of_five()
    {
        Assert.Equal("hello world", F("truncate", "hello world", 9L));
        Assert.Equal("hello...", F("truncate", "hello world foo", 9L));
        Assert.Equal("hello...", FKw("truncate", "hello world", [9L], ("leeway", 0L)));
        Assert.Equal("Lorem ips...", F("truncate", "Lorem ipsum dolor sit amet consectetur", 12L, true));
        Assert.Equal("Lorem...", F("truncate", "Lorem ipsum dolor sit amet consectetur", 12L));
        Assert.Equal("Lorem…", F("truncate", "Lorem ipsum dolor sit amet consectetur", 12L, false, "…", 0L));
        Assert.Equal("The quick...", F("truncate", "The quick brown fox jumps", 15L));
    }

    [Fact]
    public void Wordcount_counts_word_character_runs()
    {
        Assert.Equal("5", F("wordcount", "one two  three, four-five"));
        Assert.Equal("0", F("wordcount", ""));
        Assert.Equal("6", F("wordcount", "it's a dog's life"));
    }

    [Fact]
    public void Wordwrap_matches_python_textwrap()
    {
        Assert.Equal("The quick\nbrown fox\njumps over\nthe lazy dog", F("wordwrap", "The quick brown fox jumps over the lazy dog", 12L));
        Assert.Equal("supercal\nifragili\nstic\nword", F("wordwrap", "supercalifragilistic word", 8L));
        Assert.Equal("supercalifragilistic\nword", F("wordwrap", "supercalifragilistic word", 8L, false));
        Assert.Equal("a b/c d/e f", FKw("wordwrap", "a b c d e f", [3L], ("wrapstring", "/")));
        Assert.Equal("foo-\nbar-baz\nqux", F("wordwrap", "foo-bar-baz qux", 7L));
        Assert.Equal("a\nb\tc", F("wordwrap", "a  b\tc", 3L));
    }

    [Fact]
    public void String_filters_treat_lenient_undefined_as_empty()
    {
        Assert.Equal("", F("upper", Undef));
        Assert.Equal("", F("trim", Undef));
        Assert.Equal("", F("title", Undef));
        Assert.Equal(80, F("center", Undef).Length);
    }

    [Fact]
    public void String_filters_raise_on_strict_undefined()
    {
        Assert.Throws<UndefinedVariableException>(() => F("upper", StrictUndef));
    }

    [Fact]
    public void String_filter_renders_python_str()
    {
        Assert.Equal("12345", F("string", 12345L));
        Assert.Equal("True", F("string", true));
        Assert.Equal("[1, 2]", F("string", L(1L, 2L)));
        Assert.Equal("None", F("string", null));
    }
}
