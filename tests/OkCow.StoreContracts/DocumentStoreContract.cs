using OkCow.Application.Documents;

namespace OkCow.StoreContracts;

public enum ContractColour
{
    Red,
    Green,
}

public sealed record ContractOwner(string Name, long Units);

/// <summary>The document the contract writes: an id (Cosmos needs one), an enum, money-like numbers and a nested record.</summary>
public sealed record ContractDocument(string Id, string Name, int Count, ContractColour Colour, decimal Amount, DateTimeOffset At, ContractOwner Owner)
{
    public static ContractDocument Create(string id, int count = 1) =>
        new(id, $"name of {id}", count, ContractColour.Green, 1234.5678m, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(9)), new("owner", 42));
}

/// <summary>
/// The contract every <see cref="IDocumentStore"/> keeps: create-only and ETag-guarded writes, upserts, deletes, paging
/// in id order within one partition, and isolation between partitions and containers. Derive a sealed class in a test
/// project and implement <see cref="CreateStoreAsync"/>. Each test uses fresh partition keys, so a shared database works.
/// </summary>
public abstract class DocumentStoreContract : IAsyncLifetime
{
    private IDocumentStore? _store;

    protected IDocumentStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>The container most tests write to.</summary>
    protected virtual string Container => Containers.Statuses;

    /// <summary>A second container, to show containers are isolated.</summary>
    protected virtual string OtherContainer => Containers.Funds;

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public Task DisposeAsync() => DisposeStoreAsync();

    /// <summary>Creates the store under test; called once before each test.</summary>
    protected abstract Task<IDocumentStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> made; called once after each test.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_no_document_When_writing_create_only_Then_it_is_stored_and_read_back_with_its_etag()
    {
        var pk = NewPartitionKey();
        var document = ContractDocument.Create("doc-1");

        var etag = await Store.TryWriteAsync(Container, pk, "doc-1", document, ifMatch: null);

        Assert.False(string.IsNullOrEmpty(etag));
        var read = await Store.GetAsync<ContractDocument>(Container, pk, "doc-1");
        Assert.NotNull(read);
        Assert.Equal(document, read.Value);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task Given_no_document_Then_a_point_read_returns_null()
    {
        Assert.Null(await Store.GetAsync<ContractDocument>(Container, NewPartitionKey(), "absent"));
    }

    [Fact]
    public async Task Given_documents_in_several_partitions_When_read_many_Then_each_comes_in_the_order_asked_with_null_for_the_absent()
    {
        var (pk1, pk2) = (NewPartitionKey(), NewPartitionKey());
        var a = await Store.TryWriteAsync(Container, pk1, "a", ContractDocument.Create("a", count: 1), ifMatch: null);
        var b = await Store.TryWriteAsync(Container, pk2, "b", ContractDocument.Create("b", count: 2), ifMatch: null);
        await Store.TryWriteAsync(OtherContainer, pk1, "other", ContractDocument.Create("other"), ifMatch: null);

        var read = await Store.GetManyAsync<ContractDocument>(Container, [(pk2, "b"), (pk1, "absent"), (pk1, "a"), (pk2, "a"), (pk1, "other")]);

        Assert.Equal(
            [("b", 2, b), null, ("a", 1, a), null, null],
            read.Select(d => d is null ? ((string, int, string?)?)null : (d.Value.Id, d.Value.Count, d.ETag)));
        Assert.Empty(await Store.GetManyAsync<ContractDocument>(Container, []));
    }

    [Fact]
    public async Task Given_a_document_When_writing_create_only_again_Then_the_write_is_refused_and_the_first_kept()
    {
        var pk = NewPartitionKey();
        var etag = await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 1), ifMatch: null);

        var second = await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 2), ifMatch: null);

        Assert.Null(second);
        var read = await Store.GetAsync<ContractDocument>(Container, pk, "doc-1");
        Assert.Equal(1, read?.Value.Count);
        Assert.Equal(etag, read?.ETag);
    }

    [Fact]
    public async Task Given_a_document_When_writing_with_its_etag_Then_it_is_replaced_under_a_new_etag()
    {
        var pk = NewPartitionKey();
        var first = await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 1), ifMatch: null);

        var second = await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 2), ifMatch: first);

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        var read = await Store.GetAsync<ContractDocument>(Container, pk, "doc-1");
        Assert.Equal(2, read?.Value.Count);
        Assert.Equal(second, read?.ETag);
    }

    [Fact]
    public async Task Given_a_document_changed_since_it_was_read_When_writing_with_the_old_etag_Then_refused_and_the_newer_kept()
    {
        var pk = NewPartitionKey();
        var stale = await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 1), ifMatch: null);
        var current = await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 2), ifMatch: stale);

        var refused = await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 3), ifMatch: stale);

        Assert.Null(refused);
        var read = await Store.GetAsync<ContractDocument>(Container, pk, "doc-1");
        Assert.Equal(2, read?.Value.Count);
        Assert.Equal(current, read?.ETag);
    }

    [Fact]
    public async Task Given_no_document_When_writing_with_an_etag_Then_refused_and_nothing_is_created()
    {
        var pk = NewPartitionKey();
        var elsewhere = await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1"), ifMatch: null);

        var refused = await Store.TryWriteAsync(Container, pk, "doc-2", ContractDocument.Create("doc-2"), ifMatch: elsewhere);

        Assert.Null(refused);
        Assert.Null(await Store.GetAsync<ContractDocument>(Container, pk, "doc-2"));
    }

    [Fact]
    public async Task Given_racing_writers_with_the_same_etag_Then_exactly_one_wins()
    {
        const int writers = 10;
        var pk = NewPartitionKey();
        var etag = await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 0), ifMatch: null);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racers = Enumerable.Range(1, writers)
            .Select(count => Task.Run(async () =>
            {
                await start.Task;
                return (Count: count, ETag: await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count), etag));
            }))
            .ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(racers);

        var winner = Assert.Single(outcomes, o => o.ETag is not null);
        var read = await Store.GetAsync<ContractDocument>(Container, pk, "doc-1");
        Assert.Equal(winner.Count, read?.Value.Count);
        Assert.Equal(winner.ETag, read?.ETag);
    }

    [Fact]
    public async Task Given_racing_create_only_writers_Then_exactly_one_creates()
    {
        const int writers = 10;
        var pk = NewPartitionKey();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racers = Enumerable.Range(1, writers)
            .Select(count => Task.Run(async () =>
            {
                await start.Task;
                return (Count: count, ETag: await Store.TryWriteAsync(Container, pk, "claim", ContractDocument.Create("claim", count), ifMatch: null));
            }))
            .ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(racers);

        var winner = Assert.Single(outcomes, o => o.ETag is not null);
        Assert.Equal(winner.Count, (await Store.GetAsync<ContractDocument>(Container, pk, "claim"))?.Value.Count);
    }

    [Fact]
    public async Task Given_upserts_Then_they_create_and_replace_and_each_gives_a_new_etag_that_retires_the_old()
    {
        var pk = NewPartitionKey();

        var created = await Store.UpsertAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 1));
        var replaced = await Store.UpsertAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 2));

        Assert.False(string.IsNullOrEmpty(created));
        Assert.NotEqual(created, replaced);
        var read = await Store.GetAsync<ContractDocument>(Container, pk, "doc-1");
        Assert.Equal(2, read?.Value.Count);
        Assert.Equal(replaced, read?.ETag);
        Assert.Null(await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 3), created));
        Assert.NotNull(await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 3), replaced));
    }

    [Fact]
    public async Task Given_a_document_When_deleting_it_Then_it_is_gone_and_can_be_created_again()
    {
        var pk = NewPartitionKey();
        await Store.UpsertAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1"));

        await Store.DeleteAsync(Container, pk, "doc-1");

        Assert.Null(await Store.GetAsync<ContractDocument>(Container, pk, "doc-1"));
        Assert.Empty(await Store.ListAsync<ContractDocument>(Container, pk, 0, 10));
        Assert.NotNull(await Store.TryWriteAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1"), ifMatch: null));
    }

    [Fact]
    public async Task Given_no_document_When_deleting_it_Then_nothing_happens()
    {
        await Store.DeleteAsync(Container, NewPartitionKey(), "absent");
    }

    [Fact]
    public async Task Given_documents_written_out_of_order_When_listing_in_pages_Then_they_come_in_id_order()
    {
        var pk = NewPartitionKey();
        var ids = Enumerable.Range(0, 25).Select(i => $"doc-{i:D2}").ToList();
        foreach (var id in ids.OrderBy(id => id.GetHashCode(StringComparison.Ordinal)))
        {
            await Store.UpsertAsync(Container, pk, id, ContractDocument.Create(id));
        }

        var pages = new List<IReadOnlyList<ContractDocument>>();
        for (var skip = 0; skip < 30; skip += 10)
        {
            pages.Add(await Store.ListAsync<ContractDocument>(Container, pk, skip, 10));
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        Assert.Equal(ids, pages.SelectMany(p => p).Select(d => d.Id));
        Assert.Empty(await Store.ListAsync<ContractDocument>(Container, pk, 25, 10));
        Assert.Equal(["doc-07", "doc-08", "doc-09"], (await Store.ListAsync<ContractDocument>(Container, pk, 7, 3)).Select(d => d.Id));
    }

    [Fact]
    public async Task Given_documents_written_out_of_order_When_walking_continuations_Then_each_comes_once_in_id_order_and_the_last_page_has_none()
    {
        var pk = NewPartitionKey();
        var ids = Enumerable.Range(0, 25).Select(i => $"doc-{i:D2}").ToList();
        foreach (var id in ids.OrderBy(id => id.GetHashCode(StringComparison.Ordinal)))
        {
            await Store.UpsertAsync(Container, pk, id, ContractDocument.Create(id));
        }

        await Store.UpsertAsync(Container, NewPartitionKey(), "doc-05b", ContractDocument.Create("doc-05b"));
        var pages = new List<DocumentPage<ContractDocument>>();
        string? continuation = null;
        do
        {
            var page = await Store.ListPageAsync<ContractDocument>(Container, pk, 10, continuation);
            pages.Add(page);
            continuation = page.Continuation;
        }
        while (continuation is not null && pages.Count < 10);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Items.Count));
        Assert.Equal(ids, pages.SelectMany(p => p.Items).Select(d => d.Id));
        Assert.Null(pages[^1].Continuation);
        Assert.Empty((await Store.ListPageAsync<ContractDocument>(OtherContainer, pk, 10, null)).Items);
    }

    [Fact]
    public async Task Given_a_page_that_ends_the_partition_exactly_Then_it_has_no_continuation()
    {
        var pk = NewPartitionKey();
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            await Store.UpsertAsync(Container, pk, id, ContractDocument.Create(id));
        }

        var first = await Store.ListPageAsync<ContractDocument>(Container, pk, 2, null);
        var second = await Store.ListPageAsync<ContractDocument>(Container, pk, 2, first.Continuation);

        Assert.NotNull(first.Continuation);
        Assert.Equal(["c", "d"], second.Items.Select(d => d.Id));
        Assert.Null(second.Continuation);
    }

    [Fact]
    public async Task Given_a_continuation_When_a_document_is_added_before_it_Then_the_next_page_still_starts_after_the_last_one_given()
    {
        var pk = NewPartitionKey();
        foreach (var id in new[] { "b", "d", "f", "h" })
        {
            await Store.UpsertAsync(Container, pk, id, ContractDocument.Create(id));
        }

        var first = await Store.ListPageAsync<ContractDocument>(Container, pk, 2, null);
        await Store.UpsertAsync(Container, pk, "a", ContractDocument.Create("a"));
        await Store.UpsertAsync(Container, pk, "e", ContractDocument.Create("e"));
        var second = await Store.ListPageAsync<ContractDocument>(Container, pk, 10, first.Continuation);

        Assert.Equal(["b", "d"], first.Items.Select(d => d.Id));
        Assert.Equal(["e", "f", "h"], second.Items.Select(d => d.Id));
    }

    [Fact]
    public async Task Given_the_same_id_in_two_partitions_Then_each_partition_keeps_its_own_document()
    {
        var left = NewPartitionKey();
        var right = NewPartitionKey();
        await Store.UpsertAsync(Container, left, "doc-1", ContractDocument.Create("doc-1", count: 1));
        await Store.UpsertAsync(Container, right, "doc-1", ContractDocument.Create("doc-1", count: 2));
        await Store.UpsertAsync(Container, right, "doc-2", ContractDocument.Create("doc-2", count: 3));

        await Store.DeleteAsync(Container, left, "doc-1");

        Assert.Null(await Store.GetAsync<ContractDocument>(Container, left, "doc-1"));
        Assert.Equal(2, (await Store.GetAsync<ContractDocument>(Container, right, "doc-1"))?.Value.Count);
        Assert.Empty(await Store.ListAsync<ContractDocument>(Container, left, 0, 10));
        Assert.Equal(["doc-1", "doc-2"], (await Store.ListAsync<ContractDocument>(Container, right, 0, 10)).Select(d => d.Id));
        Assert.Null(await Store.TryWriteAsync(Container, right, "doc-1", ContractDocument.Create("doc-1"), ifMatch: null));
    }

    [Fact]
    public async Task Given_the_same_key_in_two_containers_Then_each_container_keeps_its_own_document()
    {
        var pk = NewPartitionKey();
        await Store.UpsertAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", count: 1));

        Assert.Null(await Store.GetAsync<ContractDocument>(OtherContainer, pk, "doc-1"));
        Assert.Empty(await Store.ListAsync<ContractDocument>(OtherContainer, pk, 0, 10));
        await Store.UpsertAsync(OtherContainer, pk, "doc-1", ContractDocument.Create("doc-1", count: 2));
        Assert.Equal(1, (await Store.GetAsync<ContractDocument>(Container, pk, "doc-1"))?.Value.Count);
    }

    [Fact]
    public async Task Given_groups_one_with_a_stale_etag_When_writing_them_Then_that_group_writes_nothing_and_the_others_are_written_whole()
    {
        var (pk, other) = (NewPartitionKey(), NewPartitionKey());
        var stale = await Store.TryWriteAsync(Container, pk, "doc-2", ContractDocument.Create("doc-2"), ifMatch: null);
        await Store.UpsertAsync(Container, pk, "doc-2", ContractDocument.Create("doc-2", 2));

        var results = await Store.WriteGroupsAsync(
        [
            new DocumentGroup(Container, pk, [new DocumentWrite("doc-1", ContractDocument.Create("doc-1", 7), null), new DocumentWrite("doc-2", ContractDocument.Create("doc-2", 7), stale)]),
            new DocumentGroup(Container, other, [new DocumentWrite("doc-1", ContractDocument.Create("doc-1", 8), null), new DocumentWrite("doc-3", ContractDocument.Create("doc-3", 9), null)]),
        ]);

        Assert.Null(results[0]);
        Assert.Null(await Store.GetAsync<ContractDocument>(Container, pk, "doc-1"));
        Assert.Equal(2, (await Store.GetAsync<ContractDocument>(Container, pk, "doc-2"))!.Value.Count);
        Assert.Equal(2, results[1]!.Count);
        var written = await Store.GetAsync<ContractDocument>(Container, other, "doc-3");
        Assert.Equal((9, results[1]![1]), (written!.Value.Count, written.ETag));
        Assert.Equal(8, (await Store.GetAsync<ContractDocument>(Container, other, "doc-1"))!.Value.Count);
    }

    [Fact]
    public async Task Given_a_group_deleting_documents_Then_a_deletion_at_the_etag_read_lands_with_the_group_and_one_at_a_stale_etag_fails_it_whole()
    {
        var pk = NewPartitionKey();
        var first = await Store.UpsertAsync(Container, pk, "doc-1", ContractDocument.Create("doc-1", 1));
        var stale = await Store.UpsertAsync(Container, pk, "doc-2", ContractDocument.Create("doc-2", 2));
        var current = await Store.UpsertAsync(Container, pk, "doc-2", ContractDocument.Create("doc-2", 3));

        var results = await Store.WriteGroupsAsync(
        [
            new DocumentGroup(Container, pk, [DocumentWrite.Delete("doc-2", stale), new DocumentWrite("doc-3", ContractDocument.Create("doc-3", 4), null)]),
        ]);

        Assert.Null(results[0]);
        Assert.Equal(3, (await Store.GetAsync<ContractDocument>(Container, pk, "doc-2"))!.Value.Count);
        Assert.Null(await Store.GetAsync<ContractDocument>(Container, pk, "doc-3"));

        results = await Store.WriteGroupsAsync(
        [
            new DocumentGroup(Container, pk, [DocumentWrite.Delete("doc-2", current), new DocumentWrite("doc-1", ContractDocument.Create("doc-1", 5), first)]),
        ]);

        Assert.Equal(2, results[0]!.Count);
        Assert.Null(await Store.GetAsync<ContractDocument>(Container, pk, "doc-2"));
        var written = await Store.GetAsync<ContractDocument>(Container, pk, "doc-1");
        Assert.Equal((5, results[0]![1]), (written!.Value.Count, written.ETag));
        Assert.Equal(["doc-1"], (await Store.ListAsync<ContractDocument>(Container, pk, 0, 10)).Select(d => d.Id));
    }

    private static string NewPartitionKey() => $"pk-{Guid.NewGuid():N}";
}
