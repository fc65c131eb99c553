namespace Kida.Runtime.Values;

/// <summary>Python's printf-style <c>"fmt" % args</c> (used by the <c>%</c> operator and the <c>format</c> filter).</summary>
public static class PercentFormat
{
    public static object Format(object? format, object? args) =>
        throw new TemplateRuntimeException("%-formatting is not implemented yet");
}
