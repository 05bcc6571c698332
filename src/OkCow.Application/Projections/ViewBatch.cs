using OkCow.Application.Documents;

namespace OkCow.Application.Projections;

/// <summary>
/// The view documents one change-feed batch touches, held in memory until <see cref="FlushAsync"/>: each document is
/// read once (the first time a projection asks for it) and written once, in groups per container and partition key
/// that the store writes all or none. The dispatcher opens one per handler and batch (<see cref="Begin"/>), so
/// projections written against <see cref="ViewWriter"/> need not know about it.
/// </summary>
/// <remarks>
/// A document changed by another writer since it was read fails its group; the group's documents are read again and
/// the changes replayed on them (each is the pure <c>Apply</c> of an event, skipped where its version was applied). A
/// document written by a change that cannot be replayed (several documents decided together) fails the flush instead:
/// the batch is delivered again, and nothing of the failed group was written.
/// </remarks>
public sealed class ViewBatch
{
    private const int MaxAttempts = 10;

    private static readonly AsyncLocal<ViewBatch?> Ambient = new();

    private readonly Dictionary<Key, Entry> _entries = [];
    private readonly List<Key> _dirty = [];

    /// <summary>The batch of the handler running on this flow, if any.</summary>
    public static ViewBatch? Current => Ambient.Value;

    /// <summary>How many documents were read and written so far (for measurements).</summary>
    public (int Reads, int Writes) Counts { get; private set; }

    /// <summary>Starts a batch for this flow; disposing the scope ends it (without flushing).</summary>
    public static Scope Begin()
    {
        var scope = new Scope(Ambient.Value, new ViewBatch());
        Ambient.Value = scope.Batch;
        return scope;
    }

    /// <summary>The document as this batch sees it: read from the store the first time, then as last put.</summary>
    public async Task<T?> GetAsync<T>(IDocumentStore store, string container, string partitionKey, string id, CancellationToken cancellationToken)
        where T : class
    {
        var key = new Key(store, container, partitionKey, id);
        if (!_entries.TryGetValue(key, out var entry))
        {
            async Task<(object?, string?)> ReadAsync(CancellationToken token) =>
                await store.GetAsync<T>(container, partitionKey, id, token).ConfigureAwait(false) is { } document
                    ? (document.Value, document.ETag)
                    : (null, null);

            var (value, etag) = await ReadAsync(cancellationToken).ConfigureAwait(false);
            Counts = Counts with { Reads = Counts.Reads + 1 };
            entry = new Entry(value, etag, ReadAsync);
            _entries[key] = entry;
        }

        return (T?)entry.Value;
    }

    /// <summary>Reads the documents not read yet in one round, so that later <see cref="GetAsync"/> calls find them.</summary>
    public async Task PrefetchAsync<T>(IDocumentStore store, string container, IEnumerable<(string PartitionKey, string Id)> keys, CancellationToken cancellationToken)
        where T : class
    {
        var missing = keys.Distinct().Where(k => !_entries.ContainsKey(new Key(store, container, k.PartitionKey, k.Id))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var documents = await store.GetManyAsync<T>(container, missing, cancellationToken).ConfigureAwait(false);
        Counts = Counts with { Reads = Counts.Reads + missing.Count };
        for (var i = 0; i < missing.Count; i++)
        {
            var (partitionKey, id) = missing[i];
            async Task<(object?, string?)> ReadAsync(CancellationToken token) =>
                await store.GetAsync<T>(container, partitionKey, id, token).ConfigureAwait(false) is { } document
                    ? (document.Value, document.ETag)
                    : (null, null);

            _entries[new Key(store, container, partitionKey, id)] = new Entry(documents[i]?.Value, documents[i]?.ETag, ReadAsync);
        }
    }

    /// <summary>
    /// Replaces the document (which must have been read through this batch) until the flush; a null
    /// <paramref name="value"/> deletes it (nothing to write if it is not stored).
    /// <paramref name="replay"/> redoes this change on a fresh copy after a conflict (null: it cannot be redone).
    /// </summary>
    public void Put(IDocumentStore store, string container, string partitionKey, string id, object? value, Func<object?, object?>? replay)
    {
        var key = new Key(store, container, partitionKey, id);
        var entry = _entries.TryGetValue(key, out var found)
            ? found
            : throw new InvalidOperationException($"View {container}/{partitionKey}/{id} is written without being read in this batch.");
        if (value is null && entry.ETag is null)
        {
            // Never stored (or created and deleted within this batch): there is nothing to delete.
            if (entry.Dirty)
            {
                entry.Dirty = false;
                _dirty.Remove(key);
            }

            entry.Value = null;
            entry.Replays = [];
            return;
        }

        if (!entry.Dirty)
        {
            entry.Dirty = true;
            _dirty.Add(key);
        }

        entry.Value = value;
        if (replay is null)
        {
            entry.Replays = null;
        }
        else
        {
            entry.Replays?.Add(replay);
        }
    }

    /// <summary>How many documents of the partition wait for the flush.</summary>
    public int DirtyIn(IDocumentStore store, string container, string partitionKey) =>
        _dirty.Count(k => k.Store == store && k.Container == container && k.PartitionKey == partitionKey);

    /// <summary>Writes every changed document, once, grouped per partition (all or none per group).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => FlushAsync(_ => true, cancellationToken);

    /// <summary>Writes the changed documents of one partition now, as one group.</summary>
    public Task FlushAsync(IDocumentStore store, string container, string partitionKey, CancellationToken cancellationToken) =>
        FlushAsync(k => k.Store == store && k.Container == container && k.PartitionKey == partitionKey, cancellationToken);

    private async Task FlushAsync(Func<Key, bool> which, CancellationToken cancellationToken)
    {
        var keys = _dirty.Where(which).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        foreach (var byStore in keys.GroupBy(k => k.Store))
        {
            var groups = byStore
                .GroupBy(k => (k.Container, k.PartitionKey))
                .SelectMany(g => g.Chunk(DocumentGroup.MaxWrites))
                .ToList();
            for (var attempt = 1; groups.Count > 0; attempt++)
            {
                var results = await byStore.Key.WriteGroupsAsync([.. groups.Select(ToGroup)], cancellationToken).ConfigureAwait(false);
                Counts = Counts with { Writes = Counts.Writes + groups.Sum(g => g.Length) };
                var failed = new List<Key[]>();
                for (var i = 0; i < groups.Count; i++)
                {
                    if (results[i] is { } etags)
                    {
                        for (var j = 0; j < groups[i].Length; j++)
                        {
                            Written(groups[i][j], etags[j]);
                        }
                    }
                    else
                    {
                        failed.Add(groups[i]);
                    }
                }

                if (failed.Count > 0 && attempt == MaxAttempts)
                {
                    throw new ViewConflictException($"Views kept changing under the batch: {string.Join(", ", failed.SelectMany(g => g).Select(k => $"{k.Container}/{k.PartitionKey}/{k.Id}"))}.");
                }

                groups = [];
                foreach (var group in failed)
                {
                    groups.Add(await ReplayAsync(group, cancellationToken).ConfigureAwait(false));
                }

                groups.RemoveAll(g => g.Length == 0);
            }
        }

        _dirty.RemoveAll(k => !_entries[k].Dirty);
    }

    private DocumentGroup ToGroup(Key[] keys) =>
        new(keys[0].Container, keys[0].PartitionKey, [.. keys.Select(k => new DocumentWrite(k.Id, _entries[k].Value, _entries[k].ETag))]);

    private void Written(Key key, string etag)
    {
        var entry = _entries[key];
        entry.ETag = entry.Value is null ? null : etag;
        entry.Dirty = false;
        entry.Replays = [];
    }

    /// <summary>Reads a failed group's documents again and redoes their changes; returns those still to write.</summary>
    private async Task<Key[]> ReplayAsync(Key[] group, CancellationToken cancellationToken)
    {
        if (group.Any(k => _entries[k].Replays is null))
        {
            throw new ViewConflictException($"Views {string.Join(", ", group.Select(k => $"{k.Container}/{k.PartitionKey}/{k.Id}"))} changed under changes decided together; the batch is to be delivered again.");
        }

        var again = new List<Key>();
        foreach (var key in group)
        {
            var entry = _entries[key];
            (entry.Value, entry.ETag) = await entry.ReadAsync(cancellationToken).ConfigureAwait(false);
            var changed = false;
            foreach (var replay in entry.Replays!)
            {
                if (replay(entry.Value) is { } next)
                {
                    (entry.Value, changed) = (next, true);
                }
            }

            entry.Dirty = changed;
            if (changed)
            {
                again.Add(key);
            }
        }

        return [.. again];
    }

    /// <summary>Ends the batch of this flow when disposed, restoring the one before.</summary>
    public sealed class Scope(ViewBatch? previous, ViewBatch batch) : IDisposable
    {
        public ViewBatch Batch { get; } = batch;

        public void Dispose() => Ambient.Value = previous;
    }

    private readonly record struct Key(IDocumentStore Store, string Container, string PartitionKey, string Id);

    private sealed class Entry(object? value, string? etag, Func<CancellationToken, Task<(object?, string?)>> read)
    {
        public object? Value { get; set; } = value;

        public string? ETag { get; set; } = etag;

        public bool Dirty { get; set; }

        public List<Func<object?, object?>>? Replays { get; set; } = [];

        public Task<(object? Value, string? ETag)> ReadAsync(CancellationToken cancellationToken) => read(cancellationToken);
    }
}

/// <summary>A view document kept changing under a batch's changes; the batch is to be delivered again.</summary>
public sealed class ViewConflictException(string message) : Exception(message);
