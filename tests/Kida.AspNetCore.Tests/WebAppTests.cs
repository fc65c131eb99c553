using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kida.AspNetCore.Tests;

/// <summary>Every route of examples/WebApp through WebApplicationFactory: the HTML each page shows, the form and antiforgery.</summary>
public sealed class WebAppTests(WebAppTests.Factory factory) : IClassFixture<WebAppTests.Factory>
{
    public sealed class Factory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Production");
    }

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Home_page_has_the_layout_the_active_nav_item_and_the_featured_products()
    {
        var response = await Client().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Home · Kida Shop</title>", html);
        Assert.Contains("<a href=\"/\" class=\"active\" aria-current=\"page\">Home</a>", html);
        Assert.Contains("<a href=\"/products\">Products</a>", html);
        Assert.Matches(new Regex("href=\"/css/site.css\\?v=[A-Za-z0-9_-]{43}\""), html);
        Assert.Equal(3, Regex.Matches(html, "<li class=\"card\">").Count);
        Assert.Contains("<a href=\"/products/1\">Espresso cup</a>", html);
        Assert.Contains("Rendered by Kida for .NET · GET /", html);
    }

    [Fact]
    public async Task Product_list_is_an_mvc_view_with_view_data_filters_and_a_partial_per_product()
    {
        var html = await Client().GetStringAsync("/products");
        Assert.Contains("<title>Products · Kida Shop</title>", html);
        Assert.Contains("<a href=\"/products\" class=\"active\" aria-current=\"page\">Products</a>", html);
        Assert.Equal(6, Regex.Matches(html, "<li class=\"card").Count);
        Assert.Contains("<li class=\"card sold-out\">", html);
        Assert.Contains("<a href=\"/products?category=Office\">Office</a>", html);
        Assert.Contains("<p>6 products.</p>", html);

        var office = await Client().GetStringAsync("/products?category=Office");
        Assert.Contains("<h1>Products in Office</h1>", office);
        Assert.Contains("<a href=\"/products?category=Office\" class=\"active\">Office</a>", office);
        Assert.Equal(2, Regex.Matches(office, "<li class=\"card").Count);
    }

    [Fact]
    public async Task Product_detail_escapes_the_model_and_formats_the_price()
    {
        var html = await Client().GetStringAsync("/products/4");
        Assert.Contains("<h1>Fountain pen</h1>", html);
        Assert.Contains("Steel nib, converter included. &lt;Fine&gt; &amp; smooth.", html);
        Assert.Contains("29.00 € · <strong>sold out</strong>", html);
        Assert.Contains("<title>Fountain pen · Kida Shop</title>", html);
    }

    [Theory]
    [InlineData("/products/99")]
    [InlineData("/no/such/page")]
    public async Task Unknown_pages_get_the_404_template_with_status_404(string path)
    {
        var response = await Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Page not found</h1>", html);
        Assert.Contains($"There is nothing at <code>{path}</code>", html);
    }

    [Fact]
    public async Task Contact_form_shows_every_validation_error_and_keeps_what_was_typed()
    {
        var client = Client();
        var (token, cookie) = await FormToken(client);
        var post = new HttpRequestMessage(HttpMethod.Post, "/contact")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Name"] = "", ["Email"] = "not-an-address", ["Message"] = "short <b>",
            }),
        };
        post.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Please correct 3 problems below.", html);
        Assert.Contains("<span class=\"error\">Please tell us your name.</span>", html);
        Assert.Contains("<span class=\"error\">That does not look like an e-mail address.</span>", html);
        Assert.Contains("<span class=\"error\">Write at least 10 characters.</span>", html);
        Assert.Contains("value=\"not-an-address\"", html);
        Assert.Contains(">short &lt;b&gt;</textarea>", html);
        Assert.Contains("<p class=\"field invalid\">", html);
    }

    [Fact]
    public async Task A_valid_post_redirects_to_the_thank_you_page_which_reads_temp_data()
    {
        var client = Client();
        var (token, cookie) = await FormToken(client);
        var post = new HttpRequestMessage(HttpMethod.Post, "/contact")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Name"] = "Ada", ["Email"] = "ada@example.org", ["Message"] = "Hello from the tests.",
            }),
        };
        post.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/contact/thanks", response.Headers.Location?.OriginalString);
        var thanks = new HttpRequestMessage(HttpMethod.Get, "/contact/thanks");
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(c => c.Split(';')[0])) : "";
        thanks.Headers.Add("Cookie", cookie + "; " + cookies);
        var html = await (await client.SendAsync(thanks)).Content.ReadAsStringAsync();
        Assert.Contains("<h1>Thank you, Ada!</h1>", html);
    }

    [Fact]
    public async Task A_forged_post_without_the_antiforgery_token_is_rejected_with_400()
    {
        var client = Client();
        var (_, cookie) = await FormToken(client);
        var forged = new HttpRequestMessage(HttpMethod.Post, "/contact")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "Mallory", ["Email"] = "m@example.org", ["Message"] = "a forged message" }),
        };
        forged.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>Bad request</h1>", await response.Content.ReadAsStringAsync());

        var wrongToken = new HttpRequestMessage(HttpMethod.Post, "/contact")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged", ["Name"] = "M", ["Email"] = "m@example.org", ["Message"] = "a forged message" }),
        };
        wrongToken.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(wrongToken)).StatusCode);
    }

    /// <summary>GETs the form: the hidden field's token and the antiforgery cookie set with it.</summary>
    internal static async Task<(string Token, string Cookie)> FormToken(HttpClient client)
    {
        var response = await client.GetAsync("/contact");
        var html = await response.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\">").Groups[1].Value;
        Assert.NotEmpty(token);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        return (token, cookie);
    }
}
