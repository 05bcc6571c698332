using OkCow.Application.PersonalData;
using OkCow.Application.Queries;
using OkCow.Application.Security;
using OkCow.Domain.Common;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using OkCow.Domain.Registry;

namespace OkCow.Application.Commands;

/// <summary>What a command wrote first: its stream and version. Later saga steps show up on the status resources.</summary>
public sealed record CommandReceipt(string StreamId, long Version);

/// <summary>A creation's receipt with the id it created under (an orphaned claim's owner id when it completed one).</summary>
public sealed record CreatedReceipt(Guid Id, string StreamId, long Version);

/// <summary>Market settings: the R19 fee rate per side.</summary>
public sealed record MarketOptions(decimal FeeRate = 0m);

/// <summary>
/// The use cases behind the HTTP command routes. Each builds a domain command (reading lookups first), runs it through
/// the pipeline on the stream it writes first and reports that stream's version; cross-stream work continues in the sagas.
/// Ids are made here, never in the domain.
/// </summary>
public sealed class OkCowCommands(
    InvestorHandler investors,
    FundHandler funds,
    OrderBookHandler books,
    McpiHandler mcpi,
    ClaimHandler claims,
    Lookups lookups,
    PasswordHasher passwords,
    MarketOptions market,
    TimeProvider clock,
    PersonalDataVault vault,
    Pseudonyms pseudonyms,
    IStorageScrubber scrubber,
    ReadQueries? queries = null)
{
    public const int MinPasswordLength = 8;

    /// <summary>How old a claim without its stream must be before a new registration completes it.</summary>
    public static readonly TimeSpan OrphanAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Claims the login id (under its keyed hash), then creates the investor with the name and login id sealed under
    /// the investor's data key. A claim whose investor was never created (the request died between the two writes) does
    /// not burn the login id: the next registration of it completes that claim, creating the investor under the claim's
    /// owner id, so the login id is either usable by its investor or free to take. A claim left by an erased investor is
    /// released and taken.
    /// </summary>
    public async Task<CreatedReceipt> RegisterInvestorAsync(Guid investorId, string name, string loginId, string password, CommandContext context, CancellationToken cancellationToken)
    {
        if (password.Length < MinPasswordLength)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, $"password must have at least {MinPasswordLength} characters.");
        }

        if (SignInService.NormalizeLoginId(loginId) == LocalOperatorAccount.LoginId)
        {
            throw new DomainException(ErrorCodes.LoginIdTaken, $"The login id '{LocalOperatorAccount.LoginId}' is reserved.");
        }

        var now = clock.GetUtcNow();

        // Validate before the slow hash and before claiming, so a bad request costs little and never burns the login id.
        name = InvestorDecider.ValidateDetails(name, loginId);
        await RefuseLegacyClaimAsync(Pseudonyms.LegacyLoginIdStream(loginId), ErrorCodes.LoginIdTaken, cancellationToken).ConfigureAwait(false);
        var hash = await passwords.HashAsync(password, cancellationToken).ConfigureAwait(false);
        investorId = await ClaimOrAdoptAsync(
            pseudonyms.LoginIdStream(loginId),
            new ClaimKey("loginId", pseudonyms.LoginIdKey(loginId), investorId, ErrorCodes.LoginIdTaken, now),
            async owner => (await investors.LoadAsync(Streams.Investor(owner), cancellationToken).ConfigureAwait(false)).State switch
            {
                { Erased: true } => Owner.Erased,
                { Registered: true } => Owner.Exists,
                _ => Owner.Missing,
            },
            context,
            cancellationToken).ConfigureAwait(false);
        var sealedName = await vault.SealAsync(investorId, PersonalDataVault.NameField, name, cancellationToken).ConfigureAwait(false);
        var sealedLoginId = await vault.SealAsync(investorId, PersonalDataVault.LoginIdField, loginId, cancellationToken).ConfigureAwait(false);
        var result = await investors.HandleAsync(Streams.Investor(investorId), new InvestorCommand.Register(investorId, sealedName, sealedLoginId, hash, now), context, cancellationToken).ConfigureAwait(false);
        return new CreatedReceipt(investorId, result.StreamId, result.Version);
    }

    /// <summary>
    /// Closes an empty account and erases its personal data (SPEC §9): records <c>InvestorErased</c>, frees the login
    /// id, destroys the data key (so the sealed name and login id in the log can never be opened again) and lets the
    /// store scrub its files. Repeating it after a crash finishes what is left. Refused with
    /// <see cref="ErrorCodes.PersonalDataNotUpgraded"/> while the investor's events still hold the name in clear.
    /// </summary>
    public async Task<CommandReceipt> EraseInvestorAsync(Guid investorId, CommandContext context, CancellationToken cancellationToken)
    {
        var stream = Streams.Investor(investorId);
        var (state, _) = await investors.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        if (state.Registered && (!PersonalDataVault.IsSealed(state.LoginId) || !PersonalDataVault.IsSealed(state.Name)))
        {
            throw new DomainException(
                ErrorCodes.PersonalDataNotUpgraded,
                "This account was registered before personal data was sealed; an operator must run the personal-data upgrade before it can be erased.");
        }

        var loginId = state.Registered ? await vault.OpenAsync(investorId, PersonalDataVault.LoginIdField, state.LoginId, cancellationToken).ConfigureAwait(false) : null;
        var now = clock.GetUtcNow();
        var result = await investors.HandleAsync(stream, new InvestorCommand.Erase(investorId, now), context, cancellationToken).ConfigureAwait(false);
        if (loginId is not null)
        {
            await claims.HandleAsync(pseudonyms.LoginIdStream(loginId), new ReleaseKey(investorId, now), context, cancellationToken).ConfigureAwait(false);
        }

        await vault.DestroyAsync(investorId, cancellationToken).ConfigureAwait(false);
        await scrubber.ScrubAsync(cancellationToken).ConfigureAwait(false);
        return new CommandReceipt(result.StreamId, result.Version);
    }

    public Task<CommandReceipt> DepositAsync(Guid investorId, long amount, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(investors, Streams.Investor(investorId), new InvestorCommand.Deposit(investorId, amount, clock.GetUtcNow()), context, cancellationToken);

    public Task<CommandReceipt> WithdrawAsync(Guid investorId, long amount, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(investors, Streams.Investor(investorId), new InvestorCommand.Withdraw(investorId, amount, clock.GetUtcNow()), context, cancellationToken);

    /// <summary>Claims the fund name, then creates the fund; an orphaned claim of the name is completed as for login ids.</summary>
    public async Task<CreatedReceipt> CreateFundAsync(Guid fundId, string name, long basePrice, CommandContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        FundDecider.Decide(new FundCommand.CreateFund(fundId, name, basePrice, now), FundDecider.Initial);
        await RefuseLegacyClaimAsync(Pseudonyms.LegacyFundNameStream(name), ErrorCodes.ValidationFailed, cancellationToken).ConfigureAwait(false);
        fundId = await ClaimOrAdoptAsync(
            pseudonyms.FundNameStream(name),
            new ClaimKey("fundName", pseudonyms.FundNameKey(name), fundId, ErrorCodes.ValidationFailed, now),
            async owner => (await funds.LoadAsync(Streams.Fund(owner), cancellationToken).ConfigureAwait(false)).State.Created ? Owner.Exists : Owner.Missing,
            context,
            cancellationToken).ConfigureAwait(false);
        var receipt = await RunAsync(funds, Streams.Fund(fundId), new FundCommand.CreateFund(fundId, name, basePrice, now), context, cancellationToken).ConfigureAwait(false);
        return new CreatedReceipt(fundId, receipt.StreamId, receipt.Version);
    }

    /// <summary>A login id or fund name claimed in a folder written before pseudonyms stays taken.</summary>
    private async Task RefuseLegacyClaimAsync(string legacyStream, string takenCode, CancellationToken cancellationToken)
    {
        if (Streams.IsWellFormed(legacyStream) && (await claims.LoadAsync(legacyStream, cancellationToken).ConfigureAwait(false)).State.Claimed)
        {
            throw new DomainException(takenCode, "This name is already taken.");
        }
    }

    private enum Owner
    {
        Missing,
        Exists,
        Erased,
    }

    /// <summary>
    /// Claims a unique key for <see cref="ClaimKey.OwnerId"/>; when another owner holds it but that owner's stream was
    /// never created, adopts the owner id so the caller completes the creation. Of two registrations racing to complete
    /// the same orphan, the store lets one create the stream; the other's append conflicts and is refused as taken.
    /// A key still held by an erased owner (the erasure stopped before releasing it) is released and claimed.
    /// </summary>
    private async Task<Guid> ClaimOrAdoptAsync(string claimStream, ClaimKey claim, Func<Guid, Task<Owner>> ownerOf, CommandContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await claims.HandleAsync(claimStream, claim, context, cancellationToken).ConfigureAwait(false);
                return claim.OwnerId;
            }
            catch (DomainException taken) when (taken.Code == claim.TakenCode)
            {
                // A claim younger than OrphanAfter may belong to a registration still in flight between its two writes.
                var (held, _) = await claims.LoadAsync(claimStream, cancellationToken).ConfigureAwait(false);
                if (!held.Claimed || held.At is not { } at)
                {
                    throw;
                }

                var owner = await ownerOf(held.OwnerId).ConfigureAwait(false);
                if (owner == Owner.Erased && attempt == 0)
                {
                    await claims.HandleAsync(claimStream, new ReleaseKey(held.OwnerId, claim.Now), context, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (owner != Owner.Missing || claim.Now - at < OrphanAfter)
                {
                    throw;
                }

                return held.OwnerId;
            }
        }
    }

    public async Task<CommandReceipt> AcquirePropertyAsync(Guid fundId, Guid propertyId, string copyrightCode, string registrationNumber, string musicId, long price, CommandContext context, CancellationToken cancellationToken)
    {
        var index = await lookups.McpiAsync(cancellationToken).ConfigureAwait(false);
        var command = new FundCommand.AcquireProperty(fundId, propertyId, copyrightCode, registrationNumber, musicId, price, index.Current, clock.GetUtcNow());
        return await RunAsync(funds, Streams.Fund(fundId), command, context, cancellationToken).ConfigureAwait(false);
    }

    public Task<CommandReceipt> DistributeRoyaltyAsync(Guid fundId, Guid royaltyId, long amount, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(funds, Streams.Fund(fundId), new FundCommand.DistributeRoyalty(fundId, royaltyId, amount, clock.GetUtcNow()), context, cancellationToken);

    /// <param name="value">The index in hundredths (110.00 = 11000).</param>
    public Task<CommandReceipt> PublishMcpiAsync(long value, DateTimeOffset? at, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(mcpi, Streams.Mcpi, new PublishMcpi(value, at, clock.GetUtcNow()), context, cancellationToken);

    public async Task<CommandReceipt> SubscribeAsync(Guid fundId, Guid subscriptionId, Guid investorId, long amount, CommandContext context, CancellationToken cancellationToken)
    {
        await lookups.ExistingFundAsync(fundId, cancellationToken).ConfigureAwait(false);
        var command = new InvestorCommand.RequestSubscription(investorId, subscriptionId, fundId, amount, clock.GetUtcNow());
        return await RunAsync(investors, Streams.Investor(investorId), command, context, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CommandReceipt> RedeemAsync(Guid fundId, Guid redemptionId, Guid investorId, long units, CommandContext context, CancellationToken cancellationToken)
    {
        await lookups.ExistingFundAsync(fundId, cancellationToken).ConfigureAwait(false);
        var command = new InvestorCommand.RequestRedemption(investorId, redemptionId, fundId, units, clock.GetUtcNow());
        return await RunAsync(investors, Streams.Investor(investorId), command, context, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CommandReceipt> PlaceOrderAsync(Guid fundId, Guid orderId, Guid investorId, OrderSide side, long price, long quantity, CommandContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var conditions = await lookups.MarketAsync(fundId, now, cancellationToken).ConfigureAwait(false);
        var command = new InvestorCommand.PlaceOrder(investorId, orderId, fundId, side, price, quantity, market.FeeRate, conditions, now);
        return await RunAsync(investors, Streams.Investor(investorId), command, context, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CommandReceipt> CancelOrderAsync(Guid fundId, Guid orderId, CommandContext context, CancellationToken cancellationToken)
    {
        await lookups.ExistingFundAsync(fundId, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await books.HandleAsync(Streams.OrderBook(fundId), new OrderBookCommand.CancelOrder(fundId, orderId, clock.GetUtcNow()), context, cancellationToken).ConfigureAwait(false);
            return new CommandReceipt(result.StreamId, result.Version);
        }
        catch (DomainException notOpen) when (notOpen.Code == ErrorCodes.OrderNotOpen && queries is not null)
        {
            // The book keeps only resting orders; the order's status resource tells a finished order from none at all.
            var order = await queries.GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
            throw order?.FundId == fundId ? notOpen : new DomainException(ErrorCodes.NotFound, $"Order {orderId} is not in this fund's book.");
        }
    }

    private static async Task<CommandReceipt> RunAsync<TDecider, TCommand, TEvent, TState>(
        AggregateHandler<TDecider, TCommand, TEvent, TState> handler,
        string streamId,
        TCommand command,
        CommandContext context,
        CancellationToken cancellationToken)
        where TDecider : IDecider<TCommand, TEvent, TState>
        where TEvent : class
    {
        var result = await handler.HandleAsync(streamId, command, context, cancellationToken).ConfigureAwait(false);
        return new CommandReceipt(result.StreamId, result.Version);
    }
}
