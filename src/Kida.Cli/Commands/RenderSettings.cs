namespace Kida.Cli.Commands;

/// <summary>The options of <c>kida render</c>, as typed (validated by <see cref="RenderCommand"/>).</summary>
internal sealed record RenderSettings(string Site)
{
    public string Out { get; init; } = "_site";
    public string Workers { get; init; } = "auto";
    public string? Environment { get; init; }
    public string? Shard { get; init; }
    public bool FailFast { get; init; }
    public string? CostModel { get; init; }
    public bool Quiet { get; init; }
    public bool Verbose { get; init; }
}
