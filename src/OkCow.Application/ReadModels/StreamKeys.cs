namespace OkCow.Application.ReadModels;

/// <summary>Read-model partition keys and the aggregate ids behind stream ids.</summary>
internal static class StreamKeys
{
    private const string InvestorPrefix = "investor-";
    private const string FundPrefix = "fund-";
    private const string OrderBookPrefix = "orderbook-";

    /// <summary>The one textual form of an id used as a partition key or document id.</summary>
    public static string Key(Guid id) => id.ToString("D");

    public static Guid InvestorId(string streamId) => Parse(streamId, InvestorPrefix);

    public static Guid FundId(string streamId) => Parse(streamId, FundPrefix);

    public static Guid OrderBookFundId(string streamId) => Parse(streamId, OrderBookPrefix);

    private static Guid Parse(string streamId, string prefix) =>
        streamId.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(streamId.AsSpan(prefix.Length), out var id)
            ? id
            : throw new ArgumentException($"'{streamId}' is not a {prefix}{{id}} stream.", nameof(streamId));
}
