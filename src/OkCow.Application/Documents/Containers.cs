namespace OkCow.Application.Documents;

/// <summary>
/// The containers of the system. Read containers are partitioned by <c>/pk</c>; the events container by <c>/streamId</c>.
/// The Bicep template creates exactly these (infra/modules/cosmos.bicep).
/// </summary>
public static class Containers
{
    public const string Events = "events";
    public const string Leases = "leases";

    /// <summary>Investor profile and portfolio, partition = investor id.</summary>
    public const string Investors = "investors";

    /// <summary>Fund detail and NAV history, partition = fund id.</summary>
    public const string Funds = "funds";

    /// <summary>Order book per fund, partition = fund id.</summary>
    public const string OrderBooks = "orderbooks";

    /// <summary>Subscription, redemption and order status resources, partition = their id.</summary>
    public const string Statuses = "statuses";

    /// <summary>Lists and singletons (investor list, fund list, MCPI), partition = the list's name.</summary>
    public const string Directory = "directory";

    /// <summary>Idempotency-Key records, partition = the key; expire by TTL.</summary>
    public const string Idempotency = "idempotency";

    /// <summary>Streams a change-feed consumer parked after a failure, partition = consumer name.</summary>
    public const string Parked = "parked";

    /// <summary>The investors' wrapped data keys (SPEC §9), partition = "data-keys"; outside the event log so they can be destroyed.</summary>
    public const string Keys = "keys";

    public static readonly IReadOnlyList<string> ReadContainers = [Investors, Funds, OrderBooks, Statuses, Directory, Idempotency, Parked, Keys];
}
