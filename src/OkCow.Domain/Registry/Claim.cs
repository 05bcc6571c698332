namespace OkCow.Domain.Registry;

/// <summary>A claim stream is either empty or held by exactly one owner.</summary>
public sealed record ClaimState(bool Claimed, string Kind, string Key, Guid OwnerId, DateTimeOffset? At)
{
    public static ClaimState Unclaimed { get; } = new(false, "", "", Guid.Empty, null);
}
