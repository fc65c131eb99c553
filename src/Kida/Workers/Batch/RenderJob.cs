namespace Kida.Workers;

/// <summary>
/// One render in a batch: a compiled template and what to render it with. A struct, so a lazily supplied batch of
/// 100,000 jobs costs no allocation per job beyond the caller's own context objects.
/// </summary>
public readonly record struct RenderJob
{
    /// <summary>A job rendering <paramref name="template"/> with a dictionary of variables.</summary>
    public RenderJob(Template template, IReadOnlyDictionary<string, object?>? context)
    {
        Template = template ?? throw new ArgumentNullException(nameof(template));
        Model = context;
    }

    /// <summary>
    /// A job rendering <paramref name="template"/> with a model: anything <see cref="Kida.Template.Render(object?)"/>
    /// accepts (anonymous object, POCO, record, dictionary, <c>JsonElement</c>…), or null for none.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Kida.Runtime.Members.TrimNotes.ObjectModel)]
    public RenderJob(Template template, object? model)
    {
        Template = template ?? throw new ArgumentNullException(nameof(template));
        Model = model;
    }

    /// <summary>The template to render.</summary>
    public Template Template { get; }

    /// <summary>What the template is rendered with (a dictionary, a model object or null).</summary>
    public object? Model { get; }

    /// <summary>The variables when the job was given a dictionary; null when it was given a model object.</summary>
    public IReadOnlyDictionary<string, object?>? Context => Model as IReadOnlyDictionary<string, object?>;
}
