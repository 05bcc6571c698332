namespace OkCow.Application.Commands;

/// <summary>Stream ids: the partition keys of the events container.</summary>
public static class Streams
{
    public const string Mcpi = "mcpi";

    public static string Investor(Guid investorId) => $"investor-{investorId}";

    public static string Fund(Guid fundId) => $"fund-{fundId}";

    public static string OrderBook(Guid fundId) => $"orderbook-{fundId}";

    public static string LoginId(string loginId) => $"loginid-{loginId}";

    /// <summary>Fund names are unique regardless of case and surrounding spaces.</summary>
    public static string FundName(string name) =>
        $"fundname-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name.Trim().ToUpperInvariant())))[..32]}";

    /// <summary>Stream ids a client may name in the audit route.</summary>
    public static bool IsWellFormed(string streamId) =>
        streamId.Length is > 0 and <= 200 && streamId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
