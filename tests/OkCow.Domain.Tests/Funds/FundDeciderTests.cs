using OkCow.Domain.Funds;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Domain.Tests.Funds;

public sealed partial class FundDeciderTests
{
    private const long Mcpi100 = 10_000;
    private const long Mcpi110 = 11_000;

    private static readonly Guid FundId = Guid.Parse("f0000000-0000-0000-0000-000000000001");

    // Ordered A < B < C, the order royalty shares are listed in.
    private static readonly Guid A = Guid.Parse("a0000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("b0000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("c0000000-0000-0000-0000-00000000000c");

    private static readonly DateTimeOffset Now = new(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(9));

    private static DeciderSpec<FundDecider, FundCommand, FundEvent, FundState> Spec() => new();

    private static FundCreated Created(long basePrice = 10_000) => new(FundId, "Fund F", basePrice, Now);

    private static UnitsIssued Issued(Guid investorId, long units, long cost, Guid? subscriptionId = null) =>
        new(FundId, subscriptionId ?? Guid.NewGuid(), investorId, cost, units, cost, 0m, 0, 0, Mcpi100, Now);

    /// <summary>The register projected from a fund stream's events.</summary>
    private static System.Collections.Immutable.ImmutableDictionary<Guid, long> RegisterOf(IEnumerable<FundEvent> stream) =>
        stream.Aggregate(System.Collections.Immutable.ImmutableDictionary<Guid, long>.Empty, FundDecider.Register);

    private static PropertyAcquired Acquired(long price, long mcpi = Mcpi100, Guid? propertyId = null) =>
        new(FundId, propertyId ?? Guid.NewGuid(), "SONG-1", "REG-1", "MUSIC-1", price, mcpi, Now);

    [Fact]
    public void GivenNoFund_WhenPropertyValueAndNavAsked_ThenBasePriceIsTheNav()
    {
        var state = Spec().Given(Created()).State;

        Assert.Equal(0, FundDecider.NetAssets(state, Mcpi100));
        Assert.Equal(10_000m, FundDecider.Nav(state, Mcpi100));
    }

    [Fact]
    public void GivenPropertyBoughtAt110_WhenMcpiIs92_ThenValueIsFloorOfPriceTimesRatio()
    {
        var state = Spec().Given(Created(), Issued(A, 100, 1_000_003), Acquired(1_000_000, Mcpi110)).State;

        // 1,000,000 × 92.00 / 110.00 = 836,363.63…
        Assert.Equal(836_363, FundDecider.PropertyValue(state.Properties[0], 9_200));
        Assert.Equal(836_366, FundDecider.NetAssets(state, 9_200));
        Assert.Equal(8_363.66m, FundDecider.Nav(state, 9_200));
        Assert.Equal(10_000.03m, FundDecider.Nav(state, Mcpi110));
    }

    [Fact]
    public void GivenFractionalNetAssets_WhenNavAsked_ThenNavIsTheExactQuotient()
    {
        var state = Spec().Given(Created(), Issued(A, 100, 1_000_001)).State;

        Assert.Equal(1_000_001, FundDecider.NetAssets(state, Mcpi100));
        Assert.Equal(10_000.01m, FundDecider.Nav(state, Mcpi100));
    }

    public static TheoryData<FundCommand> CommandsOnAMissingFund() =>
    [
        new AcquireProperty(FundId, Guid.NewGuid(), "SONG-1", "REG-1", "MUSIC-1", 1_000, Mcpi100, Now),
        new IssueUnits(FundId, Guid.NewGuid(), A, 10_000, Mcpi100, Now),
        new RedeemUnits(FundId, Guid.NewGuid(), A, 1, Mcpi100, Now),
        new DistributeRoyalty(FundId, Guid.NewGuid(), 1_000, Now),
        new TransferUnits(FundId, Guid.NewGuid(), A, B, 1, 10_000, 0, Now),
    ];

    [Theory]
    [MemberData(nameof(CommandsOnAMissingFund))]
    public void GivenNoFund_WhenAnyCommandButCreate_ThenNotFound(FundCommand command) =>
        Spec().When(command).ThenFails("NOT_FOUND");

    [Fact]
    public void GivenAFundWithEverything_WhenStateRoundTripsThroughJson_ThenNothingIsLost()
    {
        var state = Spec()
            .Given(Created(), Issued(A, 100, 1_000_000), Issued(B, 30, 300_000), Acquired(500_000, Mcpi110), new RoyaltyRecorded(FundId, Guid.NewGuid(), 900, 130, 4, Now))
            .State;

        var copy = SnapshotJson.RoundTrip(state);

        Assert.True(copy.Created);
        Assert.Equal(("Fund F", 10_000L, 800_000L, 130L), (copy.Name, copy.BasePrice, copy.Cash, copy.UnitsOutstanding));
        Assert.Equal(state.Properties, copy.Properties);
        Assert.Equal((5L, state.Royalty), (copy.Version, copy.Royalty));
        Assert.Equal(FundDecider.NetAssets(state, 9_200), FundDecider.NetAssets(copy, 9_200));
    }
}
