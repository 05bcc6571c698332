namespace OkCow.PeerBench;

/// <summary>
/// The streams each concurrent writer owns (so writers never conflict with each other) and the version each stream is
/// at, which is the expected version of its next append. Writer w appends round-robin over its own streams.
/// </summary>
public sealed class WriterStreams
{
    private readonly Guid[][] _streams;
    private readonly long[][] _versions;

    private WriterStreams(int streamsPerWriter)
    {
        var writers = BenchSizes.Writers.Max();
        _streams = [.. Enumerable.Range(0, writers).Select(_ => Enumerable.Range(0, streamsPerWriter).Select(_ => Guid.NewGuid()).ToArray())];
        _versions = [.. Enumerable.Range(0, writers).Select(_ => Enumerable.Repeat(1L, streamsPerWriter).ToArray())];
    }

    /// <summary>Every stream; each is created with one event (version 1) before the figures run.</summary>
    public IReadOnlyList<Guid> All => [.. _streams.SelectMany(s => s)];

    public static WriterStreams Create(int streamsPerWriter) => new(streamsPerWriter);

    public (Guid Stream, long Version) Next(int writer, int index)
    {
        var slot = index % _streams[writer].Length;
        return (_streams[writer][slot], _versions[writer][slot]);
    }

    public void Advance(int writer, int index) => _versions[writer][index % _streams[writer].Length]++;
}
