using OkCow.Domain.Funds;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Domain.Tests.Funds;

public sealed partial class FundDeciderTests
{
    private static readonly Guid Song1 = Guid.Parse("50000000-0000-0000-0000-000000000001");

    private static AcquireProperty Acquire(long price, long mcpi = Mcpi100) =>
        new(FundId, Song1, "SONG-1", "REG-1", "MUSIC-1", price, mcpi, Now);

    [Fact]
    public void GivenFundWithCash_WhenAcquireProperty_ThenPropertyAcquiredAtTheMcpiInForce() =>
        Spec()
            .Given(Created(), Issued(A, 100, 1_000_000))
            .When(Acquire(1_000_000, Mcpi110))
            .Then(new PropertyAcquired(FundId, Song1, "SONG-1", "REG-1", "MUSIC-1", 1_000_000, Mcpi110, Now));

    [Fact]
    public void GivenFundWithCash_WhenAcquireProperty_ThenCashPaysForIt()
    {
        var state = Spec().Given(Created(), Issued(A, 100, 1_000_000)).When(Acquire(600_000)).ThenState();

        Assert.Equal(400_000, state.Cash);
        Assert.Equal(new FundProperty(Song1, "SONG-1", "REG-1", "MUSIC-1", 600_000, Mcpi100, Now), Assert.Single(state.Properties));
        Assert.Equal(1_000_000, FundDecider.NetAssets(state, Mcpi100));
    }

    [Fact]
    public void GivenFundWithLessCash_WhenAcquireProperty_ThenInsufficientFundCash() =>
        Spec().Given(Created(), Issued(A, 100, 1_000_000)).When(Acquire(1_000_001)).ThenFails("INSUFFICIENT_FUND_CASH");

    [Theory]
    [InlineData(0, "SONG-1")]
    [InlineData(-5, "SONG-1")]
    [InlineData(1_000, "")]
    [InlineData(1_000, "  ")]
    public void GivenFundWithCash_WhenAcquirePropertyWithoutPriceOrCode_ThenValidationFailed(long price, string code) =>
        Spec()
            .Given(Created(), Issued(A, 100, 1_000_000))
            .When(Acquire(price) with { CopyrightCode = code })
            .ThenFails("VALIDATION_FAILED");

    [Fact]
    public void GivenPropertyAcquired_WhenSameAcquisitionRepeated_ThenNothing() =>
        Spec().Given(Created(), Issued(A, 100, 1_000_000), Acquired(1_000_000, propertyId: Song1)).When(Acquire(1_000_000)).ThenNothing();
}
