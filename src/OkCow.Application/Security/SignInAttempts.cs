using OkCow.Application.Documents;
using OkCow.Application.PersonalData;

namespace OkCow.Application.Security;

/// <summary>
/// The recent failed sign-ins of one login id: at most <see cref="SignInAttempts.MaxFailures"/> instants, so the
/// record never grows, and it expires by TTL once the window has passed.
/// </summary>
public sealed record SignInFailures(IReadOnlyList<DateTimeOffset> Failures, int Ttl);

/// <summary>
/// Lockout after repeated failures (SPEC 6: five within fifteen minutes), kept in the document store so that every
/// instance of the app sees the same count. Written with ETags, so concurrent failures are all counted. The record is
/// keyed by a keyed hash (HMAC) of the login id: unknown login ids are counted too, and nothing a client types becomes a key.
/// </summary>
public sealed class SignInAttempts(IDocumentStore documents, TimeProvider clock, Pseudonyms pseudonyms)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>How long sign-in for <paramref name="loginId"/> stays locked; null when it is not locked.</summary>
    public async Task<TimeSpan?> LockedForAsync(string loginId, CancellationToken cancellationToken)
    {
        var key = KeyOf(loginId);
        var stored = await documents.GetAsync<SignInFailures>(Containers.Idempotency, key, key, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : LockedFor(stored.Value.Failures, clock.GetUtcNow());
    }

    public async Task RecordFailureAsync(string loginId, CancellationToken cancellationToken)
    {
        var key = KeyOf(loginId);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var now = clock.GetUtcNow();
            var stored = await documents.GetAsync<SignInFailures>(Containers.Idempotency, key, key, cancellationToken).ConfigureAwait(false);
            var recent = (stored?.Value.Failures ?? []).Where(at => now - at < Window).Append(now).TakeLast(MaxFailures).ToList();
            var record = new SignInFailures(recent, (int)Window.TotalSeconds);
            if (await documents.TryWriteAsync(Containers.Idempotency, key, key, record, stored?.ETag, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }
    }

    public Task ClearAsync(string loginId, CancellationToken cancellationToken)
    {
        var key = KeyOf(loginId);
        return documents.DeleteAsync(Containers.Idempotency, key, key, cancellationToken);
    }

    /// <summary>Locked while the last <see cref="MaxFailures"/> failures all lie within <see cref="Window"/>.</summary>
    public static TimeSpan? LockedFor(IReadOnlyList<DateTimeOffset> failures, DateTimeOffset now)
    {
        var recent = failures.Where(at => now - at < Window).ToList();
        return recent.Count >= MaxFailures ? recent.Min() + Window - now : null;
    }

    private string KeyOf(string loginId) => "signin-" + pseudonyms.Of("signin", loginId)[..40];
}
