using OkCow.Application.Documents;

namespace OkCow.Infrastructure.Cosmos.Documents;

/// <summary>How the document store writes to particular containers.</summary>
/// <param name="TimeToLiveSeconds">
/// Per container, the <c>ttl</c> written on every document, so Cosmos expires it (the container must have TTL enabled).
/// </param>
public sealed record CosmosDocumentStoreOptions(IReadOnlyDictionary<string, int> TimeToLiveSeconds)
{
    /// <summary>Idempotency-Key records expire after a day; nothing else expires.</summary>
    public static CosmosDocumentStoreOptions Default { get; } = new(
        new Dictionary<string, int>(StringComparer.Ordinal) { [Containers.Idempotency] = 24 * 60 * 60 });
}
