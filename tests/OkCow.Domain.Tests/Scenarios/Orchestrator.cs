using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using OkCow.Domain.Common;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;
using OkCow.Domain.Investors;
using OkCow.Domain.Markets;
using OkCow.Domain.Reconciliation;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Investors.InvestorCommand;
using static OkCow.Domain.Investors.InvestorEvent;
using static OkCow.Domain.Markets.OrderBookCommand;
using static OkCow.Domain.Markets.OrderBookEvent;

namespace OkCow.Domain.Tests.Scenarios;

/// <summary>
/// A saga step waiting for delivery: the command one stream's event asks of another stream. It is built when it is
/// delivered, because lookups (MCPI in force, halt, the clock) are read then, as the change-feed handlers do.
/// </summary>
public sealed record SagaStep(long Number, string Source, string Target, string Name, Action Run);

/// <summary>
/// The whole system in memory, with no store: one state per stream folded with the deciders, every event appended to
/// one log and to the R24 ledger, and every saga step queued instead of run, so a test decides when (and how often)
/// each is delivered. Steps from one source stream to one target stream stay in order, as a per-partition change feed
/// keeps them; steps of different pairs may arrive in any order. A saga step carries a step id, and a step already
/// recorded on its target stream decides nothing, as the stores refuse a second event with the step's id. Royalties are
/// paid in pages of <see cref="RoyaltyPageSize"/> holders of record, read from the register as of the record version.
/// </summary>
public sealed class Orchestrator
{
    public const int RoyaltyPageSize = 2;

    private readonly List<SagaStep> _pending = [];
    private readonly HashSet<(string Stream, Guid Step)> _recordedSteps = [];
    private long _stepNumber;

    public Orchestrator(DateTimeOffset now) => Now = now;

    public DateTimeOffset Now { get; set; }

    public Dictionary<Guid, InvestorState> Investors { get; } = [];

    public Dictionary<Guid, FundState> Funds { get; } = [];

    public Dictionary<Guid, OrderBookState> Books { get; } = [];

    /// <summary>The register of holders per fund, projected from the fund streams as the application's register is.</summary>
    public Dictionary<Guid, ImmutableDictionary<Guid, long>> Registers { get; } = [];

    public McpiState Mcpi { get; private set; } = McpiDecider.Initial;

    public LedgerState LedgerState { get; private set; } = Ledger.Initial;

    public List<(string Stream, object Event)> Log { get; } = [];

    public IReadOnlyList<SagaStep> Pending => _pending;

    public ReconciliationReport Reconcile() => Ledger.Reconcile(LedgerState);

    public long McpiNow => Mcpi.Current;

    public bool HaltedNow => Mcpi.IsHalted(Now);

    public static string InvestorStream(Guid id) => $"investor-{id}";

    public static string FundStream(Guid id) => $"fund-{id}";

    public static string BookStream(Guid id) => $"orderbook-{id}";

    public InvestorState InvestorOf(Guid id) => Investors.GetValueOrDefault(id) ?? InvestorDecider.Initial;

    public FundState FundOf(Guid id) => Funds.GetValueOrDefault(id) ?? FundDecider.Initial;

    public ImmutableDictionary<Guid, long> RegisterOf(Guid fundId) => Registers.GetValueOrDefault(fundId) ?? ImmutableDictionary<Guid, long>.Empty;

    public OrderBookState BookOf(Guid fundId) => Books.GetValueOrDefault(fundId) ?? OrderBookDecider.Initial;

    public decimal NavOf(Guid fundId) => FundDecider.Nav(FundOf(fundId), McpiNow);

    /// <summary>R16 and R21 as the edge reads them before an order is placed.</summary>
    public MarketConditions MarketFor(Guid fundId) => new(
        OrderBookDecider.ReferencePriceBefore(BookOf(fundId), Kst.Day(Now)) ?? PriceBand.ReferenceFromNav(NavOf(fundId)),
        HaltedNow);

    public IReadOnlyList<McpiEvent> Publish(long value)
    {
        var events = McpiDecider.Decide(new PublishMcpi(value, null, Now), Mcpi);
        foreach (var e in events)
        {
            Mcpi = McpiDecider.Evolve(Mcpi, e);
            Log.Add(("mcpi", e));
        }

        return events;
    }

    public IReadOnlyList<InvestorEvent> Investor(InvestorCommand command, Guid? step = null)
    {
        if (IsRecorded(InvestorStream(command.InvestorId), step))
        {
            return [];
        }

        var events = InvestorDecider.Decide(command, InvestorOf(command.InvestorId));
        MarkRecorded(InvestorStream(command.InvestorId), step, events.Count);
        foreach (var e in events)
        {
            Investors[command.InvestorId] = InvestorDecider.Evolve(InvestorOf(command.InvestorId), e);
            Record(InvestorStream(command.InvestorId), e);
            React(e);
        }

        return events;
    }

    public IReadOnlyList<FundEvent> Fund(FundCommand command, Guid? step = null)
    {
        if (IsRecorded(FundStream(command.FundId), step))
        {
            return [];
        }

        var events = FundDecider.Decide(command, FundOf(command.FundId));
        MarkRecorded(FundStream(command.FundId), step, events.Count);
        foreach (var e in events)
        {
            Funds[command.FundId] = FundDecider.Evolve(FundOf(command.FundId), e);
            Registers[command.FundId] = FundDecider.Register(RegisterOf(command.FundId), e);
            Record(FundStream(command.FundId), e);
            React(e);
        }

        return events;
    }

    public IReadOnlyList<OrderBookEvent> Book(OrderBookCommand command, Guid? step = null)
    {
        if (IsRecorded(BookStream(command.FundId), step))
        {
            return [];
        }

        var events = OrderBookDecider.Decide(command, BookOf(command.FundId));
        MarkRecorded(BookStream(command.FundId), step, events.Count);
        foreach (var e in events)
        {
            Books[command.FundId] = OrderBookDecider.Evolve(BookOf(command.FundId), e);
            Record(BookStream(command.FundId), e);
            React(e);
        }

        return events;
    }

    public IReadOnlyList<InvestorEvent> PlaceOrder(Guid investorId, Guid orderId, Guid fundId, OrderSide side, long price, long quantity, decimal feeRate = 0m) =>
        Investor(new PlaceOrder(investorId, orderId, fundId, side, price, quantity, feeRate, MarketFor(fundId), Now));

    public IReadOnlyList<OrderBookEvent> Cancel(Guid fundId, Guid orderId) => Book(new CancelOrder(fundId, orderId, Now));

    /// <summary>The steps that may be delivered next: the oldest pending step of each (source, target) pair.</summary>
    public IReadOnlyList<SagaStep> Deliverable() =>
        [.. _pending.GroupBy(step => (step.Source, step.Target)).Select(channel => channel.First())];

    /// <summary>Runs a step; a duplicated one is queued again behind everything, as a redelivery would arrive.</summary>
    public void Deliver(SagaStep step, bool duplicate = false)
    {
        if (!_pending.Remove(step))
        {
            throw new InvalidOperationException($"Step {step.Number} is not pending.");
        }

        if (duplicate)
        {
            _pending.Add(step with { Number = ++_stepNumber });
        }

        step.Run();
    }

    /// <summary>Delivers every step, its consequences included, in the order they were recorded.</summary>
    public void Drain()
    {
        while (_pending.Count > 0)
        {
            Deliver(_pending[0]);
        }
    }

    /// <summary>A trade id the edge would make for the n-th trade of an order: fixed, so a repeated acceptance agrees.</summary>
    public static Guid TradeIdOf(Guid orderId, int n)
    {
        Span<byte> bytes = stackalloc byte[16];
        orderId.TryWriteBytes(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, BinaryPrimitives.ReadUInt32LittleEndian(bytes) ^ unchecked((uint)(n + 1) * 0x9E3779B1u));
        bytes[15] ^= 0xA5;
        return new Guid(bytes);
    }

    /// <summary>A name-based step id, the same for every delivery of the same step.</summary>
    public static Guid StepOf(Guid cause, string step, Guid party = default)
    {
        var input = new byte[32 + Encoding.UTF8.GetByteCount(step)];
        cause.TryWriteBytes(input);
        party.TryWriteBytes(input.AsSpan(16));
        Encoding.UTF8.GetBytes(step, input.AsSpan(32));
        return new Guid(SHA256.HashData(input).AsSpan(0, 16));
    }

    private bool IsRecorded(string stream, Guid? step) => step is { } id && _recordedSteps.Contains((stream, id));

    private void MarkRecorded(string stream, Guid? step, int events)
    {
        if (step is { } id && events > 0)
        {
            _recordedSteps.Add((stream, id));
        }
    }

    /// <summary>The register of a fund as of <paramref name="version"/>, folded from its stream in the log.</summary>
    private ImmutableDictionary<Guid, long> RegisterAsOf(Guid fundId, long version) =>
        Log.Where(entry => entry.Stream == FundStream(fundId))
            .Take((int)version)
            .Select(entry => (FundEvent)entry.Event)
            .Aggregate(ImmutableDictionary<Guid, long>.Empty, FundDecider.Register);

    /// <summary>Pays one page of a royalty's holders of record (in investor id order) and records it on the fund.</summary>
    private void PayRoyaltyPage(Guid fundId, Guid royaltyId, int page)
    {
        if (FundOf(fundId).Royalty is not { } open || open.RoyaltyId != royaltyId || open.NextPage != page)
        {
            return;
        }

        var ofRecord = RegisterAsOf(fundId, open.RecordVersion).OrderBy(holder => holder.Key).ToList();
        var pageHolders = ofRecord.Skip(page * RoyaltyPageSize).Take(RoyaltyPageSize).ToList();
        var paid = 0L;
        foreach (var (investorId, units) in pageHolders)
        {
            var share = FundDecider.RoyaltyShare(open.Amount, units, open.UnitsOutstanding);
            paid += share;
            Investor(new CreditRoyalty(investorId, royaltyId, fundId, share, Now), StepOf(royaltyId, "credit", investorId));
        }

        var last = (page + 1) * RoyaltyPageSize >= ofRecord.Count;
        Fund(new RecordRoyaltyPage(fundId, royaltyId, page, pageHolders.Count, paid, ofRecord.Count, last, Now), StepOf(royaltyId, $"page-{page}"));
    }

    private void Record(string stream, object e)
    {
        Log.Add((stream, e));
        LedgerState = Ledger.Apply(LedgerState, e);
    }

    private void Enqueue(string source, string target, string name, Action run) =>
        _pending.Add(new SagaStep(++_stepNumber, source, target, name, run));

    private void React(InvestorEvent e)
    {
        switch (e)
        {
            case SubscriptionRequested r:
                Enqueue(InvestorStream(r.InvestorId), FundStream(r.FundId), nameof(IssueUnits), () => Fund(new IssueUnits(r.FundId, r.SubscriptionId, r.InvestorId, r.Amount, McpiNow, Now), StepOf(r.SubscriptionId, "fund")));
                break;
            case RedemptionRequested r:
                Enqueue(InvestorStream(r.InvestorId), FundStream(r.FundId), nameof(RedeemUnits), () => Fund(new RedeemUnits(r.FundId, r.RedemptionId, r.InvestorId, r.Units, McpiNow, Now), StepOf(r.RedemptionId, "fund")));
                break;
            case OrderPlaced o:
                Enqueue(
                    InvestorStream(o.InvestorId),
                    BookStream(o.FundId),
                    nameof(AcceptOrder),
                    () => Book(new AcceptOrder(o.FundId, o.OrderId, o.InvestorId, o.Side, o.Price, o.Quantity, o.FeeRate, HaltedNow, n => TradeIdOf(o.OrderId, n), Now), StepOf(o.OrderId, "book")));
                break;
        }
    }

    private void React(FundEvent e)
    {
        switch (e)
        {
            case UnitsIssued i:
                Enqueue(FundStream(i.FundId), InvestorStream(i.InvestorId), nameof(SettleSubscription), () => Investor(new SettleSubscription(i.InvestorId, i.SubscriptionId, i.Units, i.Cost, Now)));
                break;
            case SubscriptionRefused r:
                Enqueue(FundStream(r.FundId), InvestorStream(r.InvestorId), nameof(ReleaseSubscription), () => Investor(new ReleaseSubscription(r.InvestorId, r.SubscriptionId, r.Code, Now)));
                break;
            case UnitsRedeemed r:
                Enqueue(FundStream(r.FundId), InvestorStream(r.InvestorId), nameof(SettleRedemption), () => Investor(new SettleRedemption(r.InvestorId, r.RedemptionId, r.Proceeds, Now)));
                break;
            case RedemptionRefused r:
                Enqueue(FundStream(r.FundId), InvestorStream(r.InvestorId), nameof(ReleaseRedemption), () => Investor(new ReleaseRedemption(r.InvestorId, r.RedemptionId, r.Code, Now)));
                break;
            case RoyaltyRecorded { UnitsOutstanding: > 0 } r:
                Enqueue(FundStream(r.FundId), "royalty", nameof(RecordRoyaltyPage), () => PayRoyaltyPage(r.FundId, r.RoyaltyId, 0));
                break;
            case RoyaltyPagePaid p:
                Enqueue(FundStream(p.FundId), "royalty", nameof(RecordRoyaltyPage), () => PayRoyaltyPage(p.FundId, p.RoyaltyId, p.Page + 1));
                break;
        }
    }

    private void React(OrderBookEvent e)
    {
        switch (e)
        {
            case OrderRejected r:
                Enqueue(BookStream(r.FundId), InvestorStream(r.InvestorId), nameof(ReleaseOrder), () => Investor(new ReleaseOrder(r.InvestorId, r.OrderId, r.Code, Now)));
                break;
            case OrderCancelled c:
                Enqueue(BookStream(c.FundId), InvestorStream(c.InvestorId), nameof(ReleaseOrder), () => Investor(new ReleaseOrder(c.InvestorId, c.OrderId, "cancelled", Now)));
                break;
            case TradeExecuted t:
                Enqueue(
                    BookStream(t.FundId),
                    InvestorStream(t.BuyerId),
                    nameof(SettleTrade),
                    () => Investor(new SettleTrade(t.BuyerId, t.BuyOrderId, t.TradeId, t.Price, t.Quantity, t.BuyerFee, t.BuyOrderFilled, Now), StepOf(t.TradeId, "buyer")));
                Enqueue(
                    BookStream(t.FundId),
                    InvestorStream(t.SellerId),
                    nameof(SettleTrade),
                    () => Investor(new SettleTrade(t.SellerId, t.SellOrderId, t.TradeId, t.Price, t.Quantity, t.SellerFee, t.SellOrderFilled, Now), StepOf(t.TradeId, "seller")));
                Enqueue(
                    BookStream(t.FundId),
                    FundStream(t.FundId),
                    nameof(TransferUnits),
                    () => Fund(new TransferUnits(t.FundId, t.TradeId, t.SellerId, t.BuyerId, t.Quantity, t.Price, t.BuyerFee + t.SellerFee, Now), StepOf(t.TradeId, "fund")));
                break;
        }
    }
}
