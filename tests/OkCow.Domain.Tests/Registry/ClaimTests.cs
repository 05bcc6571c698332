using OkCow.Domain.Common;
using OkCow.Domain.Registry;
using static OkCow.Domain.Registry.ClaimEvent;

namespace OkCow.Domain.Tests.Registry;

public partial class ClaimTests
{
    private static readonly Guid Owner = Guid.Parse("0b8f3a52-6d4e-4c1a-9f0e-000000000001");
    private static readonly Guid OtherOwner = Guid.Parse("0b8f3a52-6d4e-4c1a-9f0e-000000000002");
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 1, 0, 0, TimeSpan.Zero);

    private static readonly KeyClaimed LoginIdClaimed = new("loginid", "ada", Owner, Now);

    private static DeciderSpec<ClaimDecider, ClaimCommand, ClaimEvent, ClaimState> Spec() => new();

    private static ClaimKey ClaimLoginId(Guid owner, string key = "ada") => new("loginid", key, owner, ErrorCodes.LoginIdTaken, Now);

    private static ClaimKey ClaimFundName(Guid owner) => new("fundname", "K-Pop Classics", owner, ErrorCodes.ValidationFailed, Now);
}
