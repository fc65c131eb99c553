namespace Kida.ChatTemplates.Tests;

/// <summary>A clock standing still at one local time (in UTC, so local and universal time agree).</summary>
internal sealed class FixedClock(DateTime local) : TimeProvider
{
    public static FixedClock Pinned { get; } = new(new DateTime(2026, 3, 5, 14, 7, 9, DateTimeKind.Unspecified).AddTicks(1234560));

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(local, DateTimeKind.Utc));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
