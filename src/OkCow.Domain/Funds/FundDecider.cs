using System.Collections.Immutable;
using OkCow.Domain.Common;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Domain.Funds;

/// <summary>
/// The fund's stream: R6, R8–R14 and the fund's side of trade settlement. Saga steps (issue, redeem) never throw for a
/// business refusal: they record a refusal event the saga compensates on, so a saga can always finish. A repeated
/// saga step is refused by the store (its first event's id is derived from the step), not remembered here.
/// </summary>
public sealed class FundDecider : IDecider<FundCommand, FundEvent, FundState>
{
    private const int MaxNameLength = 100;

    public static FundState Initial => FundState.Initial;

    /// <summary>R9: floor(price × MCPI / MCPI at acquisition), MCPI in hundredths.</summary>
    public static long PropertyValue(FundProperty property, long mcpi) =>
        Money.MulDivFloor(property.Price, mcpi, property.McpiAtAcquisition);

    /// <summary>R10: fund cash + Σ property values.</summary>
    public static long NetAssets(FundState state, long mcpi) =>
        state.Properties.Aggregate(state.Cash, (sum, property) => checked(sum + PropertyValue(property, mcpi)));

    /// <summary>
    /// R10: net assets / units outstanding, or the base price while no unit is outstanding. For reporting only: money
    /// is computed from the exact fraction net assets / units outstanding, never from this decimal.
    /// </summary>
    public static decimal Nav(FundState state, long mcpi) =>
        state.UnitsOutstanding == 0 ? state.BasePrice : (decimal)NetAssets(state, mcpi) / state.UnitsOutstanding;

    public static IReadOnlyList<FundEvent> Decide(FundCommand command, FundState state) => command switch
    {
        CreateFund create => Create(create, state),
        _ when !state.Created => throw new DomainException(ErrorCodes.NotFound, $"Fund {command.FundId} does not exist."),
        AcquireProperty acquire => Acquire(acquire, state),
        IssueUnits issue => Issue(issue, state),
        RedeemUnits redeem => Redeem(redeem, state),
        DistributeRoyalty royalty => Distribute(royalty, state),
        RecordRoyaltyPage page => RecordPage(page, state),
        TransferUnits transfer => Transfer(transfer, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown fund command."),
    };

    public static FundState Evolve(FundState state, FundEvent @event) => Apply(state, @event) with { Version = state.Version + 1 };

    /// <summary>R14: a holder's share of royalty income <paramref name="amount"/>, rounded down (R2).</summary>
    public static long RoyaltyShare(long amount, long units, long outstanding) =>
        outstanding == 0 || units <= 0 ? 0 : Money.MulDivFloor(amount, units, outstanding);

    /// <summary>The register moves an event makes: (investor, units added) per holder it touches.</summary>
    public static IEnumerable<(Guid InvestorId, long Units)> HolderMoves(FundEvent @event) => @event switch
    {
        UnitsIssued e => [(e.InvestorId, e.Units)],
        UnitsRedeemed e => [(e.InvestorId, -e.Units)],
        UnitsTransferred e => [(e.SellerId, -e.Quantity), (e.BuyerId, e.Quantity)],
        _ => [],
    };

    /// <summary>The register of holders (investor → units) after <paramref name="event"/>; holders at zero drop out.</summary>
    public static ImmutableDictionary<Guid, long> Register(ImmutableDictionary<Guid, long> register, FundEvent @event) =>
        HolderMoves(@event).Aggregate(register, (holders, move) =>
        {
            var after = holders.GetValueOrDefault(move.InvestorId) + move.Units;
            return after == 0 ? holders.Remove(move.InvestorId) : holders.SetItem(move.InvestorId, after);
        });

    private static FundState Apply(FundState state, FundEvent @event) => @event switch
    {
        FundCreated e => state with { Created = true, FundId = e.FundId, Name = e.Name, BasePrice = e.BasePrice },
        PropertyAcquired e => state with
        {
            Cash = state.Cash - e.Price,
            Properties = state.Properties.Add(
                new FundProperty(e.PropertyId, e.CopyrightCode, e.RegistrationNumber, e.MusicId, e.Price, e.McpiAtAcquisition, e.At)),
        },
        UnitsIssued e => state with { Cash = state.Cash + e.Cost, UnitsOutstanding = state.UnitsOutstanding + e.Units },
        UnitsRedeemed e => state with { Cash = state.Cash - e.Proceeds, UnitsOutstanding = state.UnitsOutstanding - e.Units },
        SubscriptionRefused or RedemptionRefused => state,
        RoyaltyDistributed e => state with { Cash = state.Cash + e.Retained },
        RoyaltyRecorded e => state with { Royalty = new OpenRoyalty(e.RoyaltyId, e.Amount, e.UnitsOutstanding, e.RecordVersion, 0, 0, 0) },
        RoyaltyPagePaid e when state.Royalty is { } open => state with
        {
            Royalty = open with { Paid = open.Paid + e.Paid, HoldersPaid = open.HoldersPaid + e.Holders, NextPage = e.Page + 1 },
        },
        RoyaltyCompleted e => state with { Cash = state.Cash + e.Retained, Royalty = null },
        UnitsTransferred e => state with { Cash = state.Cash + e.FeeIncome },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown fund event."),
    };

    private static FundEvent[] Create(CreateFund command, FundState state)
    {
        var name = command.Name?.Trim() ?? "";
        if (name.Length == 0 || Text.CharacterCount(name) > MaxNameLength)
        {
            throw Invalid($"A fund name has 1 to {MaxNameLength} characters.");
        }

        if (command.BasePrice <= 0 || command.BasePrice % 100 != 0)
        {
            throw Invalid("The base price is a positive multiple of 100.");
        }

        if (state.Created)
        {
            // A retried create is harmless; a different fund under the same id is a client error.
            return state.FundId == command.FundId && state.Name == name && state.BasePrice == command.BasePrice
                ? []
                : throw Invalid($"Fund {command.FundId} already exists.");
        }

        return [new FundCreated(command.FundId, name, command.BasePrice, command.Now)];
    }

    private static FundEvent[] Acquire(AcquireProperty command, FundState state)
    {
        if (state.Properties.Any(p => p.PropertyId == command.PropertyId))
        {
            return [];
        }

        if (command.Price < 1
            || string.IsNullOrWhiteSpace(command.CopyrightCode)
            || string.IsNullOrWhiteSpace(command.RegistrationNumber)
            || string.IsNullOrWhiteSpace(command.MusicId))
        {
            throw Invalid("A property has a copyright code, a registration number, a music id and a price of at least 1.");
        }

        RequirePositiveMcpi(command.Mcpi);
        if (command.Price > state.Cash)
        {
            throw new DomainException(
                ErrorCodes.InsufficientFundCash,
                $"The price {command.Price} is above the fund's cash {state.Cash}.");
        }

        return
        [
            new PropertyAcquired(
                command.FundId,
                command.PropertyId,
                command.CopyrightCode.Trim(),
                command.RegistrationNumber.Trim(),
                command.MusicId.Trim(),
                command.Price,
                command.Mcpi,
                command.Now),
        ];
    }

    private static FundEvent[] Issue(IssueUnits command, FundState state)
    {
        RequirePositiveMcpi(command.Mcpi);
        var outstanding = state.UnitsOutstanding;
        var netAssets = NetAssets(state, command.Mcpi);
        var nav = Nav(state, command.Mcpi);

        SubscriptionRefused Refuse(string code) =>
            new(command.FundId, command.SubscriptionId, command.InvestorId, command.Amount, code, nav, command.Mcpi, command.Now);

        if (command.Amount < 1 || (outstanding > 0 && netAssets == 0))
        {
            // Units outstanding but nothing behind them: any price per unit would be a division by zero.
            return [Refuse(ErrorCodes.ValidationFailed)];
        }

        // R12 with NAV as the exact fraction netAssets / outstanding (or the base price): the investor's units round
        // down and the cost rounds up (R2), so a subscription never dilutes the other holders.
        var (units, cost) = outstanding == 0
            ? (command.Amount / state.BasePrice, command.Amount / state.BasePrice * state.BasePrice)
            : UnitsAndCost(command.Amount, netAssets, outstanding);

        if (units == 0)
        {
            return [Refuse(ErrorCodes.AmountBelowNav)];
        }

        return
        [
            new UnitsIssued(
                command.FundId,
                command.SubscriptionId,
                command.InvestorId,
                command.Amount,
                units,
                cost,
                nav,
                netAssets,
                outstanding,
                command.Mcpi,
                command.Now),
        ];
    }

    private static (long Units, long Cost) UnitsAndCost(long amount, long netAssets, long outstanding)
    {
        var units = Money.MulDivFloor(amount, outstanding, netAssets);
        return (units, Money.MulDivCeiling(units, netAssets, outstanding));
    }

    private static FundEvent[] Redeem(RedeemUnits command, FundState state)
    {
        RequirePositiveMcpi(command.Mcpi);

        RedemptionRefused Refuse(string code) =>
            new(command.FundId, command.RedemptionId, command.InvestorId, command.Units, code, command.Now);

        if (command.Units < 1)
        {
            return [Refuse(ErrorCodes.ValidationFailed)];
        }

        // The investor's stream locked these units before asking; the fund only has to stay whole.
        if (command.Units > state.UnitsOutstanding)
        {
            return [Refuse(ErrorCodes.InsufficientUnits)];
        }

        // R13: the investor receives, so the proceeds round down (R2).
        var netAssets = NetAssets(state, command.Mcpi);
        var proceeds = Money.MulDivFloor(command.Units, netAssets, state.UnitsOutstanding);
        if (proceeds > state.Cash)
        {
            return [Refuse(ErrorCodes.FundIlliquid)];
        }

        return
        [
            new UnitsRedeemed(
                command.FundId,
                command.RedemptionId,
                command.InvestorId,
                command.Units,
                proceeds,
                netAssets,
                state.UnitsOutstanding,
                command.Mcpi,
                command.Now),
        ];
    }

    private static FundEvent[] Distribute(DistributeRoyalty command, FundState state)
    {
        if (command.Amount < 1)
        {
            throw Invalid("A royalty amount is at least 1.");
        }

        if (state.Royalty is { } open)
        {
            // A retried request for the royalty being paid is harmless; another royalty waits for this one to finish,
            // so the register needs to keep only one record version.
            return open.RoyaltyId == command.RoyaltyId
                ? []
                : throw new DomainException(ErrorCodes.RoyaltyInProgress, $"Royalty {open.RoyaltyId} of this fund is still being paid.");
        }

        // R14 amended: the holders of record are those of the fund's current version, paid page by page by the saga.
        var recorded = new RoyaltyRecorded(command.FundId, command.RoyaltyId, command.Amount, state.UnitsOutstanding, state.Version, command.Now);
        return state.UnitsOutstanding == 0
            ? [recorded, new RoyaltyCompleted(command.FundId, command.RoyaltyId, command.Amount, 0, 0, command.Amount, command.Now)]
            : [recorded];
    }

    private static FundEvent[] RecordPage(RecordRoyaltyPage command, FundState state)
    {
        // A page of a royalty already completed, or a page already recorded: the saga is repeating itself.
        if (state.Royalty is not { } open || open.RoyaltyId != command.RoyaltyId || command.Page != open.NextPage)
        {
            return [];
        }

        if (command.Holders < 0 || command.Paid < 0 || command.Paid > open.Unpaid)
        {
            throw Invalid($"A page of royalty {command.RoyaltyId} pays at most what is left of it ({open.Unpaid}).");
        }

        var page = new RoyaltyPagePaid(command.FundId, command.RoyaltyId, command.Page, command.Holders, command.Paid, command.HoldersOfRecord, command.Now);
        if (!command.Last)
        {
            return [page];
        }

        var paid = open.Paid + command.Paid;
        return
        [
            page,
            new RoyaltyCompleted(command.FundId, command.RoyaltyId, open.Amount, paid, open.HoldersPaid + command.Holders, open.Amount - paid, command.Now),
        ];
    }

    private static FundEvent[] Transfer(TransferUnits command, FundState state)
    {
        if (command.Quantity < 1 || command.Price < 1 || command.FeeIncome < 0)
        {
            throw Invalid("A transfer has a quantity and a price of at least 1 and no negative fee income.");
        }

        // No check of the seller's register entry: the seller's stream locked the units before the order reached the
        // book, so the trade has already happened and the register only records it (architecture: no compensation).
        return
        [
            new UnitsTransferred(
                command.FundId,
                command.TradeId,
                command.SellerId,
                command.BuyerId,
                command.Quantity,
                command.Price,
                command.FeeIncome,
                command.Now),
        ];
    }

    private static void RequirePositiveMcpi(long mcpi)
    {
        if (mcpi <= 0)
        {
            throw Invalid("The MCPI in force is positive.");
        }
    }

    private static DomainException Invalid(string message) => new(ErrorCodes.ValidationFailed, message);
}
