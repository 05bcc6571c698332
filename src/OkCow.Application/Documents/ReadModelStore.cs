namespace OkCow.Application.Documents;

/// <summary>
/// The document store as the read side sees it: the read containers of one generation. Generation "" is the
/// containers of <see cref="Containers"/>; generation "g2" is "investors-g2", "funds-g2", and so on. A rebuild fills a
/// fresh generation from the log, and switching the <c>OkCow:ReadModels:Generation</c> setting points projections
/// and queries at it. Idempotency records, the parking lot and the data keys are not read models and never move.
/// </summary>
public sealed class ReadModelStore(IDocumentStore inner, string generation) : IDocumentStore
{
    public string Generation { get; } = IsValidGeneration(generation)
        ? generation
        : throw new ArgumentException("A read-model generation is empty or 1-16 lowercase letters and digits.", nameof(generation));

    public static bool IsValidGeneration(string generation) =>
        generation.Length <= 16 && generation.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    public string ContainerFor(string container) =>
        Generation.Length == 0 || container is Containers.Idempotency or Containers.Parked or Containers.Keys ? container : $"{container}-{Generation}";

    public Task<Document<T>?> GetAsync<T>(string container, string partitionKey, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync<T>(ContainerFor(container), partitionKey, id, cancellationToken);

    public Task<string?> TryWriteAsync<T>(string container, string partitionKey, string id, T value, string? ifMatch, CancellationToken cancellationToken = default) =>
        inner.TryWriteAsync(ContainerFor(container), partitionKey, id, value, ifMatch, cancellationToken);

    public Task<string> UpsertAsync<T>(string container, string partitionKey, string id, T value, CancellationToken cancellationToken = default) =>
        inner.UpsertAsync(ContainerFor(container), partitionKey, id, value, cancellationToken);

    public Task DeleteAsync(string container, string partitionKey, string id, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(ContainerFor(container), partitionKey, id, cancellationToken);

    public Task<IReadOnlyList<Document<T>?>> GetManyAsync<T>(string container, IReadOnlyList<(string PartitionKey, string Id)> keys, CancellationToken cancellationToken = default) =>
        inner.GetManyAsync<T>(ContainerFor(container), keys, cancellationToken);

    public Task<IReadOnlyList<IReadOnlyList<string>?>> WriteGroupsAsync(IReadOnlyList<DocumentGroup> groups, CancellationToken cancellationToken = default) =>
        inner.WriteGroupsAsync([.. groups.Select(g => g with { Container = ContainerFor(g.Container) })], cancellationToken);

    public Task<IReadOnlyList<T>> ListAsync<T>(string container, string partitionKey, int skip, int take, CancellationToken cancellationToken = default) =>
        inner.ListAsync<T>(ContainerFor(container), partitionKey, skip, take, cancellationToken);

    public Task<DocumentPage<T>> ListPageAsync<T>(string container, string partitionKey, int take, string? continuation, CancellationToken cancellationToken = default) =>
        inner.ListPageAsync<T>(ContainerFor(container), partitionKey, take, continuation, cancellationToken);
}
