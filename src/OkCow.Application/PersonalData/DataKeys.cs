using OkCow.Application.Documents;

namespace OkCow.Application.PersonalData;

/// <summary>
/// An investor's data key as stored: wrapped (AES-GCM) under the KEK version <paramref name="KekVersion"/>, as
/// base64 of nonce, ciphertext and tag. The clear key never leaves the process.
/// </summary>
public sealed record StoredDataKey(Guid InvestorId, string KekVersion, string Wrapped, DateTimeOffset CreatedAt);

/// <summary>
/// The per-investor data keys, kept outside the event log so that destroying one erases what it sealed: the <c>keys</c>
/// container on Cosmos DB, a table of the embedded SQLite file locally.
/// </summary>
public interface IDataKeyStore
{
    Task<Document<StoredDataKey>?> GetAsync(Guid investorId, CancellationToken cancellationToken);

    /// <summary>Creates the key if the investor has none; false when one exists already.</summary>
    Task<bool> TryCreateAsync(StoredDataKey key, CancellationToken cancellationToken);

    /// <summary>Replaces the key if it is still at <paramref name="etag"/>; false otherwise.</summary>
    Task<bool> TryReplaceAsync(StoredDataKey key, string etag, CancellationToken cancellationToken);

    /// <summary>Destroys the key (crypto-shredding); nothing it sealed can be opened again.</summary>
    Task DeleteAsync(Guid investorId, CancellationToken cancellationToken);

    /// <summary>Investor ids with a key, in id order, paged (for rewrapping after a KEK rotation).</summary>
    Task<IReadOnlyList<Guid>> ListAsync(int skip, int take, CancellationToken cancellationToken);
}

/// <summary>
/// Data keys as documents of the <see cref="Containers.Keys"/> container, all in one partition (each ~200 bytes), so a
/// rewrap pages through them without a cross-partition query.
/// </summary>
public sealed class DocumentDataKeyStore(IDocumentStore documents) : IDataKeyStore
{
    public const string Partition = "data-keys";

    public Task<Document<StoredDataKey>?> GetAsync(Guid investorId, CancellationToken cancellationToken) =>
        documents.GetAsync<StoredDataKey>(Containers.Keys, Partition, Id(investorId), cancellationToken);

    public async Task<bool> TryCreateAsync(StoredDataKey key, CancellationToken cancellationToken) =>
        await documents.TryWriteAsync(Containers.Keys, Partition, Id(key.InvestorId), key, null, cancellationToken).ConfigureAwait(false) is not null;

    public async Task<bool> TryReplaceAsync(StoredDataKey key, string etag, CancellationToken cancellationToken) =>
        await documents.TryWriteAsync(Containers.Keys, Partition, Id(key.InvestorId), key, etag, cancellationToken).ConfigureAwait(false) is not null;

    public Task DeleteAsync(Guid investorId, CancellationToken cancellationToken) =>
        documents.DeleteAsync(Containers.Keys, Partition, Id(investorId), cancellationToken);

    public async Task<IReadOnlyList<Guid>> ListAsync(int skip, int take, CancellationToken cancellationToken) =>
        [.. (await documents.ListAsync<StoredDataKey>(Containers.Keys, Partition, skip, take, cancellationToken).ConfigureAwait(false)).Select(k => k.InvestorId)];

    private static string Id(Guid investorId) => investorId.ToString("D");
}
