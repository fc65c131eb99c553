using Microsoft.Extensions.Logging;

namespace Kida.AspNetCore.Hosting;

/// <summary>The package's log messages (category <c>Kida.AspNetCore</c>), generated for zero-cost checks when a level is off.</summary>
internal static partial class KidaLog
{
    [LoggerMessage(1, LogLevel.Error, "Template {Template} failed to compile: {Reason} at line {Line}, column {Column} ({Code})")]
    public static partial void CompileFailed(ILogger logger, string template, string reason, int? line, int? column, string code, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "Template {Template} failed to render: {Reason} in {Source} at line {Line}, column {Column} ({Code})")]
    public static partial void RenderFailed(ILogger logger, string template, string reason, string? source, int? line, int? column, string code, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Template {Template} rendered slowly: {Milliseconds} ms (threshold {Threshold} ms)")]
    public static partial void SlowRender(ILogger logger, string template, long milliseconds, long threshold);

    [LoggerMessage(4, LogLevel.Information, "Render of {Template} stopped: the client disconnected")]
    public static partial void ClientDisconnected(ILogger logger, string template);

    [LoggerMessage(5, LogLevel.Error, "Template {Template} was not found: {Reason}")]
    public static partial void NotFound(ILogger logger, string template, string reason);

    [LoggerMessage(6, LogLevel.Error, "Template {Template} failed after its response had started; the connection was aborted")]
    public static partial void AbortedAfterStart(ILogger logger, string template);
}
