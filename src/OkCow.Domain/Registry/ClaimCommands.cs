namespace OkCow.Domain.Registry;

/// <summary>Commands of a claim stream.</summary>
public abstract record ClaimCommand(DateTimeOffset Now);

/// <summary>
/// Claims <paramref name="Key"/> of <paramref name="Kind"/> for <paramref name="OwnerId"/>. The key is a keyed hash of the
/// normalised login id or fund name, never the text itself. <paramref name="TakenCode"/> is the error code a claim by
/// another owner fails with: <c>LOGIN_ID_TAKEN</c> for login ids, <c>VALIDATION_FAILED</c> for fund names.
/// </summary>
public sealed record ClaimKey(string Kind, string Key, Guid OwnerId, string TakenCode, DateTimeOffset Now) : ClaimCommand(Now);

/// <summary>Frees the key held by <paramref name="OwnerId"/> (an erased investor's login id); anyone may claim it again.</summary>
public sealed record ReleaseKey(Guid OwnerId, DateTimeOffset Now) : ClaimCommand(Now);
