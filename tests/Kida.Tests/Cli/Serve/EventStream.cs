using System.Globalization;
using Kida.Cli.Serve;

namespace Kida.Tests.Cli.Serve;

/// <summary>A client of <c>kida serve</c>'s change events, reading them one at a time as the browser's EventSource would.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public string ContentType => _response.Content.Headers.ContentType?.MediaType ?? "";

    public static async Task<EventStream> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync(ReloadScript.EventsPath, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event's name and data (a version), within <paramref name="timeout"/>.</summary>
    public async Task<(string Name, long Version)> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string name = "message", data = "";
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException("the event stream ended");
            if (line.Length == 0)
            {
                if (data.Length > 0) return (name, long.Parse(data, CultureInfo.InvariantCulture));
                continue;
            }
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line["data: ".Length..];
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
