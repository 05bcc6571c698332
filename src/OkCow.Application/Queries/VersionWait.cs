using System.Globalization;

namespace OkCow.Application.Queries;

/// <summary>A version of a stream a client waits for: <c>{streamId}:{version}</c>, as a command answer names it.</summary>
public readonly record struct StreamVersion(string StreamId, long Version)
{
    public static bool TryParse(string text, out StreamVersion parsed)
    {
        parsed = default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !Commands.Streams.IsWellFormed(text[..colon])
            || !long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            return false;
        }

        parsed = new StreamVersion(text[..colon], version);
        return true;
    }

    public override string ToString() => $"{StreamId}:{Version.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// SPEC 8: a read may wait, a few seconds at most, until the versions a client wrote are in the view. The view is read
/// again with growing pauses (10 ms doubling to 250 ms), never in a busy loop; when the bound passes, the latest answer
/// is returned as it is, and its versions tell the client what it includes.
/// </summary>
public static class VersionWait
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);

    public static bool Includes(VersionedDto? answer, IReadOnlyList<StreamVersion> waitFor)
    {
        ArgumentNullException.ThrowIfNull(waitFor);
        return answer is not null && waitFor.All(w => answer.Versions.TryGetValue(w.StreamId, out var seen) && seen >= w.Version);
    }

    public static async Task<T?> ReadAsync<T>(
        Func<CancellationToken, Task<T?>> read,
        IReadOnlyList<StreamVersion> waitFor,
        TimeSpan maxWait,
        TimeProvider clock,
        CancellationToken cancellationToken)
        where T : VersionedDto
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(waitFor);
        ArgumentNullException.ThrowIfNull(clock);
        var started = clock.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            var answer = await read(cancellationToken).ConfigureAwait(false);
            var left = maxWait - clock.GetElapsedTime(started);
            if (waitFor.Count == 0 || Includes(answer, waitFor) || left <= TimeSpan.Zero)
            {
                return answer;
            }

            await Task.Delay(pause < left ? pause : left, clock, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }
}
