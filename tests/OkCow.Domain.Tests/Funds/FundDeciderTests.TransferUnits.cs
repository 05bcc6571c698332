using OkCow.Domain.Funds;
using static OkCow.Domain.Funds.FundCommand;
using static OkCow.Domain.Funds.FundEvent;

namespace OkCow.Domain.Tests.Funds;

public sealed partial class FundDeciderTests
{
    private static readonly Guid Trade = Guid.Parse("7ade0000-0000-0000-0000-000000000001");

    private static TransferUnits Transfer(Guid seller, Guid buyer, long quantity, long feeIncome = 0) =>
        new(FundId, Trade, seller, buyer, quantity, 12_000, feeIncome, Now);

    [Fact]
    public void GivenSellerHoldsUnits_WhenTransferUnits_ThenUnitsTransferred() =>
        Spec()
            .Given(Created(), Issued(B, 50, 500_000))
            .When(Transfer(B, C, 10, 180))
            .Then(new UnitsTransferred(FundId, Trade, B, C, 10, 12_000, 180, Now));

    [Fact]
    public void GivenSellerHoldsUnits_WhenTransferUnits_ThenRegisterMovesAndFeesAreFundCash()
    {
        var spec = Spec().Given(Created(), Issued(B, 50, 500_000), Issued(C, 5, 50_000)).When(Transfer(B, C, 10, 180));
        var state = spec.ThenState();
        var register = RegisterOf(spec.ThenStream());

        Assert.Equal((40L, 15L), (register[B], register[C]));
        Assert.Equal((550_180L, 55L), (state.Cash, state.UnitsOutstanding));
    }

    [Fact]
    public void GivenSellerHoldsUnits_WhenSellerTransfersAll_ThenSellerLeavesTheRegister()
    {
        var register = RegisterOf(Spec().Given(Created(), Issued(B, 10, 100_000)).When(Transfer(B, C, 10)).ThenStream());

        Assert.False(register.ContainsKey(B));
        Assert.Equal(10, register[C]);
    }

    [Fact]
    public void GivenFund_WhenTransferOfNothing_ThenValidationFailed() =>
        Spec().Given(Created(), Issued(B, 50, 500_000)).When(Transfer(B, C, 0)).ThenFails("VALIDATION_FAILED");
}
