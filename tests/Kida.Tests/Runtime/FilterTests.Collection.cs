using Kida.Runtime.Values;
using static Kida.Tests.Runtime.R;

namespace Kida.Tests.Runtime;

// Expected values come from Jinja2 3.1.6.
public class FilterCollectionTests
{
    private static List<object?> People() =>
    [
        D(("name", "Ana"), ("age", 31L), ("city", "Lima")),
        D(("name", "bo"), ("age", 25L), ("city", "Oslo")),
        D(("name", "Cy"), ("age", 42L), ("city", "Lima")),
        D(("name", "di"), ("age", 25L), ("city", "Kyiv")),
    ];

    private static string Names(object? list) => string.Join(",", PyOps.Iterate(list).Select(p => PyFormat.Str(((PyDict)p!)["name"])));

    [Fact]
    public void Batch_groups_items_and_pads_only_with_fill()
    {
        Assert.Equal("[[1, 2, 3], [4, 5, 6], [7]]", F("batch", L(1L, 2L, 3L, 4L, 5L, 6L, 7L), 3L));
        Assert.Equal("[['a', 'b', 'c'], ['d', '-', '-']]", F("batch", L("a", "b", "c", "d"), 3L, "-"));
    }

    [Fact]
    public void Dictsort_sorts_case_insensitively_by_key_or_value()
    {
        var d = D(("banana", 3L), ("Apple", 9L), ("cherry", 1L));
        Assert.Equal("[('Apple', 9), ('banana', 3), ('cherry', 1)]", F("dictsort", d));
        Assert.Equal("[('cherry', 1), ('banana', 3), ('Apple', 9)]", FKw("dictsort", d, [], ("by", "value")));
        var d2 = D(("b", 1L), ("A", 2L), ("c", 3L));
        Assert.Equal("[('A', 2), ('b', 1), ('c', 3)]", F("dictsort", d2, true));
        Assert.Equal("[('c', 3), ('b', 1), ('A', 2)]", FKw("dictsort", d2, [], ("reverse", true)));
    }

    [Fact]
    public void First_and_last_return_undefined_for_empty_sequences()
    {
        Assert.Equal("head", F("first", L("head", "mid", "tail")));
        Assert.Equal("tail", F("last", L("head", "mid", "tail")));
        Assert.Equal("a", F("first", "abc"));
        Assert.Equal("c", F("last", "abc"));
        Assert.IsType<Undefined>(Filter("first", L()));
        Assert.IsType<Undefined>(Filter("last", L()));
    }

    [Fact]
    public void Groupby_sorts_and_groups_with_grouper_and_list()
    {
        var groups = (List<object?>)Filter("groupby", People(), "city")!;
        Assert.Equal(3, groups.Count);
        var first = (Kida.Runtime.Filters.GroupTuple)groups[0]!;
        Assert.Equal("Kyiv", first.Grouper);
        Assert.Equal("Ana,Cy", Names(((Kida.Runtime.Filters.GroupTuple)groups[1]!).List));
        Assert.Equal(2, PyOps.ToList(first).Count);
        Assert.StartsWith("('Kyiv', [{", PyFormat.Str(first));
    }

    [Fact]
    public void Groupby_follows_dotted_attributes()
    {
        var items = L(D(("id", 1L), ("meta", D(("kind", "b")))), D(("id", 2L), ("meta", D(("kind", "a")))), D(("id", 3L), ("meta", D(("kind", "b")))));
        var groups = (List<object?>)Filter("groupby", items, "meta.kind")!;
        Assert.Equal("a", ((Kida.Runtime.Filters.GroupTuple)groups[0]!).Grouper);
        Assert.Equal(2, ((Kida.Runtime.Filters.GroupTuple)groups[1]!).List.Count);
    }

    [Fact]
    public void Join_joins_str_of_items_with_optional_attribute()
    {
        Assert.Equal("abc", F("join", L("a", "b", "c")));
        Assert.Equal("a, b, c", F("join", L("a", "b", "c"), ", "));
        Assert.Equal("1+2+3", F("join", L(1L, 2L, 3L), "+"));
        Assert.Equal("Ana & bo & Cy & di", FKw("join", People(), [" & "], ("attribute", "name")));
    }

    [Fact]
    public void Length_and_count_measure_sized_values()
    {
        Assert.Equal("3", F("length", L(1L, 2L, 3L)));
        Assert.Equal("5", F("length", "hello"));
        Assert.Equal("2", F("count", D(("a", 1L), ("b", 2L))));
        Assert.Equal("0", F("length", Undef));
        Assert.Equal("0", F("length", 5L));
    }

    [Fact]
    public void List_materialises_strings_dicts_and_sequences()
    {
        Assert.Equal("['a', 'b', 'c']", F("list", "abc"));
        Assert.Equal("['x', 'y']", F("list", D(("x", 1L), ("y", 2L))));
        Assert.Equal("[]", F("list", Undef));
    }

    [Fact]
    public void Items_yields_key_value_tuples_in_order()
    {
        Assert.Equal("[('z', 26), ('a', 1)]", F("items", D(("z", 26L), ("a", 1L))));
        Assert.Equal("[]", F("items", Undef));
        Assert.Throws<TemplateRuntimeException>(() => F("items", L(1L)));
    }

    [Fact]
    public void Max_and_min_ignore_case_by_default()
    {
        Assert.Equal("9", F("max", L(4L, -2L, 9L)));
        Assert.Equal("-2", F("min", L(4L, -2L, 9L)));
        Assert.Equal("Z", F("max", L("b", "Z", "a")));
        Assert.Equal("a", F("min", L("b", "Z", "a")));
        Assert.Equal("b", FKw("max", L("b", "Z", "a"), [], ("case_sensitive", true)));
        Assert.Equal("Cy", PyFormat.Str(((PyDict)FilterKw("max", People(), [], ("attribute", "age"))!)["name"]));
        Assert.Equal("bo", PyFormat.Str(((PyDict)FilterKw("min", People(), [], ("attribute", "age"))!)["name"]));
        Assert.IsType<Undefined>(Filter("max", L()));
    }

    [Fact]
    public void Reverse_reverses_strings_and_sequences()
    {
        Assert.Equal("desserts", F("reverse", "stressed"));
        Assert.Equal("[3, 2, 1]", F("reverse", L(1L, 2L, 3L)));
    }

    [Fact]
    public void Slice_makes_contiguous_columns()
    {
        var items = L("a", "b", "c", "d", "e", "f", "g");
        Assert.Equal("[['a', 'b', 'c'], ['d', 'e'], ['f', 'g']]", F("slice", items, 3L));
        Assert.Equal("[['a', 'b', 'c'], ['d', 'e', 'x'], ['f', 'g', 'x']]", F("slice", items, 3L, "x"));
        Assert.Equal("[[], []]", F("slice", Undef, 2L));
    }

    [Fact]
    public void Sort_is_stable_case_insensitive_and_supports_attributes()
    {
        Assert.Equal("[2, 3, 7, 11]", F("sort", L(3L, 11L, 2L, 7L)));
        Assert.Equal("[11, 7, 3, 2]", FKw("sort", L(3L, 11L, 2L, 7L), [], ("reverse", true)));
        Assert.Equal("['a', 'b', 'B', 'C']", F("sort", L("b", "C", "a", "B")));
        Assert.Equal("['B', 'C', 'a', 'b']", FKw("sort", L("b", "C", "a", "B"), [], ("case_sensitive", true)));
        Assert.Equal("bo,di,Ana,Cy", Names(FilterKw("sort", People(), [], ("attribute", "age"))));
        Assert.Equal("Ana,bo,Cy,di", Names(FilterKw("sort", People(), [], ("attribute", "name"))));
        Assert.Equal("Cy,Ana,di,bo", Names(FilterKw("sort", People(), [], ("attribute", "age,name"), ("reverse", true))));
    }

    [Fact]
    public void Sort_of_unorderable_types_is_a_template_error()
    {
        Assert.Throws<TemplateRuntimeException>(() => F("sort", L(1L, "a")));
    }

    [Fact]
    public void Sum_adds_items_attributes_and_start()
    {
        Assert.Equal("10", F("sum", L(1L, 2L, 3L, 4L)));
        Assert.Equal("110", FKw("sum", L(1L, 2L, 3L, 4L), [], ("start", 100L)));
        Assert.Equal("12", FKw("sum", L(D(("price", 5L)), D(("price", 7L))), [], ("attribute", "price")));
        Assert.Equal("0", F("sum", L()));
    }

    [Fact]
    public void Unique_keeps_first_occurrences()
    {
        Assert.Equal("['a', 'B', 'c']", F("unique", L("a", "B", "A", "b", "c")));
        Assert.Equal("['a', 'B', 'A', 'b', 'c']", FKw("unique", L("a", "B", "A", "b", "c"), [], ("case_sensitive", true)));
        Assert.Equal("Ana,bo,di", Names(FilterKw("unique", People(), [], ("attribute", "city"))));
    }

    [Fact]
    public void Map_reads_attributes_with_default_or_applies_a_filter()
    {
        var people = L(D(("name", "a"), ("pet", "cat")), D(("name", "b")));
        Assert.Equal("['a', 'b']", FKw("map", people, [], ("attribute", "name")));
        Assert.Equal("['cat', 'none']", FKw("map", people, [], ("attribute", "pet"), ("default", "none")));
        Assert.Equal("['FOO', 'BAR']", F("map", L("foo", "bar"), "upper"));
        Assert.Equal("['f00', 'bar']", F("map", L("foo", "bar"), "replace", "o", "0"));
        Assert.Equal("['1', '2']", F("map", L(1L, 2L), "string"));
    }

    [Fact]
    public void Select_and_reject_apply_tests()
    {
        var nums = L(1L, 2L, 3L, 4L, 5L, 6L);
        Assert.Equal("[1, 3, 5]", F("select", nums, "odd"));
        Assert.Equal("[2, 4, 6]", F("reject", nums, "odd"));
        Assert.Equal("[4, 5, 6]", F("select", nums, ">", 3L));
        Assert.Equal("[3, 6]", F("select", nums, "divisibleby", 3L));
        var vals = L(0L, 1L, "", "x", null, L(), "y");
        Assert.Equal("[1, 'x', 'y']", F("select", vals));
        Assert.Equal("4", F("length", Filter("reject", vals)));
        Assert.Equal("6", F("length", Filter("reject", vals, "none")));
    }

    [Fact]
    public void Selectattr_and_rejectattr_test_an_attribute()
    {
        var users = L(
            D(("name", "a"), ("active", true), ("age", 30L), ("role", "admin"), ("email", "a@x")),
            D(("name", "b"), ("active", false), ("age", 22L), ("role", "user"), ("email", null)),
            D(("name", "c"), ("active", true), ("age", 41L), ("role", "user"), ("email", "")));
        Assert.Equal("a,c", Names(Filter("selectattr", users, "active")));
        Assert.Equal("a,c", Names(Filter("selectattr", users, "age", "ge", 30L)));
        Assert.Equal("a", Names(Filter("selectattr", users, "role", "equalto", "admin")));
        Assert.Equal("b,c", Names(Filter("rejectattr", users, "email")));
        Assert.Equal("a,c", Names(Filter("rejectattr", users, "email", "none")));
    }

    [Fact]
    public void Unknown_filter_or_test_names_raise_template_errors()
    {
        Assert.Throws<TemplateRuntimeException>(() => F("map", L(1L), "nope"));
        Assert.Throws<TemplateRuntimeException>(() => F("select", L(1L), "nope"));
    }

    [Fact]
    public void Random_picks_an_item()
    {
        Assert.Contains(F("random", L("a", "b")), new[] { "a", "b" });
        Assert.IsType<Undefined>(Filter("random", L()));
    }
}
