using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kida.AspNetCore.Tests;

/// <summary>Collects every log line of a test host, so tests can check what the package logged.</summary>
public sealed class TestLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    public IEnumerable<string> Messages(string category, LogLevel atLeast = LogLevel.Trace) =>
        Entries.Where(e => e.Category == category && e.Level >= atLeast).Select(e => e.Message);

    private sealed class Logger(TestLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
    }
}
