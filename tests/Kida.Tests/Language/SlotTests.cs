namespace Kida.Tests.Language;

/// <summary>§4.5 and §4.6: typed def parameters, default/named/scoped slots, has_slot, yield.</summary>
public class SlotTests
{
    [Fact]
    public void Slot_renders_the_call_body() =>
        Assert.Equal("<div>hi Ann</div>", K.Render(
            "{% def box() %}<div>{% slot %}</div>{% end %}{% call box() %}hi {{ name }}{% end %}", K.Ctx(("name", "Ann"))));

    [Fact]
    public void Named_slots_are_taken_out_of_the_default_slot() =>
        Assert.Equal("<h>Title</h><b>body</b>", K.Render(
            "{% def card() %}<h>{% slot header %}</h><b>{% slot %}</b>{% end %}" +
            "{% call card() %}{% slot header %}Title{% end %}body{% end %}"));

    [Fact]
    public void A_missing_named_slot_renders_nothing() =>
        Assert.Equal("<h></h>x", K.Render("{% def card() %}<h>{% slot header %}</h>{% slot %}{% end %}{% call card() %}x{% end %}"));

    [Fact]
    public void Caller_with_a_name_renders_that_slot() =>
        Assert.Equal("[T]", K.Render("{% def card() %}[{{ caller('title') }}]{% end %}{% call card() %}{% slot title %}T{% end %}{% end %}"));

    [Fact]
    public void Has_slot_is_true_only_under_a_call() =>
        Assert.Equal("no|yes|yes|title", K.Render(
            "{% def c() %}{% if has_slot() %}yes{% else %}no{% end %}{% if has_slot('title') %}|title{% end %}{% end %}" +
            "{{ c() }}|{% call c() %}x{% end %}|{% call c() %}{% slot title %}t{% end %}{% end %}"));

    [Fact]
    public void Scoped_slots_pass_data_up_to_the_caller() =>
        Assert.Equal("<li>1:Ann</li><li>2:Bo</li>", K.Render(
            "{% def list(users) %}{% for u in users %}<li>{% slot row let:item=u, let:i=loop.index %}{{ u }}{% end %}</li>{% end %}{% end %}" +
            "{% call list(users) %}{% slot row let:item, let:i %}{{ i }}:{{ item }}{% end %}{% end %}",
            K.Ctx(("users", K.List("Ann", "Bo")))));

    [Fact]
    public void A_scoped_slot_falls_back_to_its_own_body_with_the_let_names_bound() =>
        Assert.Equal("<li>Ann!</li>", K.Render(
            "{% def list(users) %}{% for u in users %}<li>{% slot row let:item=u %}{{ item }}!{% end %}</li>{% end %}{% end %}{{ list(['Ann']) }}"));

    [Fact]
    public void Yield_renders_the_enclosing_defs_caller_even_inside_a_nested_call() =>
        Assert.Equal("<outer><inner>BODY</inner></outer>", K.Render(
            "{% def inner() %}<inner>{% slot %}</inner>{% end %}" +
            "{% def outer() %}<outer>{% call inner() %}{% yield %}{% end %}</outer>{% end %}" +
            "{% call outer() %}BODY{% end %}"));

    [Fact]
    public void Yield_without_a_caller_renders_nothing() =>
        Assert.Equal("[]", K.Render("{% def f() %}[{% yield %}]{% end %}{{ f() }}"));

    [Fact]
    public void Typed_parameters_are_kept_as_metadata_and_never_checked()
    {
        var t = K.Env().FromString("{% def card(title: str, items: list[str] | None = none, n: int = 0) %}{{ title }}{% end %}{{ card(5) }}");
        Assert.Equal("5", t.Render());
        var statement = Assert.IsType<Kida.Syntax.Statements.MacroStatement>(
            typeof(Template).GetProperty("Root", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .GetValue(t) is Kida.Syntax.Statements.StatementList root ? root.Items[0] : null);
        Assert.Equal(new[] { "str", "list[str] | None", "int" }, statement.Signature.Annotations.Select(a => a ?? "").ToArray());
    }

    [Fact]
    public void In_the_kida_dialect_a_missing_required_argument_is_an_error() =>
        Assert.Throws<TemplateRuntimeException>(() => K.Render("{% def f(a, b) %}{{ a }}{% end %}{{ f(1) }}"));

    [Fact]
    public void Star_parameters_take_their_declared_names() =>
        Assert.Equal("1,2|k=v", K.Render("{% def f(*cells, **opts) %}{{ cells | join(',') }}|{% for k, v in opts.items() %}{{ k }}={{ v }}{% end %}{% end %}{{ f(1, 2, k='v') }}"));

    [Fact]
    public void Slots_work_in_the_jinja2_dialect_too() =>
        Assert.Equal("<b>x</b>", K.Jinja("{% def b() %}<b>{% slot %}</b>{% end %}{% call b() %}x{% end %}"));
}
