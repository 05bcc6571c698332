using System.Text;
using OkCow.Application.Commands;
using OkCow.Application.PersonalData;
using OkCow.Domain.Investors;

namespace OkCow.Application.Security;

/// <summary>Who signed in: the subject recorded as the actor of their events, their role and, for investors, their id.</summary>
public sealed record SignedIn(string Subject, string Role, Guid? InvestorId);

/// <summary>The outcome of a sign-in: signed in, refused (unknown login id or wrong password alike), or locked out.</summary>
public abstract record SignInOutcome
{
    private SignInOutcome()
    {
    }

    public sealed record Success(SignedIn Who) : SignInOutcome;

    public sealed record Refused : SignInOutcome;

    public sealed record Locked(TimeSpan RetryAfter) : SignInOutcome;
}

/// <summary>The local host's one operator account (SPEC 6); absent in Azure, where operators sign in with Entra ID.</summary>
public sealed record LocalOperatorAccount(string PasswordHash)
{
    public const string LoginId = "operator";
}

public static class Roles
{
    public const string Investor = "investor";
    public const string Operator = "operator";
}

/// <summary>
/// Investor (and local operator) sign-in with the stored password hash. An unknown login id and a wrong password take
/// the same path (a verification at the same cost) and give the same answer; five failures within fifteen minutes lock
/// the login id. A hash made at a lower cost than the configured one is replaced on a successful sign-in.
/// </summary>
public sealed class SignInService(
    InvestorHandler investors,
    ClaimHandler claims,
    PasswordHasher passwords,
    SignInAttempts attempts,
    TimeProvider clock,
    Pseudonyms pseudonyms,
    IEnumerable<LocalOperatorAccount> operatorAccounts,
    Telemetry.OkCowTelemetry? telemetry = null)
{
    private readonly LocalOperatorAccount? _operator = operatorAccounts.LastOrDefault();

    /// <summary>How login ids are compared: NFKC and lower case, so a look-alike of a login id names the same account.</summary>
    public static string NormalizeLoginId(string loginId) => LookAlikes.Fold(loginId).ToLowerInvariant();

    public async Task<SignInOutcome> SignInAsync(string loginId, string password, CancellationToken cancellationToken)
    {
        var normalized = NormalizeLoginId(loginId);
        if (await attempts.LockedForAsync(normalized, cancellationToken).ConfigureAwait(false) is { } lockedFor)
        {
            telemetry?.SignInLockedOut();
            return new SignInOutcome.Locked(lockedFor);
        }

        var (who, hash) = await FindAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (!await passwords.VerifyAsync(password, hash, cancellationToken).ConfigureAwait(false) || who is null)
        {
            await attempts.RecordFailureAsync(normalized, cancellationToken).ConfigureAwait(false);
            telemetry?.SignInFailed();
            return new SignInOutcome.Refused();
        }

        await attempts.ClearAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (who.InvestorId is { } investorId && passwords.NeedsRehash(hash!))
        {
            var rehashed = await passwords.HashAsync(password, cancellationToken).ConfigureAwait(false);
            var context = new CommandContext(Guid.NewGuid().ToString(), null, who.Subject);
            await investors.HandleAsync(Streams.Investor(investorId), new InvestorCommand.RehashPassword(investorId, rehashed, clock.GetUtcNow()), context, cancellationToken).ConfigureAwait(false);
        }

        return new SignInOutcome.Success(who);
    }

    private async Task<(SignedIn? Who, string? Hash)> FindAsync(string loginId, CancellationToken cancellationToken)
    {
        if (loginId == LocalOperatorAccount.LoginId)
        {
            return _operator is null ? (null, null) : (new SignedIn(LocalOperatorAccount.LoginId, Roles.Operator, null), _operator.PasswordHash);
        }

        // An erased investor's login id was released (or its owner is no longer registered): refused like an unknown one.
        var (claim, _) = await claims.LoadAsync(pseudonyms.LoginIdStream(loginId), cancellationToken).ConfigureAwait(false);
        if (!claim.Claimed && Streams.IsWellFormed(Pseudonyms.LegacyLoginIdStream(loginId)))
        {
            // A folder written before pseudonyms: its investors' claims are still under the login id in clear.
            (claim, _) = await claims.LoadAsync(Pseudonyms.LegacyLoginIdStream(loginId), cancellationToken).ConfigureAwait(false);
        }

        if (!claim.Claimed)
        {
            return (null, null);
        }

        var (investor, _) = await investors.LoadAsync(Streams.Investor(claim.OwnerId), cancellationToken).ConfigureAwait(false);
        return investor.Registered
            ? (new SignedIn(InvestorSubject(claim.OwnerId), Roles.Investor, claim.OwnerId), investor.PasswordHash)
            : (null, null);
    }

    public static string InvestorSubject(Guid investorId) => $"investor:{investorId}";
}
