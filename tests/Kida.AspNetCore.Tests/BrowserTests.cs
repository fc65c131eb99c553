using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Kida.AspNetCore.Tests;

/// <summary>
/// examples/WebApp on Kestrel at 127.0.0.1 (a random port) in headless Chromium from Debian's packages, driven by
/// Selenium: pages load, the form posts and shows its errors, then its result, screenshots are not blank. Without
/// chromium and chromedriver the test is skipped with that reason — except under CI, where <c>.ci/run</c> installs them
/// and a missing browser fails.
/// </summary>
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    private sealed class KestrelFactory : WebApplicationFactory<Program>
    {
        public KestrelFactory()
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Production");
    }

    [Fact]
    public void The_site_works_in_a_real_browser()
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail($"{Chromium} and {ChromeDriver} are required under CI (.ci/run installs Debian's chromium and chromium-driver)");
            Assert.Skip("Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        }
        using var factory = new KestrelFactory();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address);

        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,900", "--disable-gpu");
        using var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        using var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        // A click that submits a form returns before the next page is there; on a loaded machine the next FindElement
        // ran first and found nothing. Elements are waited for (up to 10 s) instead.
        driver.Manage().Timeouts().ImplicitWait = TimeSpan.FromSeconds(10);
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);

        driver.Navigate().GoToUrl(address + "/products");
        Assert.Equal("Products · Kida Shop", driver.Title);
        Assert.Equal(6, driver.FindElements(By.CssSelector("ul.cards li.card")).Count);
        Assert.Equal("Products", driver.FindElement(By.CssSelector("nav a.active")).Text);
        // The stylesheet came through static_url and applied: the header is the site's dark blue.
        Assert.Equal("rgba(36, 59, 107, 1)", driver.FindElement(By.TagName("header")).GetCssValue("background-color"));
        var list = driver.GetScreenshot();
        list.SaveAsFile(Path.Combine(shots, "products.png"));
        AssertNotBlank(list.AsByteArray);

        driver.FindElement(By.LinkText("Fountain pen")).Click();
        Assert.Equal("Fountain pen", driver.FindElement(By.TagName("h1")).Text);
        Assert.Contains("<Fine> & smooth", driver.FindElement(By.CssSelector("article p:nth-of-type(2)")).Text);

        driver.Navigate().GoToUrl(address + "/contact");
        driver.FindElement(By.Id("Name")).SendKeys("Grace");
        driver.FindElement(By.Id("Email")).SendKeys("not-an-address");
        driver.FindElement(By.Id("Message")).SendKeys("Hi");
        driver.FindElement(By.CssSelector("form button[type=submit]")).Click();
        WaitUntil(driver, d => d.FindElements(By.CssSelector("p.summary")).Count > 0, "the form's error summary");
        Assert.Equal("Please correct 2 problems below.", driver.FindElement(By.CssSelector("p.summary")).Text);
        var errors = driver.FindElements(By.CssSelector("span.error")).Select(e => e.Text).ToList();
        Assert.Equal(["That does not look like an e-mail address.", "Write at least 10 characters."], errors);
        Assert.Equal("Grace", driver.FindElement(By.Id("Name")).GetAttribute("value"));
        AssertNotBlank(driver.GetScreenshot().AsByteArray);

        var email = driver.FindElement(By.Id("Email"));
        email.Clear();
        email.SendKeys("grace@example.org");
        var message = driver.FindElement(By.Id("Message"));
        message.Clear();
        message.SendKeys("A message long enough to pass.");
        driver.FindElement(By.CssSelector("form button[type=submit]")).Click();
        WaitUntil(driver, d => d.Url == address + "/contact/thanks", "the thank-you page");
        Assert.Equal("Thank you, Grace!", driver.FindElement(By.TagName("h1")).Text);

        driver.Navigate().GoToUrl(address + "/missing-page");
        Assert.Equal("Page not found", driver.FindElement(By.TagName("h1")).Text);
    }

    /// <summary>A form post navigates asynchronously: poll the page (Selenium.Support's WebDriverWait, without the package).</summary>
    private static void WaitUntil(IWebDriver driver, Func<IWebDriver, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition(driver))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"waited 20 s for {what}; the browser shows {driver.Url}: {driver.FindElement(By.TagName("body")).Text}");
            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// PNG rows are stored filtered (differences to the neighbouring pixels), so a blank page is almost all one value
    /// with a handful of others; a rendered page has text, colours and edges: many values and a real share of non-background.
    /// </summary>
    private static void AssertNotBlank(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        using var idat = new MemoryStream();
        for (var at = 8; at + 8 <= png.Length;)
        {
            var length = (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IDAT") idat.Write(png, at + 8, length);
            at += 12 + length;
        }
        idat.Position = 0;
        using var pixels = new MemoryStream();
        using (var inflate = new ZLibStream(idat, CompressionMode.Decompress)) inflate.CopyTo(pixels);
        var histogram = new int[256];
        foreach (var b in pixels.GetBuffer().AsSpan(0, (int)pixels.Length)) histogram[b]++;
        var used = histogram.Count(n => n > 0);
        var dominant = histogram.Max() / (double)pixels.Length;
        Assert.True(used > 64 && dominant < 0.999, $"the screenshot looks blank: {used} byte values, the commonest is {dominant:P2}");
    }
}
