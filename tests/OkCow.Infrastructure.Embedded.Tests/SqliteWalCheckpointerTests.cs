using System.Text.Json;
using OkCow.Application.EventStore;
using OkCow.StoreContracts;

namespace OkCow.Infrastructure.Embedded.Tests;

/// <summary>
/// No commit checkpoints the write-ahead log (SQLite would, in the commit that crosses 1,000 log pages): the store's
/// own checkpointer folds it into the file, only when something was committed since its last look.
/// </summary>
public sealed class SqliteWalCheckpointerTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Given_appends_filling_more_than_a_thousand_log_pages_Then_no_commit_checkpointed_and_the_checkpointer_folds_them_all()
    {
        using var store = EmbeddedStore.Open(_folder.Path, Timeout.InfiniteTimeSpan);
        Assert.NotNull(store.WalCheckpointer.CheckpointIfWritten());
        Assert.Null(store.WalCheckpointer.CheckpointIfWritten());

        // 300 appends of 16 KB: at least 1,200 pages of 4 KB, well past SQLite's automatic threshold.
        var padding = new string('x', 16 * 1024);
        for (var i = 0; i < 300; i++)
        {
            var padded = ContractEvents.Create(i) with { Data = JsonSerializer.SerializeToElement(new { number = i, padding }) };
            await store.Events.AppendAsync(ContractEvents.NewStreamId("wal"), ExpectedVersion.NoStream, [padded]);
        }

        var checkpoint = store.WalCheckpointer.CheckpointIfWritten();
        Assert.NotNull(checkpoint);
        Assert.True(checkpoint.Value.LogPages > 1_200, $"{checkpoint.Value.LogPages} log pages: a commit checkpointed and restarted the log");
        Assert.Equal(checkpoint.Value.LogPages, checkpoint.Value.CheckpointedPages);
        Assert.Null(store.WalCheckpointer.CheckpointIfWritten());

        await store.Events.AppendAsync(ContractEvents.NewStreamId("wal"), ExpectedVersion.NoStream, [ContractEvents.Create(300)]);
        Assert.NotNull(store.WalCheckpointer.CheckpointIfWritten());
    }

    [Fact]
    public async Task Given_the_default_store_When_something_is_committed_Then_its_timer_checkpoints_the_log()
    {
        using var store = _folder.Open();
        var checkpointed = store.WalCheckpointer.NextCheckpoint;
        await store.Events.AppendAsync(ContractEvents.NewStreamId("wal"), ExpectedVersion.NoStream, [ContractEvents.Create(1)]);

        await checkpointed.WaitAsync(TimeSpan.FromSeconds(30));
        var events = await store.Events.ReadAsync(null, 10);
        Assert.Single(events.Events);
    }
}
