using System.Buffers.Binary;
using System.Text;
using Kida.Runtime.I18n;

namespace Kida;

/// <summary>
/// One language's messages from a GNU gettext catalog — a compiled <c>.mo</c> file (either byte order) or a <c>.po</c>
/// source file — with the plural rule of its <c>Plural-Forms</c> header and <c>msgctxt</c> contexts. Immutable once
/// loaded, so one instance serves every rendering thread. Lookups follow Python's <c>gettext.GNUTranslations</c>: a
/// message without a translation comes back unchanged; a plural without one chooses by <c>n == 1</c>.
/// </summary>
/// <example><code>
/// var env = new TemplateEnvironment(new TemplateEnvironmentOptions
/// {
///     Loader = new FileSystemLoader("templates"),
///     Translations = GettextCatalog.Load("locale/de/LC_MESSAGES/messages.mo"),
/// });
/// </code></example>
public sealed class GettextCatalog : ITranslations
{
    private readonly Dictionary<string, string> _singles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _plurals = new(StringComparer.Ordinal);
    private Func<long, long> _plural = n => n != 1 ? 1 : 0;

    private GettextCatalog() { }

    /// <summary>How many plural forms the catalog's language has (<c>nplurals</c>; 2 when the header gives none).</summary>
    public int PluralCount { get; private set; } = 2;

    /// <summary>The header entry's fields (<c>Language</c>, <c>Plural-Forms</c>, <c>Content-Type</c>, …), as written.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; private set; } = new Dictionary<string, string>();

    /// <summary>Loads a <c>.mo</c> file, or a <c>.po</c> file when the name ends in <c>.po</c>.</summary>
    /// <exception cref="TranslationCatalogException">The file is not a valid catalog (bad magic number, truncated, bad plural formula).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static GettextCatalog Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (path.EndsWith(".po", StringComparison.OrdinalIgnoreCase)) return ParsePo(File.ReadAllText(path, Encoding.UTF8));
            return ReadMo(File.ReadAllBytes(path).AsSpan());
        }
        catch (TranslationCatalogException e)
        {
            throw e.InFile(path);
        }
    }

    /// <summary>Reads a compiled <c>.mo</c> catalog from a stream (read to its end; not closed).</summary>
    /// <exception cref="TranslationCatalogException">The data is not a valid <c>.mo</c> catalog.</exception>
    public static GettextCatalog ReadMo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ReadMo(ms.ToArray().AsSpan());
    }

    /// <summary>Reads a compiled <c>.mo</c> catalog (little- or big-endian, revision 0 or 1).</summary>
    /// <exception cref="TranslationCatalogException">The data is not a valid <c>.mo</c> catalog.</exception>
    public static GettextCatalog ReadMo(ReadOnlySpan<byte> data) => ReadMo(data.ToArray());

    private static GettextCatalog ReadMo(byte[] data)
    {
        if (data.Length < 20) throw new TranslationCatalogException("not a gettext .mo file: too short");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        bool little = magic switch
        {
            0x950412de => true,
            0xde120495 => false,
            _ => throw new TranslationCatalogException("not a gettext .mo file: bad magic number"),
        };
        var bytes = data;
        uint U32(int at)
        {
            if (at < 0 || at + 4 > bytes.Length) throw new TranslationCatalogException("truncated .mo file");
            return little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
        }
        var major = U32(4) >> 16;
        if (major > 1) throw new TranslationCatalogException($"unsupported .mo file revision {major}");
        var count = U32(8);
        var originals = U32(12);
        var translations = U32(16);
        if (count > (uint)data.Length / 16) throw new TranslationCatalogException("truncated .mo file");
        var raw = new List<(byte[] Id, byte[] Str)>((int)count);
        for (var i = 0; i < (int)count; i++)
        {
            var idLen = U32((int)originals + i * 8);
            var idOff = U32((int)originals + i * 8 + 4);
            var strLen = U32((int)translations + i * 8);
            var strOff = U32((int)translations + i * 8 + 4);
            if ((ulong)idOff + idLen > (ulong)data.Length || (ulong)strOff + strLen > (ulong)data.Length) throw new TranslationCatalogException("truncated .mo file");
            raw.Add((data.AsSpan((int)idOff, (int)idLen).ToArray(), data.AsSpan((int)strOff, (int)strLen).ToArray()));
        }
        // The header (msgid "") names the charset of the other entries, so read it first.
        var catalog = new GettextCatalog();
        var encoding = Encoding.UTF8;
        foreach (var (id, str) in raw)
        {
            if (id.Length != 0) continue;
            catalog.ReadHeader(Encoding.UTF8.GetString(str));
            encoding = catalog.HeaderEncoding() ?? Encoding.UTF8;
        }
        foreach (var (id, str) in raw)
        {
            if (id.Length == 0) continue;
            catalog.Add(encoding.GetString(id).Split('\0'), encoding.GetString(str).Split('\0'));
        }
        return catalog;
    }

    /// <summary>Parses the text of a <c>.po</c> file. Fuzzy entries are left out (as <c>msgfmt</c> does), obsolete (<c>#~</c>) ones too.</summary>
    /// <exception cref="TranslationCatalogException">The text is not valid <c>.po</c> syntax.</exception>
    public static GettextCatalog ParsePo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var catalog = new GettextCatalog();
        var entries = PoReader.Read(text);
        foreach (var e in entries)
        {
            if (e.Id.Length == 0 && e.Context is null) catalog.ReadHeader(e.Strings.Count > 0 ? e.Strings[0] : "");
        }
        foreach (var e in entries)
        {
            if (e.Fuzzy || e.Id.Length == 0 && e.Context is null) continue;
            var key = e.Context is null ? e.Id : e.Context + "\u0004" + e.Id;
            string[] ids = e.Plural is null ? [key] : [key, e.Plural];
            catalog.Add(ids, [.. e.Strings]);
        }
        return catalog;
    }

    private void Add(string[] ids, string[] strings)
    {
        if (ids.Length > 1) _plurals[ids[0]] = strings;
        else _singles[ids[0]] = strings[0];
    }

    private void ReadHeader(string header)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in header.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        Headers = fields;
        if (fields.TryGetValue("Plural-Forms", out var forms))
        {
            (PluralCount, _plural) = PluralFormula.Parse(forms);
        }
    }

    private Encoding? HeaderEncoding()
    {
        if (!Headers.TryGetValue("Content-Type", out var ct)) return null;
        var at = ct.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var name = ct[(at + 8)..].Trim().TrimEnd(';');
        try
        {
            return name.Length == 0 || name.Equals("CHARSET", StringComparison.Ordinal) ? null : Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            throw new TranslationCatalogException($"unknown charset '{name}' in the .mo header");
        }
    }

    /// <summary>Which plural form (0-based) the catalog's <c>Plural-Forms</c> rule picks for <paramref name="n"/>.</summary>
    /// <exception cref="TemplateRuntimeException">The rule divides by zero for this n.</exception>
    public long PluralIndex(long n)
    {
        try
        {
            return _plural(n);
        }
        catch (DivideByZeroException e)
        {
            throw new TemplateRuntimeException($"the catalog's plural formula divides by zero for n={n}", e);
        }
    }

    /// <inheritdoc/>
    public string Gettext(string message) => _singles.TryGetValue(message, out var s) ? s : message;

    /// <inheritdoc/>
    public string NGettext(string singular, string plural, long n) => Plural(singular, singular, plural, n);

    /// <inheritdoc/>
    public string PGettext(string context, string message) =>
        _singles.TryGetValue(context + "\u0004" + message, out var s) ? s : message;

    /// <inheritdoc/>
    public string NPGettext(string context, string singular, string plural, long n) =>
        Plural(context + "\u0004" + singular, singular, plural, n);

    private string Plural(string key, string singular, string plural, long n)
    {
        if (_plurals.TryGetValue(key, out var forms))
        {
            var index = PluralIndex(n);
            if (index >= 0 && index < forms.Length) return forms[index];
        }
        return n == 1 ? singular : plural;
    }
}
