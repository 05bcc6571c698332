using System.Collections.Immutable;
using OkCow.Domain.Common;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Domain.Funds;

/// <summary>
/// The fund's stream: R6, R8–R14 and the fund's side of trade settlement. Saga steps (issue, redeem) never throw for a
/// business refusal: they record a refusal event the saga compensates on, so a saga can always finish.
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
        TransferUnits transfer => Transfer(transfer, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown fund command."),
    };

    public static FundState Evolve(FundState state, FundEvent @event) => @event switch
    {
        FundCreated e => state with { Created = true, FundId = e.FundId, Name = e.Name, BasePrice = e.BasePrice },
        PropertyAcquired e => state with
        {
            Cash = state.Cash - e.Price,
            Properties = state.Properties.Add(
                new FundProperty(e.PropertyId, e.CopyrightCode, e.RegistrationNumber, e.MusicId, e.Price, e.McpiAtAcquisition, e.At)),
        },
        UnitsIssued e => state with
        {
            Cash = state.Cash + e.Cost,
            UnitsOutstanding = state.UnitsOutstanding + e.Units,
            Register = Move(state.Register, e.InvestorId, e.Units),
            ProcessedIds = state.ProcessedIds.Add(e.SubscriptionId),
        },
        SubscriptionRefused e => state with { ProcessedIds = state.ProcessedIds.Add(e.SubscriptionId) },
        UnitsRedeemed e => state with
        {
            Cash = state.Cash - e.Proceeds,
            UnitsOutstanding = state.UnitsOutstanding - e.Units,
            Register = Move(state.Register, e.InvestorId, -e.Units),
            ProcessedIds = state.ProcessedIds.Add(e.RedemptionId),
        },
        RedemptionRefused e => state with { ProcessedIds = state.ProcessedIds.Add(e.RedemptionId) },
        RoyaltyDistributed e => state with
        {
            Cash = state.Cash + e.Retained,
            ProcessedIds = state.ProcessedIds.Add(e.RoyaltyId),
        },
        UnitsTransferred e => state with
        {
            Cash = state.Cash + e.FeeIncome,
            Register = Move(Move(state.Register, e.SellerId, -e.Quantity), e.BuyerId, e.Quantity),
            ProcessedIds = state.ProcessedIds.Add(e.TradeId),
        },
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
        if (state.ProcessedIds.Contains(command.SubscriptionId))
        {
            return [];
        }

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
        if (state.ProcessedIds.Contains(command.RedemptionId))
        {
            return [];
        }

        RequirePositiveMcpi(command.Mcpi);

        RedemptionRefused Refuse(string code) =>
            new(command.FundId, command.RedemptionId, command.InvestorId, command.Units, code, command.Now);

        if (command.Units < 1)
        {
            return [Refuse(ErrorCodes.ValidationFailed)];
        }

        if (state.UnitsOf(command.InvestorId) < command.Units)
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

        if (state.ProcessedIds.Contains(command.RoyaltyId))
        {
            return [];
        }

        // R14: holders of record right now, in a fixed order so that replaying the decision gives the same event.
        var shares = state.UnitsOutstanding == 0
            ? []
            : state.Register
                .Where(holder => holder.Value > 0)
                .OrderBy(holder => holder.Key)
                .Select(holder => new RoyaltyShare(
                    holder.Key,
                    holder.Value,
                    Money.MulDivFloor(command.Amount, holder.Value, state.UnitsOutstanding)))
                .ToImmutableArray();
        var retained = command.Amount - shares.Sum(share => share.Amount);

        return [new RoyaltyDistributed(command.FundId, command.RoyaltyId, command.Amount, state.UnitsOutstanding, shares, retained, command.Now)];
    }

    private static FundEvent[] Transfer(TransferUnits command, FundState state)
    {
        if (state.ProcessedIds.Contains(command.TradeId))
        {
            return [];
        }

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

    private static ImmutableDictionary<Guid, long> Move(ImmutableDictionary<Guid, long> register, Guid investorId, long units)
    {
        var after = register.GetValueOrDefault(investorId) + units;
        return after == 0 ? register.Remove(investorId) : register.SetItem(investorId, after);
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
