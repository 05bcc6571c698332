using System.Buffers;
using OkCow.Domain.Common;
using OkCow.Domain.Markets;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Domain.Investors;

public sealed class InvestorDecider : IDecider<InvestorCommand, InvestorEvent, InvestorState>
{
    public const int MaxNameLength = 100;
    public const int MinLoginIdLength = 3;
    public const int MaxLoginIdLength = 32;
    public const long MaxDeposit = 1_000_000_000;

    private static readonly SearchValues<char> LoginIdChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_.-");

    public static InvestorState Initial => InvestorState.Unregistered;

    public static IReadOnlyList<InvestorEvent> Decide(InvestorCommand command, InvestorState state)
    {
        if (command is Register register)
        {
            return Decide(register, state);
        }

        if (command is Erase erase && state.Erased)
        {
            return [];
        }

        if (!state.Registered)
        {
            throw new DomainException(ErrorCodes.NotFound, $"Investor {command.InvestorId} does not exist.");
        }

        return command switch
        {
            RehashPassword c => Decide(c, state),
            Erase c => Decide(c, state),
            Deposit c => Decide(c),
            Withdraw c => Decide(c, state),
            RequestSubscription c => Decide(c, state),
            SettleSubscription c => Decide(c, state),
            ReleaseSubscription c => Decide(c, state),
            RequestRedemption c => Decide(c, state),
            SettleRedemption c => Decide(c, state),
            ReleaseRedemption c => Decide(c, state),
            PlaceOrder c => Decide(c, state),
            SettleTrade c => Decide(c, state),
            ReleaseOrder c => Decide(c, state),
            CreditRoyalty c => Decide(c, state),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown investor command."),
        };
    }

    /// <summary>Balances move as <see cref="InvestorBalances"/> says; the rest is the bookkeeping of open reservations.</summary>
    public static InvestorState Evolve(InvestorState state, InvestorEvent @event) =>
        Book(InvestorBalances.Apply(state, @event), @event);

    private static InvestorState Book(InvestorState state, InvestorEvent @event) => @event switch
    {
        InvestorRegistered e => state with { Registered = true, Name = e.Name, LoginId = e.LoginId, PasswordHash = e.PasswordHash },
        InvestorErased => state with { Registered = false, Erased = true, Name = "", LoginId = "", PasswordHash = "" },
        PasswordRehashed e => state with { PasswordHash = e.PasswordHash },
        SubscriptionRequested e => state with { Subscriptions = state.Subscriptions.SetItem(e.SubscriptionId, new SubscriptionReservation(e.FundId, e.Amount)) },
        SubscriptionSettled e => state with { Subscriptions = state.Subscriptions.Remove(e.SubscriptionId) },
        SubscriptionReleased e => state with { Subscriptions = state.Subscriptions.Remove(e.SubscriptionId) },
        RedemptionRequested e => state with { Redemptions = state.Redemptions.SetItem(e.RedemptionId, new RedemptionReservation(e.FundId, e.Units)) },
        RedemptionSettled e => state with { Redemptions = state.Redemptions.Remove(e.RedemptionId) },
        RedemptionReleased e => state with { Redemptions = state.Redemptions.Remove(e.RedemptionId) },
        OrderPlaced e => state with { Orders = state.Orders.SetItem(e.OrderId, new OpenOrder(e.FundId, e.Side, e.Price, e.Quantity, e.Quantity, e.ReservedCash, e.FeeRate)) },
        BuyOrderFilled e => ApplyFill(state, e.OrderId, e.Quantity, InvestorBalances.BuyCost(e)),
        SellOrderFilled e => ApplyFill(state, e.OrderId, e.Quantity, 0),
        OrderReleased e => state with { Orders = state.Orders.Remove(e.OrderId) },
        _ => state,
    };

    private static InvestorEvent[] Decide(RehashPassword command, InvestorState state) =>
        string.IsNullOrEmpty(command.PasswordHash)
            ? throw Invalid("A password hash is required.")
            : state.PasswordHash == command.PasswordHash ? [] : [new PasswordRehashed(command.InvestorId, command.PasswordHash, command.Now)];

    /// <summary>
    /// Checks a name and login id in clear (R3) before they are sealed, and returns the name as it is kept (trimmed).
    /// </summary>
    public static string ValidateDetails(string name, string loginId)
    {
        var trimmed = name?.Trim() ?? "";
        loginId ??= "";
        if (trimmed.Length == 0 || Text.CharacterCount(trimmed) > MaxNameLength)
        {
            throw Invalid($"A name has 1 to {MaxNameLength} characters.");
        }

        if (loginId.Length is < MinLoginIdLength or > MaxLoginIdLength || loginId.AsSpan().ContainsAnyExcept(LoginIdChars))
        {
            throw Invalid($"A login id has {MinLoginIdLength} to {MaxLoginIdLength} characters of a-z, 0-9, '_', '.' and '-'.");
        }

        return trimmed;
    }

    private static InvestorEvent[] Decide(Register command, InvestorState state)
    {
        if (string.IsNullOrWhiteSpace(command.Name) || string.IsNullOrWhiteSpace(command.LoginId))
        {
            throw Invalid("A registration needs a name and a login id.");
        }

        if (string.IsNullOrEmpty(command.PasswordHash))
        {
            throw Invalid("A password hash is required.");
        }

        if (state.Erased)
        {
            throw new DomainException(ErrorCodes.NotFound, $"Investor {command.InvestorId} was erased.");
        }

        if (!state.Registered)
        {
            return [new InvestorRegistered(command.InvestorId, command.Name, command.LoginId, command.PasswordHash, command.Now)];
        }

        return state.Name == command.Name && state.LoginId == command.LoginId && state.PasswordHash == command.PasswordHash
            ? []
            : throw Invalid($"Investor {command.InvestorId} is already registered with other details.");
    }

    private static InvestorEvent[] Decide(Erase command, InvestorState state) =>
        state.IsEmpty
            ? [new InvestorErased(command.InvestorId, command.Now)]
            : throw new DomainException(
                ErrorCodes.AccountNotEmpty,
                "An account is closed only once it holds no cash (available or pending), no units and no open orders, subscriptions or redemptions.");

    private static InvestorEvent[] Decide(Deposit command) =>
        command.Amount is >= 1 and <= MaxDeposit
            ? [new CashDeposited(command.InvestorId, command.Amount, command.Now)]
            : throw Invalid($"A deposit is a whole amount from 1 to {MaxDeposit:N0}.");

    private static InvestorEvent[] Decide(Withdraw command, InvestorState state)
    {
        RequirePositive(command.Amount, "A withdrawal");
        RequireCash(state, command.Amount);
        return [new CashWithdrawn(command.InvestorId, command.Amount, command.Now)];
    }

    private static InvestorEvent[] Decide(RequestSubscription command, InvestorState state)
    {
        if (state.Subscriptions.ContainsKey(command.SubscriptionId))
        {
            return [];
        }

        RequirePositive(command.Amount, "A subscription amount");
        RequireCash(state, command.Amount);
        return [new SubscriptionRequested(command.InvestorId, command.SubscriptionId, command.FundId, command.Amount, command.Now)];
    }

    private static InvestorEvent[] Decide(SettleSubscription command, InvestorState state)
    {
        // An unknown reservation was settled or released already: the saga step is being repeated.
        if (!state.Subscriptions.TryGetValue(command.SubscriptionId, out var reservation))
        {
            return [];
        }

        if (command.Units < 0 || command.Cost < 0 || command.Cost > reservation.Amount)
        {
            throw Invalid("A subscription settles for non-negative units at a cost within the reserved amount.");
        }

        return
        [
            new SubscriptionSettled(
                command.InvestorId,
                command.SubscriptionId,
                reservation.FundId,
                reservation.Amount,
                command.Units,
                command.Cost,
                command.Now),
        ];
    }

    private static InvestorEvent[] Decide(ReleaseSubscription command, InvestorState state) =>
        state.Subscriptions.TryGetValue(command.SubscriptionId, out var reservation)
            ? [new SubscriptionReleased(command.InvestorId, command.SubscriptionId, reservation.FundId, reservation.Amount, command.Code, command.Now)]
            : [];

    private static InvestorEvent[] Decide(RequestRedemption command, InvestorState state)
    {
        if (state.Redemptions.ContainsKey(command.RedemptionId))
        {
            return [];
        }

        RequirePositive(command.Units, "A redemption");
        RequireFreeUnits(state, command.FundId, command.Units);
        return [new RedemptionRequested(command.InvestorId, command.RedemptionId, command.FundId, command.Units, command.Now)];
    }

    private static InvestorEvent[] Decide(SettleRedemption command, InvestorState state)
    {
        if (!state.Redemptions.TryGetValue(command.RedemptionId, out var reservation))
        {
            return [];
        }

        if (command.Proceeds < 0)
        {
            throw Invalid("Redemption proceeds cannot be negative.");
        }

        return [new RedemptionSettled(command.InvestorId, command.RedemptionId, reservation.FundId, reservation.Units, command.Proceeds, command.Now)];
    }

    private static InvestorEvent[] Decide(ReleaseRedemption command, InvestorState state) =>
        state.Redemptions.TryGetValue(command.RedemptionId, out var reservation)
            ? [new RedemptionReleased(command.InvestorId, command.RedemptionId, reservation.FundId, reservation.Units, command.Code, command.Now)]
            : [];

    private static InvestorEvent[] Decide(PlaceOrder command, InvestorState state)
    {
        if (state.Orders.ContainsKey(command.OrderId))
        {
            return [];
        }

        if (command.Price <= 0 || command.Quantity < 1 || command.FeeRate is < 0 or >= 1 || command.Market.ReferencePrice < 0
            || !Enum.IsDefined(command.Side))
        {
            throw Invalid("An order has a positive price, a quantity of at least 1 and a fee rate in [0, 1).");
        }

        if (!PriceBand.IsOnTick(command.Price))
        {
            throw new DomainException(ErrorCodes.InvalidTick, $"A price is a multiple of {PriceBand.Tick}.");
        }

        if (command.Market.Halted)
        {
            throw new DomainException(ErrorCodes.MarketHalted, "Markets are halted by the MCPI circuit breaker.");
        }

        var band = PriceBand.Around(command.Market.ReferencePrice);
        if (!band.Contains(command.Price))
        {
            throw new DomainException(ErrorCodes.PriceOutOfBand, $"Today's prices run from {band.Low} to {band.High}.");
        }

        long reservedCash = 0;
        if (command.Side == OrderSide.Buy)
        {
            // An order worth more than any long can hold is worth more than any wallet.
            var gross = (Int128)command.Price * command.Quantity;
            if (gross > state.Available)
            {
                throw InsufficientCash(state);
            }

            reservedCash = (long)gross + Money.Fee((long)gross, command.FeeRate);
            RequireCash(state, reservedCash);
        }
        else
        {
            RequireFreeUnits(state, command.FundId, command.Quantity);
        }

        return
        [
            new OrderPlaced(
                command.InvestorId,
                command.OrderId,
                command.FundId,
                command.Side,
                command.Price,
                command.Quantity,
                reservedCash,
                command.FeeRate,
                band.Reference,
                band.Low,
                band.High,
                command.Now),
        ];
    }

    private static InvestorEvent[] Decide(SettleTrade command, InvestorState state)
    {
        if (!state.Orders.TryGetValue(command.OrderId, out var order))
        {
            return [];
        }

        // The book only trades at the order's price and within its quantity; anything else would break R18/R19 here.
        if (command.Price != order.Price || command.Quantity < 1 || command.Quantity > order.RemainingQuantity || command.Fee < 0)
        {
            throw Invalid($"Trade {command.TradeId} does not fit what is left of order {command.OrderId}.");
        }

        var gross = InvestorBalances.Gross(command.Price, command.Quantity);
        var remainingQuantity = order.RemainingQuantity - command.Quantity;
        if (order.Side == OrderSide.Buy)
        {
            // Compared as a difference so that an absurd fee cannot overflow its way past the check.
            if (command.Fee > order.RemainingReservedCash - gross)
            {
                throw Invalid($"Trade {command.TradeId} costs more than order {command.OrderId} has reserved.");
            }

            var filled = new BuyOrderFilled(
                command.InvestorId, command.OrderId, command.TradeId, order.FundId, command.Price, command.Quantity, command.Fee, command.Now);
            var leftover = order.RemainingReservedCash - gross - command.Fee;

            // Fees of partial fills round down separately, so a filled buy can keep a little of its reserved fee.
            return (command.OrderFilled || remainingQuantity == 0) && (leftover > 0 || remainingQuantity > 0)
                ? [filled, new OrderReleased(command.InvestorId, command.OrderId, order.FundId, leftover, 0, "filled", command.Now)]
                : [filled];
        }

        if (command.Fee > gross)
        {
            throw Invalid($"The fee of trade {command.TradeId} exceeds its amount.");
        }

        var sold = new SellOrderFilled(
            command.InvestorId, command.OrderId, command.TradeId, order.FundId, command.Price, command.Quantity, command.Fee, command.Now);

        // The book says the order is done while units are still locked for it: hand them back rather than strand them.
        return command.OrderFilled && remainingQuantity > 0
            ? [sold, new OrderReleased(command.InvestorId, command.OrderId, order.FundId, 0, remainingQuantity, "filled", command.Now)]
            : [sold];
    }

    private static InvestorEvent[] Decide(ReleaseOrder command, InvestorState state)
    {
        if (!state.Orders.TryGetValue(command.OrderId, out var order))
        {
            return [];
        }

        var releasedUnits = order.Side == OrderSide.Sell ? order.RemainingQuantity : 0;
        return [new OrderReleased(command.InvestorId, command.OrderId, order.FundId, order.RemainingReservedCash, releasedUnits, command.Reason, command.Now)];
    }

    private static InvestorEvent[] Decide(CreditRoyalty command, InvestorState state)
    {
        if (command.Amount < 0)
        {
            throw Invalid("A royalty credit cannot be negative.");
        }

        return command.Amount == 0
            ? []
            : [new RoyaltyCredited(command.InvestorId, command.RoyaltyId, command.FundId, command.Amount, command.Now)];
    }

    private static InvestorState ApplyFill(InvestorState state, Guid orderId, long quantity, long reservedCashUsed)
    {
        if (!state.Orders.TryGetValue(orderId, out var order))
        {
            return state;
        }

        var rest = order with
        {
            RemainingQuantity = order.RemainingQuantity - quantity,
            RemainingReservedCash = order.RemainingReservedCash - reservedCashUsed,
        };
        return state with { Orders = rest.IsDone ? state.Orders.Remove(orderId) : state.Orders.SetItem(orderId, rest) };
    }

    private static void RequirePositive(long value, string what)
    {
        if (value < 1)
        {
            throw Invalid($"{what} must be at least 1.");
        }
    }

    private static void RequireCash(InvestorState state, long amount)
    {
        if (amount > state.Available)
        {
            throw InsufficientCash(state);
        }
    }

    private static void RequireFreeUnits(InvestorState state, Guid fundId, long units)
    {
        var free = state.HoldingOf(fundId).Free;
        if (units > free)
        {
            throw new DomainException(ErrorCodes.InsufficientUnits, $"Only {free} units of fund {fundId} are free.");
        }
    }

    private static DomainException InsufficientCash(InvestorState state) =>
        new(ErrorCodes.InsufficientCash, $"Only {state.Available} cash is available.");

    private static DomainException Invalid(string message) => new(ErrorCodes.ValidationFailed, message);
}
