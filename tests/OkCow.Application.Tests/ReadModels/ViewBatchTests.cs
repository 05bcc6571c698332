using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Projections;
using OkCow.Application.ReadModels.Portfolio;
using OkCow.Application.ReadModels.Reconciliation;
using OkCow.Application.Tests.Support;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Application.Tests.ReadModels;

/// <summary>Projections read each view document once and write it once per change-feed batch, and survive a writer racing them.</summary>
public sealed class ViewBatchTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;

    [Fact]
    public async Task Given_a_batch_of_many_events_per_investor_Then_each_view_document_is_read_once_and_written_once()
    {
        var counting = new CountingStore();
        using var readSide = ReadSide.Create(services => services.AddSingleton<IDocumentStore>(_ => counting.Wrap(services)));
        counting.Inner = readSide.Store.Documents;
        var investors = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var investor in investors)
        {
            await readSide.AppendAsync(Streams.Investor(investor), T0, [new InvestorRegistered(investor, "A", $"l-{investor:N}", "h", T0), .. Enumerable.Range(1, 20).Select(i => new CashDeposited(investor, i, T0))]);
        }

        await readSide.ProjectAsync();

        foreach (var investor in investors)
        {
            var key = (Containers.Investors, investor.ToString("D"), PortfolioView.DocumentId);
            Assert.Equal((1, 1), (counting.Reads.GetValueOrDefault(key), counting.Writes.GetValueOrDefault(key)));
            Assert.Equal(210L, (await readSide.Queries.GetPortfolioAsync(investor))!.AvailableCash);
        }

        Assert.Equal(1, counting.Writes.GetValueOrDefault((Containers.Directory, LedgerTotalsView.Partition, LedgerTotalsView.DocumentId)));
        Assert.Equal(5 * 21, (await readSide.Queries.ReconcileAsync()).EventsRead);
    }

    [Fact]
    public async Task Given_a_view_changed_by_another_writer_during_the_batch_Then_the_batch_replays_its_change_on_the_newer_document()
    {
        using var readSide = ReadSide.Create();
        var writer = new ViewWriter(readSide.Documents);
        var a = Envelope("stream-a", 1);
        var b = Envelope("stream-b", 1);

        using (var scope = ViewBatch.Begin())
        {
            await writer.ApplyAsync<Seen>(Containers.Statuses, "pk", "doc", a, view => Add(view, "a"), default);

            // Another instance lands stream-b's event on the same document meanwhile (outside this flow's batch).
            Task other;
            using (ExecutionContext.SuppressFlow())
            {
                other = Task.Run(() => writer.ApplyAsync<Seen>(Containers.Statuses, "pk", "doc", b, view => Add(view, "b"), default));
            }

            await other;

            await scope.Batch.FlushAsync(default);
        }

        var stored = await readSide.GetAsync<Seen>(Containers.Statuses, "pk", "doc");
        Assert.Equal(["b", "a"], stored!.Names);
        Assert.Equal(2, stored.Applied.Count);
    }

    private static Seen Add(Seen? view, string name) => (view ?? new Seen([])) with { Names = (view?.Names ?? []).Add(name) };

    private static EventEnvelope Envelope(string streamId, long version) =>
        new(new StoredEvent(streamId, version, Guid.NewGuid(), "V1.Test", JsonSerializer.SerializeToElement(new { }), T0, new EventMetadata("c", null, "test")), new object());

    private sealed record Seen(ImmutableList<string> Names) : ProjectedView;

    /// <summary>Counts point reads and written documents per (container, partition, id).</summary>
    private sealed class CountingStore : IDocumentStore
    {
        public IDocumentStore Inner { get; set; } = null!;

        public ConcurrentDictionary<(string, string, string), int> Reads { get; } = new();

        public ConcurrentDictionary<(string, string, string), int> Writes { get; } = new();

        public IDocumentStore Wrap(IServiceCollection services) => this;

        public Task<Document<T>?> GetAsync<T>(string container, string partitionKey, string id, CancellationToken cancellationToken = default)
        {
            Reads.AddOrUpdate((container, partitionKey, id), 1, (_, n) => n + 1);
            return Inner.GetAsync<T>(container, partitionKey, id, cancellationToken);
        }

        public Task<string?> TryWriteAsync<T>(string container, string partitionKey, string id, T value, string? ifMatch, CancellationToken cancellationToken = default)
        {
            Writes.AddOrUpdate((container, partitionKey, id), 1, (_, n) => n + 1);
            return Inner.TryWriteAsync(container, partitionKey, id, value, ifMatch, cancellationToken);
        }

        public Task<IReadOnlyList<IReadOnlyList<string>?>> WriteGroupsAsync(IReadOnlyList<DocumentGroup> groups, CancellationToken cancellationToken = default)
        {
            foreach (var group in groups)
            {
                foreach (var write in group.Writes)
                {
                    Writes.AddOrUpdate((group.Container, group.PartitionKey, write.Id), 1, (_, n) => n + 1);
                }
            }

            return Inner.WriteGroupsAsync(groups, cancellationToken);
        }

        public Task<string> UpsertAsync<T>(string container, string partitionKey, string id, T value, CancellationToken cancellationToken = default) =>
            Inner.UpsertAsync(container, partitionKey, id, value, cancellationToken);

        public Task DeleteAsync(string container, string partitionKey, string id, CancellationToken cancellationToken = default) =>
            Inner.DeleteAsync(container, partitionKey, id, cancellationToken);

        public Task<IReadOnlyList<T>> ListAsync<T>(string container, string partitionKey, int skip, int take, CancellationToken cancellationToken = default) =>
            Inner.ListAsync<T>(container, partitionKey, skip, take, cancellationToken);

        public Task<DocumentPage<T>> ListPageAsync<T>(string container, string partitionKey, int take, string? continuation, CancellationToken cancellationToken = default) =>
            Inner.ListPageAsync<T>(container, partitionKey, take, continuation, cancellationToken);
    }
}
