using Kida.Diagnostics;

namespace Kida;

/// <summary>
/// A GNU gettext catalog could not be read (code <see cref="ErrorCode.CatalogFormat"/>): a <c>.mo</c> file that is
/// truncated or has a bad magic number, revision or charset, a <c>.po</c> file with a syntax error, or a
/// <c>Plural-Forms</c> formula outside the C subset gettext allows. Raised by <see cref="GettextCatalog"/>'s
/// <c>Load</c>, <c>ReadMo</c> and <c>ParsePo</c>, when the catalog is read — never later, while rendering.
/// </summary>
/// <example>
/// <code>
/// try { catalog = GettextCatalog.Load("locale/de/LC_MESSAGES/messages.po"); }
/// catch (TranslationCatalogException e) { log.LogError("{File}:{Line}: {Reason}", e.CatalogFile, e.CatalogLine, e.Reason); }
/// </code>
/// </example>
public sealed class TranslationCatalogException : TemplateException
{
    internal TranslationCatalogException(string reason, int? catalogLine = null, string? catalogFile = null)
        : base(ErrorCode.CatalogFormat, catalogFile is null ? reason : $"{catalogFile}: {reason}")
    {
        CatalogLine = catalogLine;
        CatalogFile = catalogFile;
    }

    /// <summary>The catalog file, when the catalog was loaded from one (<see cref="GettextCatalog.Load"/>); else null.</summary>
    public string? CatalogFile { get; }

    /// <summary>The 1-based line of a <c>.po</c> file the error is on; null for <c>.mo</c> data and header formulas.</summary>
    public int? CatalogLine { get; }

    /// <summary>The same error, naming the file it came from.</summary>
    internal TranslationCatalogException InFile(string file) => new(Reason, CatalogLine, file);
}
