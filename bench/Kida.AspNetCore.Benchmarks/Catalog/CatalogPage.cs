namespace Kida.AspNetCore.Benchmarks.Catalog;

/// <summary>The page every engine renders: a title, an intro, a table of products and a footer, as typed C# objects.</summary>
/// <param name="Title">The page's heading and, with the site's name, its &lt;title&gt;.</param>
/// <param name="Intro">The paragraph under the heading.</param>
/// <param name="Products">The table's rows.</param>
/// <param name="Footer">The footer line.</param>
public sealed record CatalogPage(string Title, string Intro, IReadOnlyList<Product> Products, string Footer);

/// <summary>One table row.</summary>
/// <param name="Id">The product number.</param>
/// <param name="Name">Its name (some contain <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>, so every engine escapes).</param>
/// <param name="Category">Its category.</param>
/// <param name="Stock">Units in stock; zero prints "sold out".</param>
/// <param name="Featured">Whether the row gets the "featured" class.</param>
public sealed record Product(int Id, string Name, string Category, int Stock, bool Featured);
