using System.Collections.Immutable;
using OkCow.Application.Projections;
using OkCow.Domain.Funds;
using OkCow.Domain.Index;

namespace OkCow.Application.ReadModels.NavHistory;

/// <summary>
/// Pages of a stream by version: page n holds versions n × <see cref="Size"/> + 1 to (n + 1) × <see cref="Size"/>,
/// so which page an event lands in depends on its version alone and every page is bounded, however long the stream.
/// </summary>
public static class StreamPages
{
    public const int Size = 256;

    public static long PageOf(long version) => (version - 1) / Size;

    public static long FirstVersionOf(long page) => (page * Size) + 1;

    public static long LastVersionOf(long page) => (page + 1) * Size;

    public static string Id(string prefix, long page) => $"{prefix}-{page:D8}";
}

/// <summary>
/// funds / {fundId} / "nav-{page}": the fund stream's versions of one <see cref="StreamPages"/> page. <see cref="State"/>
/// is the fund folded with the domain's own Evolve up to <see cref="Version"/> (once the page is full, a checkpoint of
/// the fund at its last version, which seeds the next page); <see cref="Entries"/> records the figures NAV depends on
/// after each event of the page that changed them. At most <see cref="StreamPages.Size"/> entries.
/// </summary>
/// <param name="FirstTimestamp">When the page's first event was stored: pages are found by instant with it.</param>
/// <param name="LastAt">The instant of the latest entry, carried across pages so that a clock stepping back is clamped.</param>
public sealed record FundNavPage(
    Guid FundId,
    long Page,
    long Version,
    DateTimeOffset FirstTimestamp,
    DateTimeOffset? LastAt,
    FundState State,
    ImmutableList<FundFiguresAt> Entries) : ProjectedView
{
    public const string Prefix = "nav";

    public static string IdOf(long page) => StreamPages.Id(Prefix, page);
}

/// <summary>The fund after one of its events: cash, units outstanding and how many of its properties it held by then.</summary>
public sealed record FundFiguresAt(long Version, DateTimeOffset At, long Cash, long UnitsOutstanding, int PropertyCount);

/// <summary>
/// directory / "mcpi-history" / "mcpi-{page}": the MCPI stream's versions of one page, shared by every fund's history
/// (never copied per fund). <see cref="State"/> is the index folded up to <see cref="Version"/>; <see cref="Publications"/>
/// the values published in the page, at most <see cref="StreamPages.Size"/>.
/// </summary>
public sealed record McpiPage(
    long Page,
    long Version,
    DateTimeOffset FirstTimestamp,
    McpiState State,
    ImmutableList<McpiObservation> Publications) : ProjectedView
{
    public const string Partition = "mcpi-history";
    public const string Prefix = "mcpi";

    public static string IdOf(long page) => StreamPages.Id(Prefix, page);
}

/// <summary>An MCPI value in hundredths, in force from <see cref="At"/>; <see cref="Version"/> in the MCPI stream.</summary>
public sealed record McpiObservation(long Version, DateTimeOffset At, long Value);

/// <summary>One point of the history; <see cref="Mcpi"/> in hundredths.</summary>
public sealed record NavPoint(DateTimeOffset At, decimal Nav, long NetAssets, long UnitsOutstanding, long Cash, long Mcpi);
