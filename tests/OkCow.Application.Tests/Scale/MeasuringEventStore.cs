using System.Collections.Concurrent;
using System.Text;
using OkCow.Application.EventStore;

namespace OkCow.Application.Tests.Scale;

/// <summary>
/// Passes every call through and records, per stream kind (the stream id's prefix), the largest head snapshot and the
/// largest append it saw: the events' data, the snapshot and the pages written, in UTF-8 bytes, which is what one batch
/// writes; and the most operations one append needed (events, pages, a step marker and the head).
/// </summary>
public sealed class MeasuringEventStore(IEventStore inner) : IEventStore
{
    private readonly ConcurrentDictionary<string, long> _largestSnapshot = new();
    private readonly ConcurrentDictionary<string, long> _largestAppend = new();

    public long LargestSnapshotBytes(string kind) => _largestSnapshot.GetValueOrDefault(kind);

    public long LargestAppendBytes => _largestAppend.Values.DefaultIfEmpty(0).Max();

    private readonly ConcurrentDictionary<string, int> _mostOperations = new();
    private int _appends;

    public int Appends => _appends;

    public long LargestAppendBytesOf(string kind) => _largestAppend.GetValueOrDefault(kind);

    public int MostOperationsOf(string kind) => _mostOperations.GetValueOrDefault(kind);

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot? snapshot = null, CancellationToken cancellationToken = default)
    {
        Measure(streamId, events, snapshot, []);
        return await inner.AppendAsync(streamId, expected, events, snapshot, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AppendResult> AppendWithPagesAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot snapshot, IReadOnlyList<PageWrite> pages, CancellationToken cancellationToken = default)
    {
        Measure(streamId, events, snapshot, pages);
        return await inner.AppendWithPagesAsync(streamId, expected, events, snapshot, pages, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StreamPage>> ReadPagesAsync(string streamId, IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken = default) =>
        inner.ReadPagesAsync(streamId, pageIds, cancellationToken);

    private void Measure(string streamId, IReadOnlyList<NewEvent> events, Snapshot? snapshot, IReadOnlyList<PageWrite> pages)
    {
        var kind = streamId[..streamId.IndexOf('-', StringComparison.Ordinal)];
        var snapshotBytes = snapshot is null ? 0 : Encoding.UTF8.GetByteCount(snapshot.Data.GetRawText());
        var appendBytes = snapshotBytes
            + events.Sum(e => Encoding.UTF8.GetByteCount(e.Data.GetRawText()))
            + pages.Sum(p => p.Data is { } data ? Encoding.UTF8.GetByteCount(data.GetRawText()) : 0);
        var operations = 1 + events.Count + pages.Count + (events.Any(e => e.IsStepKey) ? 1 : 0);
        _largestSnapshot.AddOrUpdate(kind, snapshotBytes, (_, seen) => Math.Max(seen, snapshotBytes));
        _largestAppend.AddOrUpdate(kind, appendBytes, (_, seen) => Math.Max(seen, appendBytes));
        _mostOperations.AddOrUpdate(kind, operations, (_, seen) => Math.Max(seen, operations));
        Interlocked.Increment(ref _appends);
    }

    public Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default) =>
        inner.ReadHeadAsync(streamId, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, StreamReadOptions options, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(streamId, options, cancellationToken);
}
