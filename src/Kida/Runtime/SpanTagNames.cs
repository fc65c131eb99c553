namespace Kida.Runtime;

/// <summary>Checks the names given as <see cref="TemplateEnvironmentOptions.SpanTags"/>.</summary>
internal static class SpanTagNames
{
    public static IReadOnlyList<string>? Validate(IReadOnlyList<string>? names)
    {
        if (names is null) return null;
        var copy = names.ToArray();
        foreach (var name in copy)
        {
            if (string.IsNullOrEmpty(name) || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new ArgumentException($"span tag name '{name}' is not an identifier", nameof(TemplateEnvironmentOptions.SpanTags));
            if (Parsing.Parser.KnownTags.Contains(name) || name.StartsWith("end", StringComparison.Ordinal) || name is "elif" or "else" or "empty" or "end" or "flush" or "stack" or "let" or "export" or "case" or "yield" or "pluralize")
                throw new ArgumentException($"span tag name '{name}' is a tag of the engine or a closing tag", nameof(TemplateEnvironmentOptions.SpanTags));
        }
        return copy;
    }
}
