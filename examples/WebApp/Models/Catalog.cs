namespace Kida.Examples.WebApp.Models;

/// <summary>A product of the example shop.</summary>
public sealed record Product(int Id, string Name, string Category, decimal Price, string Description, bool InStock);

/// <summary>The example's data: a fixed catalogue, so pages and tests see the same products.</summary>
public sealed class Catalog
{
    public IReadOnlyList<Product> Products { get; } =
    [
        new(1, "Espresso cup", "Kitchen", 8.50m, "A thick-walled porcelain cup that keeps a double shot hot.", true),
        new(2, "Pour-over kettle", "Kitchen", 42.00m, "Gooseneck spout for a slow, even pour.", true),
        new(3, "Notebook A5", "Stationery", 6.90m, "Dotted pages, lies flat, 192 pages.", true),
        new(4, "Fountain pen", "Stationery", 29.00m, "Steel nib, converter included. <Fine> & smooth.", false),
        new(5, "Desk lamp", "Office", 55.00m, "Warm LED, dimmable, weighted base.", true),
        new(6, "Cable tray", "Office", 18.00m, "Keeps the cables under the desk out of sight.", true),
    ];

    public Product? Find(int id) => Products.FirstOrDefault(p => p.Id == id);
}
