namespace OkCow.Functions.Commands;

// What the command routes answer with their 201/202: the ids the command made or acted on, and the stream and version
// it wrote first (SPEC 8). A client that reads a view with waitFor={streamId}:{version} sees the command's effect.

public sealed record InvestorRegisteredAnswer(Guid InvestorId, string StreamId, long Version);

public sealed record CashMovedAnswer(Guid InvestorId, string StreamId, long Version);

public sealed record FundCreatedAnswer(Guid FundId, string StreamId, long Version);

public sealed record PropertyAcquiredAnswer(Guid FundId, Guid PropertyId, string StreamId, long Version);

public sealed record RoyaltyReceivedAnswer(Guid FundId, Guid RoyaltyId, string StreamId, long Version);

public sealed record McpiPublishedAnswer(string StreamId, long Version);

public sealed record SubscriptionAcceptedAnswer(Guid SubscriptionId, Guid FundId, Guid InvestorId, string StreamId, long Version);

public sealed record RedemptionAcceptedAnswer(Guid RedemptionId, Guid FundId, Guid InvestorId, string StreamId, long Version);

public sealed record OrderAcceptedAnswer(Guid OrderId, Guid FundId, Guid InvestorId, string StreamId, long Version);

public sealed record CancelAcceptedAnswer(Guid OrderId, Guid FundId, string StreamId, long Version);

/// <summary>An erasure's answer: the investor's profile (the Location) now answers as erased.</summary>
public sealed record InvestorErasedAnswer(Guid InvestorId, bool Erased, string StreamId, long Version);
