using OkCow.Domain.Funds;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Domain.Tests.Funds;

public sealed partial class FundDeciderTests
{
    private static readonly Guid Royalty = Guid.Parse("50ea0000-0000-0000-0000-000000000001");

    private static DistributeRoyalty Distribute(long amount, Guid? royaltyId = null) => new(FundId, royaltyId ?? Royalty, amount, Now);

    private static RecordRoyaltyPage Page(int page, int holders, long paid, bool last, long holdersOfRecord = 3) =>
        new(FundId, Royalty, page, holders, paid, holdersOfRecord, last, Now);

    [Fact]
    public void GivenWorkedExampleHolders_WhenRoyalty18000_ThenItIsRecordedAtTheCurrentVersion() =>
        Spec()
            .Given(Created(), Issued(C, 30, 330_000), Issued(A, 100, 1_000_000), Issued(B, 50, 550_000))
            .When(Distribute(18_000))
            .Then(new RoyaltyRecorded(FundId, Royalty, 18_000, 180, 4, Now));

    [Fact]
    public void GivenRoyaltyRecorded_WhenItIsOpen_ThenItIsNotFundCash()
    {
        var state = Spec().Given(Created(), Issued(A, 1, 10_000)).When(Distribute(100)).ThenState();

        Assert.Equal(10_000, state.Cash);
        Assert.Equal(new OpenRoyalty(Royalty, 100, 1, 2, 0, 0, 0), state.Royalty);
    }

    [Fact]
    public void GivenNoUnitsOutstanding_WhenRoyalty_ThenAllOfItGoesToFundCashAtOnce()
    {
        var spec = Spec().Given(Created()).When(Distribute(5_000));

        spec.Then(new RoyaltyRecorded(FundId, Royalty, 5_000, 0, 1, Now), new RoyaltyCompleted(FundId, Royalty, 5_000, 0, 0, 5_000, Now));
        Assert.Equal((5_000L, null), (spec.ThenState().Cash, spec.ThenState().Royalty));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GivenFund_WhenRoyaltyNotPositive_ThenValidationFailed(long amount) =>
        Spec().Given(Created()).When(Distribute(amount)).ThenFails("VALIDATION_FAILED");

    [Fact]
    public void GivenRoyaltyBeingPaid_WhenSameRoyaltyRepeated_ThenNothing() =>
        Spec().Given(Created(), Issued(A, 1, 10_000), new RoyaltyRecorded(FundId, Royalty, 100, 1, 2, Now)).When(Distribute(100)).ThenNothing();

    [Fact]
    public void GivenRoyaltyBeingPaid_WhenAnotherRoyalty_ThenRoyaltyInProgress() =>
        Spec()
            .Given(Created(), Issued(A, 1, 10_000), new RoyaltyRecorded(FundId, Royalty, 100, 1, 2, Now))
            .When(Distribute(100, Guid.NewGuid()))
            .ThenFails("ROYALTY_IN_PROGRESS");

    [Fact]
    public void GivenThreeEqualHolders_WhenEachGets33InTwoPages_ThenTheRemainderOf1IsFundCash()
    {
        var recorded = new RoyaltyRecorded(FundId, Royalty, 100, 3, 4, Now);
        var firstPage = new RoyaltyPagePaid(FundId, Royalty, 0, 2, 66, 3, Now);
        var spec = Spec()
            .Given(Created(), Issued(A, 1, 10_000), Issued(B, 1, 10_000), Issued(C, 1, 10_000), recorded, firstPage)
            .When(Page(1, 1, 33, last: true));

        spec.Then(new RoyaltyPagePaid(FundId, Royalty, 1, 1, 33, 3, Now), new RoyaltyCompleted(FundId, Royalty, 100, 99, 3, 1, Now));
        Assert.Equal((30_001L, null), (spec.ThenState().Cash, spec.ThenState().Royalty));
        Assert.Equal(33, FundDecider.RoyaltyShare(100, 1, 3));
    }

    [Fact]
    public void GivenFirstPageRecorded_WhenTheSamePageArrivesAgain_ThenNothing() =>
        Spec()
            .Given(Created(), Issued(A, 1, 10_000), new RoyaltyRecorded(FundId, Royalty, 100, 1, 2, Now), new RoyaltyPagePaid(FundId, Royalty, 0, 1, 50, 2, Now))
            .When(Page(0, 1, 50, last: false))
            .ThenNothing();

    [Fact]
    public void GivenRoyaltyCompleted_WhenItsLastPageArrivesAgain_ThenNothing() =>
        Spec()
            .Given(Created(), Issued(A, 1, 10_000), new RoyaltyRecorded(FundId, Royalty, 100, 1, 2, Now), new RoyaltyCompleted(FundId, Royalty, 100, 100, 1, 0, Now))
            .When(Page(0, 1, 100, last: true))
            .ThenNothing();

    [Fact]
    public void GivenRoyaltyBeingPaid_WhenAPagePaysMoreThanIsLeft_ThenValidationFailed() =>
        Spec()
            .Given(Created(), Issued(A, 1, 10_000), new RoyaltyRecorded(FundId, Royalty, 100, 1, 2, Now))
            .When(Page(0, 1, 101, last: true))
            .ThenFails("VALIDATION_FAILED");

    [Fact]
    public void GivenAV1RoyaltyDistributed_WhenFolded_ThenItsRemainderIsFundCash() =>
        Assert.Equal(
            10_001,
            Spec().Given(Created(), Issued(A, 1, 10_000), new RoyaltyDistributed(FundId, Royalty, 100, 1, [new RoyaltyShare(A, 1, 99)], 1, Now)).State.Cash);
}
