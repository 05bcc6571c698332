using System.Text.Json;
using OkCow.Application.Documents;
using OkCow.Domain.Common;

namespace OkCow.Application.Commands;

/// <summary>The answer a command gave, kept so a repeat with the same Idempotency-Key gets the same answer.</summary>
public sealed record StoredAnswer(int Status, string? Location, JsonElement Body);

/// <summary>An Idempotency-Key record: the request's fingerprint and, once done, its answer. Expires after a day.</summary>
public sealed record IdempotencyRecord(string Key, string Fingerprint, StoredAnswer? Answer, DateTimeOffset StartedAt, int Ttl);

/// <summary>Either the caller runs the command (<see cref="Claimed"/>), or it replays the first answer.</summary>
public sealed record IdempotencyDecision(string? ClaimETag, StoredAnswer? Replay)
{
    public bool Claimed => ClaimETag is not null;
}

/// <summary>
/// Idempotency-Key handling: the key is claimed with a create-only write (so of two concurrent requests exactly one
/// runs), the answer is stored when the command succeeds, and a refused command frees the key. The same key with
/// another request is <see cref="ErrorCodes.DuplicateRequest"/>. A repeat that arrives while the first is running
/// waits (up to <see cref="MaxWait"/>) for its answer. A claim whose request died between writing its events and
/// storing its answer is never taken over: nothing here can tell whether its command took effect, and running it again
/// could apply it twice. Such a key answers <see cref="ErrorCodes.ConcurrencyConflict"/> until it expires.
/// </summary>
public sealed class IdempotencyGuard(IDocumentStore documents, TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    public async Task<IdempotencyDecision> BeginAsync(string key, string fingerprint, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var decision = await TryBeginAsync(key, fingerprint, cancellationToken).ConfigureAwait(false);
            if (decision is not null)
            {
                return decision;
            }

            if (waited >= MaxWait)
            {
                throw new DomainException(
                    ErrorCodes.ConcurrencyConflict,
                    "A request with this Idempotency-Key has not finished; retry shortly. If it was interrupted, check the resource before sending it again under a new key.");
            }

            // The first request with this key is still running: its answer is this one's too.
            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
            waited += PollEvery;
        }
    }

    /// <summary>Null while another request holds the key without an answer.</summary>
    private async Task<IdempotencyDecision?> TryBeginAsync(string key, string fingerprint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fresh = new IdempotencyRecord(key, fingerprint, null, now, (int)Retention.TotalSeconds);
        var etag = await documents.TryWriteAsync(Containers.Idempotency, key, key, fresh, null, cancellationToken).ConfigureAwait(false);
        if (etag is not null)
        {
            return new IdempotencyDecision(etag, null);
        }

        var existing = await documents.GetAsync<IdempotencyRecord>(Containers.Idempotency, key, key, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return await TryBeginAsync(key, fingerprint, cancellationToken).ConfigureAwait(false);
        }

        if (existing.Value.Fingerprint != fingerprint)
        {
            throw new DomainException(ErrorCodes.DuplicateRequest, "This Idempotency-Key was used with a different request.");
        }

        if (existing.Value.Answer is { } answer)
        {
            return new IdempotencyDecision(null, answer);
        }

        return null;
    }

    public async Task CompleteAsync(string key, string fingerprint, string claimETag, StoredAnswer answer, CancellationToken cancellationToken)
    {
        var record = new IdempotencyRecord(key, fingerprint, answer, clock.GetUtcNow(), (int)Retention.TotalSeconds);
        await documents.TryWriteAsync(Containers.Idempotency, key, key, record, claimETag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A refused command wrote nothing; the key is free for a retry. Only the claim's owner calls this.</summary>
    public Task ReleaseAsync(string key, CancellationToken cancellationToken) =>
        documents.DeleteAsync(Containers.Idempotency, key, key, cancellationToken);
}
