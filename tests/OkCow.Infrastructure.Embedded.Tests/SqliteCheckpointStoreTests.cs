namespace OkCow.Infrastructure.Embedded.Tests;

public sealed class SqliteCheckpointStoreTests : IDisposable
{
    private readonly TempDataFolder _folder = new();
    private readonly EmbeddedStore _store;

    public SqliteCheckpointStoreTests() => _store = _folder.Open();

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Given_a_new_consumer_Then_it_has_no_checkpoint()
    {
        Assert.Null(await _store.Checkpoints.GetAsync("projector"));
    }

    [Fact]
    public async Task Given_checkpoints_When_setting_them_again_Then_each_consumer_keeps_its_latest()
    {
        await _store.Checkpoints.SetAsync("projector", "10");
        await _store.Checkpoints.SetAsync("saga", "3");

        await _store.Checkpoints.SetAsync("projector", "25");

        Assert.Equal("25", await _store.Checkpoints.GetAsync("projector"));
        Assert.Equal("3", await _store.Checkpoints.GetAsync("saga"));
    }
}
