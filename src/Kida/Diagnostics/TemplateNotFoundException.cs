using Kida.Diagnostics;

namespace Kida;

/// <summary>A template name could not be resolved by the loader.</summary>
public sealed class TemplateNotFoundException : TemplateException
{
    public TemplateNotFoundException(string name, string reason) : base(ErrorCode.TemplateNotFound, reason)
    {
        Name = name;
    }

    /// <summary>The name that was asked for.</summary>
    public string Name { get; }
}
