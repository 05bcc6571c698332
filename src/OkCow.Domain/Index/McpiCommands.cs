namespace OkCow.Domain.Index;

/// <summary><paramref name="At"/> defaults to <paramref name="Now"/>; values are in hundredths.</summary>
public sealed record PublishMcpi(long Value, DateTimeOffset? At, DateTimeOffset Now);
