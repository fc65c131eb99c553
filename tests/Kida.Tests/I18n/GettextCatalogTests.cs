namespace Kida.Tests.I18n;

/// <summary>The .mo and .po readers of <see cref="GettextCatalog"/>.</summary>
public class GettextCatalogTests
{
    private const string Po = """
        # A translator comment
        msgid ""
        msgstr ""
        "Language: pl\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

        #: page.html:3
        msgid "Hello"
        msgstr "Cześć"

        msgid "Line\tone\n"
        "and \"two\""
        msgstr "Wiersz\tjeden\n"
        "i \"dwa\" \\ \101"

        #, fuzzy
        msgid "Fuzzy"
        msgstr "Niepewne"

        msgctxt "menu"
        msgid "Open"
        msgstr "Otwórz"

        msgid "%(count)s file"
        msgid_plural "%(count)s files"
        msgstr[0] "%(count)s plik"
        msgstr[1] "%(count)s pliki"
        msgstr[2] "%(count)s plików"

        msgctxt "disk"
        msgid "%(count)s file"
        msgid_plural "%(count)s files"
        msgstr[0] "%(count)s plik (dysk)"
        msgstr[1] "%(count)s pliki (dysk)"
        msgstr[2] "%(count)s plików (dysk)"

        #~ msgid "Old"
        #~ msgstr "Stare"
        """;

    [Fact]
    public void A_po_file_gives_messages_contexts_plurals_and_escapes()
    {
        var c = GettextCatalog.ParsePo(Po);
        Assert.Equal(3, c.PluralCount);
        Assert.Equal("pl", c.Headers["Language"]);
        Assert.Equal("Cześć", c.Gettext("Hello"));
        Assert.Equal("Wiersz\tjeden\ni \"dwa\" \\ A", c.Gettext("Line\tone\nand \"two\""));
        Assert.Equal("Fuzzy", c.Gettext("Fuzzy"));
        Assert.Equal("Old", c.Gettext("Old"));
        Assert.Equal("Otwórz", c.PGettext("menu", "Open"));
        Assert.Equal("Open", c.Gettext("Open"));
        Assert.Equal("%(count)s plik", c.NGettext("%(count)s file", "%(count)s files", 1));
        Assert.Equal("%(count)s pliki", c.NGettext("%(count)s file", "%(count)s files", 22));
        Assert.Equal("%(count)s plików", c.NGettext("%(count)s file", "%(count)s files", 5));
        Assert.Equal("%(count)s pliki (dysk)", c.NPGettext("disk", "%(count)s file", "%(count)s files", 3));
        Assert.Equal("x", c.NGettext("x", "xs", 1));
        Assert.Equal("xs", c.NGettext("x", "xs", 5));
        // A plural entry is not found by gettext, nor a single one by ngettext (Python's GNUTranslations).
        Assert.Equal("%(count)s file", c.Gettext("%(count)s file"));
        Assert.Equal("Hellos", c.NGettext("Hello", "Hellos", 2));
    }

    [Fact]
    public void Both_byte_orders_of_the_same_catalog_read_alike()
    {
        // The pinned catalogs: "de" is little-endian, "ru" big-endian.
        var de = GettextCatalog.ReadMo(JinjaI18nTests.Catalogs["de"]);
        var ru = GettextCatalog.ReadMo(new MemoryStream(JinjaI18nTests.Catalogs["ru"]));
        Assert.Equal("Hallo Welt", de.Gettext("Hello World"));
        Assert.Equal("Привет, мир", ru.Gettext("Hello World"));
        Assert.Equal(3, ru.PluralCount);
        Assert.Equal(2, ru.PluralIndex(5));
    }

    [Fact]
    public void A_catalog_loads_from_files_by_extension()
    {
        var dir = Directory.CreateTempSubdirectory("kida-mo-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "de.mo"), JinjaI18nTests.Catalogs["de"]);
            File.WriteAllText(Path.Combine(dir, "pl.po"), Po);
            Assert.Equal("pass auf", GettextCatalog.Load(Path.Combine(dir, "de.mo")).Gettext("watch out"));
            Assert.Equal("Cześć", GettextCatalog.Load(Path.Combine(dir, "pl.po")).Gettext("Hello"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 5, 0, 0, 0, 28, 0, 0, 0, 68, 0, 0, 0 })]
    public void Broken_mo_data_is_a_format_error(byte[] data)
    {
        Assert.Equal("K-I18N-001", Assert.Throws<TranslationCatalogException>(() => GettextCatalog.ReadMo(data)).Code);
    }

    [Theory]
    [InlineData("msgstr \"x\"")]
    [InlineData("msgid \"a\"\nmsgstr \"b")]
    [InlineData("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=n +;\\n\"")]
    [InlineData("msgid \"a\"\nmsgfoo \"b\"")]
    public void Broken_po_text_is_a_format_error(string text)
    {
        Assert.Throws<TranslationCatalogException>(() => GettextCatalog.ParsePo(text));
    }

    [Fact]
    public void A_po_syntax_error_names_the_file_and_line()
    {
        var dir = Directory.CreateTempSubdirectory("kida-po-").FullName;
        try
        {
            var path = Path.Combine(dir, "de.po");
            File.WriteAllText(path, "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\nmsgfoo \"d\"\n");
            var e = Assert.Throws<TranslationCatalogException>(() => GettextCatalog.Load(path));
            Assert.Equal(5, e.CatalogLine);
            Assert.Equal(path, e.CatalogFile);
            Assert.StartsWith(path + ": .po line 5: ", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_formula_dividing_by_zero_is_a_template_error()
    {
        var c = GettextCatalog.ParsePo("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=1 / (n - 1);\\n\"\n\nmsgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"A\"\nmsgstr[1] \"B\"\n");
        Assert.Equal("B", c.NGettext("a", "b", 2));
        Assert.Throws<TemplateRuntimeException>(() => c.NGettext("a", "b", 1));
    }
}
