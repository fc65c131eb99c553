namespace Kida.AspNetCore.Benchmarks.Catalog;

/// <summary>
/// The one model every request renders: 20 products. The text holds <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>, which
/// Kida (Python's markupsafe rules), Razor and Fluid (both <c>HtmlEncoder.Default</c>) escape the same way; quotes,
/// <c>+</c> and non-ASCII letters are left out because those encoders spell them differently (<c>&amp;#34;</c> against
/// <c>&amp;quot;</c>, <c>&amp;#x2B;</c> against <c>+</c>), which would make the pages differ for no difference in work.
/// </summary>
public static class CatalogData
{
    private static readonly string[] Names =
    [
        "Claw hammer", "Nails & screws <assorted>", "Spirit level 60 cm", "Tape measure", "Pliers <long nose>",
        "Wood glue & brush", "Hand saw", "Chisel set", "Sandpaper <grit 120>", "Workbench",
        "Drill bits & holder", "Cordless drill", "Safety glasses", "Work gloves <large>", "Utility knife",
        "Clamp pair", "Paint roller & tray", "Masking tape", "Extension cable <10 m>", "Tool box",
    ];

    private static readonly string[] Categories = ["Hand tools", "Fixings & glue", "Power tools", "Safety <PPE>"];

    /// <summary>The page's model, made once and shared by every request (read-only).</summary>
    public static CatalogPage Page { get; } = Create();

    private static CatalogPage Create()
    {
        var products = new List<Product>(Names.Length);
        for (var i = 0; i < Names.Length; i++)
            products.Add(new Product(1000 + i, Names[i], Categories[i % Categories.Length], (i * 7) % 5 == 0 ? 0 : i * 3 + 1, i % 6 == 1));
        return new CatalogPage(
            "Tools & supplies",
            "Everything for the workshop <in stock today> & delivered tomorrow.",
            products,
            "Prices & availability checked hourly.");
    }
}
