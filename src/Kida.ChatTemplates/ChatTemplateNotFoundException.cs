namespace Kida.ChatTemplates;

/// <summary>
/// A configuration or model file has no chat template, or none of the requested name. <see cref="AvailableNames"/>
/// lists the names it does have (empty when it has none).
/// </summary>
public sealed class ChatTemplateNotFoundException : ChatTemplateException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was looked for and where.</param>
    /// <param name="availableNames">The template names the source does have.</param>
    public ChatTemplateNotFoundException(string message, IReadOnlyList<string> availableNames) : base(message) =>
        AvailableNames = availableNames;

    /// <summary>The template names the source does have, in source order (empty when it has no template at all).</summary>
    public IReadOnlyList<string> AvailableNames { get; }
}
