using System.Globalization;

namespace Kida.Cli.Planning;

/// <summary>
/// <c>--shard K/N</c>: this machine renders share K of N. K is 1-based (1..N), matching CI matrices such as
/// <c>shard: [1, 2, 3]</c>.
/// </summary>
internal readonly record struct ShardSpec(int Index, int Count)
{
    public static ShardSpec All => new(1, 1);

    public bool IsWholeSite => Count == 1;

    public static bool TryParse(string? text, out ShardSpec shard, out string error)
    {
        shard = All;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) return true;
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || k < 1 || k > n)
        {
            error = $"--shard must be K/N with 1 <= K <= N (K is 1-based), not '{text}'";
            return false;
        }
        shard = new ShardSpec(k, n);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
