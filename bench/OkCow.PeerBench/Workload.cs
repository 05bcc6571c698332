using System.Security.Cryptography;
using OkCow.Application.EventStore;
using OkCow.Domain.Investors;

namespace OkCow.PeerBench;

/// <summary>
/// The events both stores are given: an investor's registration, then deposits, exactly as OkCow's investor stream
/// holds them (the same records, serialised with the same camelCase JSON by both stores).
/// </summary>
public static class Workload
{
    public const long DepositAmount = 250_000;

    public const string CorrelationId = "bench-correlation-7d1f0c2e";

    public const string CausationId = "bench-request-4b9a";

    public const string Actor = "bench-user";

    public static readonly EventMetadata Metadata = new(CorrelationId, CausationId, Actor);

    // The shape PasswordHasher writes (scheme, iterations, salt, hash), so the registration is as large as a real one.
    private static readonly string PasswordHash =
        $"pbkdf2-sha256$600000${Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}${Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";

    public static InvestorEvent Registered(Guid investorId, DateTimeOffset at) =>
        new InvestorEvent.InvestorRegistered(investorId, "Investor " + investorId.ToString("N")[..8], "login-" + investorId.ToString("N")[..12], PasswordHash, at);

    public static InvestorEvent Deposit(Guid investorId, DateTimeOffset at) =>
        new InvestorEvent.CashDeposited(investorId, DepositAmount, at);

    /// <summary>A stream of <paramref name="length"/> events: the registration, then deposits.</summary>
    public static IReadOnlyList<InvestorEvent> Stream(Guid investorId, int length, DateTimeOffset at) =>
        [Registered(investorId, at), .. Enumerable.Range(1, length - 1).Select(_ => Deposit(investorId, at))];

    /// <summary>Every concrete investor event type, for the peer's event type registry.</summary>
    public static IEnumerable<Type> InvestorEventTypes() =>
        typeof(InvestorEvent).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(InvestorEvent)) && !t.IsAbstract);
}
