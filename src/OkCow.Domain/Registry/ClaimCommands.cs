namespace OkCow.Domain.Registry;

public sealed record ClaimKey(string Kind, string Key, Guid OwnerId, DateTimeOffset Now);
