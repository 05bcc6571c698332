using System.Collections.Concurrent;
using System.Text;
using OkCow.Application.EventStore;

namespace OkCow.Application.Tests.Scale;

/// <summary>
/// Passes every call through and records, per stream kind (the stream id's prefix), the largest head snapshot and the
/// largest append it saw: the events' data and the snapshot, in UTF-8 bytes, which is what one batch writes.
/// </summary>
public sealed class MeasuringEventStore(IEventStore inner) : IEventStore
{
    private readonly ConcurrentDictionary<string, long> _largestSnapshot = new();
    private readonly ConcurrentDictionary<string, long> _largestAppend = new();

    public long LargestSnapshotBytes(string kind) => _largestSnapshot.GetValueOrDefault(kind);

    public long LargestAppendBytes => _largestAppend.Values.DefaultIfEmpty(0).Max();

    public int Appends { get; private set; }

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot? snapshot = null, CancellationToken cancellationToken = default)
    {
        var kind = streamId[..streamId.IndexOf('-', StringComparison.Ordinal)];
        var snapshotBytes = snapshot is null ? 0 : Encoding.UTF8.GetByteCount(snapshot.Data.GetRawText());
        var appendBytes = snapshotBytes + events.Sum(e => Encoding.UTF8.GetByteCount(e.Data.GetRawText()));
        _largestSnapshot.AddOrUpdate(kind, snapshotBytes, (_, seen) => Math.Max(seen, snapshotBytes));
        _largestAppend.AddOrUpdate(kind, appendBytes, (_, seen) => Math.Max(seen, appendBytes));
        Appends++;
        return await inner.AppendAsync(streamId, expected, events, snapshot, cancellationToken).ConfigureAwait(false);
    }

    public Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default) =>
        inner.ReadHeadAsync(streamId, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, StreamReadOptions options, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(streamId, options, cancellationToken);
}
