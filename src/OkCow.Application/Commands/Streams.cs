namespace OkCow.Application.Commands;

/// <summary>Stream ids: the partition keys of the events container.</summary>
public static class Streams
{
    public const string Mcpi = "mcpi";

    public static string Investor(Guid investorId) => $"investor-{investorId}";

    public static string Fund(Guid fundId) => $"fund-{fundId}";

    public static string OrderBook(Guid fundId) => $"orderbook-{fundId}";

    /// <summary>
    /// How fund names are compared before their keyed hash names the claim stream (<c>Pseudonyms.FundNameStream</c>):
    /// unique regardless of case, surrounding spaces, invisible format characters and compatibility look-alikes (NFKC:
    /// a full-width "Ｆｕｎｄ" is "Fund").
    /// </summary>
    public static string FundNameKey(string name)
    {
        var visible = new string([.. name.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)]);
        return Security.LookAlikes.Fold(visible).Trim().ToUpperInvariant();
    }

    /// <summary>Stream ids a client may name in the audit route.</summary>
    public static bool IsWellFormed(string streamId) =>
        streamId.Length is > 0 and <= 200 && streamId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
