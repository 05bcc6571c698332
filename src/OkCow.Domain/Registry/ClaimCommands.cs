namespace OkCow.Domain.Registry;

/// <summary>
/// Claims <paramref name="Key"/> of <paramref name="Kind"/> for <paramref name="OwnerId"/>. <paramref name="TakenCode"/>
/// is the error code a claim by another owner fails with: <c>LOGIN_ID_TAKEN</c> for login ids, <c>VALIDATION_FAILED</c>
/// for fund names.
/// </summary>
public sealed record ClaimKey(string Kind, string Key, Guid OwnerId, string TakenCode, DateTimeOffset Now);
