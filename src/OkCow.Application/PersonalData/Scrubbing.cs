namespace OkCow.Application.PersonalData;

/// <summary>
/// What a store does once personal data was erased so that its files no longer hold it: the embedded SQLite store
/// checkpoints and truncates its write-ahead log (deleted content is zeroed by <c>secure_delete</c>). Cosmos DB needs
/// nothing here: a replaced or deleted document is gone from the service.
/// </summary>
public interface IStorageScrubber
{
    Task ScrubAsync(CancellationToken cancellationToken);
}

public sealed class NoStorageScrubbing : IStorageScrubber
{
    public Task ScrubAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
