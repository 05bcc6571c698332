using Microsoft.Extensions.DependencyInjection;
using OkCow.Application.Commands;
using OkCow.Application.Documents;
using OkCow.Application.EventStore;
using OkCow.Application.Queries;
using OkCow.Application.Tests.Support;
using static OkCow.Domain.Funds.FundEvent;
using static OkCow.Domain.Index.McpiEvent;
using static OkCow.Domain.Investors.InvestorEvent;

namespace OkCow.Application.Tests.Queries;

/// <summary>
/// SPEC 7 at 1,000 items: every list walked page by page with its continuation tokens gives each item exactly once, in
/// the list's order, and its last page has no token; tokens of another list, altered or of another shape are refused.
/// </summary>
public sealed class PagingTests
{
    private const int Items = 1_000;
    private static readonly DateTimeOffset T0 = TestClock.Start;

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(PageRequest.MaxTake)]
    public async Task Given_1000_investors_When_walking_the_list_Then_each_comes_once_in_id_order(int take)
    {
        using var readSide = ReadSide.Create();
        var ids = new List<Guid>();
        for (var i = 0; i < Items; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            await readSide.AppendAsync(Streams.Investor(id), T0, new InvestorRegistered(id, $"Investor {i}", $"login-{i}", "hash", T0), new CashDeposited(id, i, T0));
        }

        await readSide.ProjectAsync();

        var pages = await WalkAsync(page => readSide.Queries.ListInvestorsAsync(page), take);

        Assert.Equal(ids.Select(Key).Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(i => Key(i.InvestorId)));
        Assert.Equal(Items, pages.SelectMany(p => p.Items).Select(i => i.AvailableCash).Distinct().Count());
        AssertWellFormed(pages, take);
    }

    [Fact]
    public async Task Given_1000_funds_When_walking_the_list_Then_each_comes_once_in_id_order()
    {
        using var readSide = ReadSide.Create();
        var ids = new List<Guid>();
        for (var i = 0; i < Items; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            await readSide.AppendAsync(Streams.Fund(id), T0.AddMinutes(i), new FundCreated(id, $"Fund {i}", 10_000, T0.AddMinutes(i)));
        }

        await readSide.ProjectAsync();

        var pages = await WalkAsync(page => readSide.Queries.ListFundsAsync(page), 64);

        Assert.Equal(ids.Select(Key).Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(f => Key(f.FundId)));
        AssertWellFormed(pages, 64);
    }

    [Fact]
    public async Task Given_a_stream_of_1000_events_When_walking_its_audit_trail_Then_each_version_comes_once_in_order()
    {
        using var readSide = ReadSide.Create();
        var investor = Guid.NewGuid();
        await readSide.AppendAsync(Streams.Investor(investor), T0, new InvestorRegistered(investor, "Ann", "ann", "hash", T0));
        for (var from = 2; from <= Items; from += 50)
        {
            await readSide.AppendAsync(Streams.Investor(investor), T0, [.. Enumerable.Range(from, Math.Min(50, Items - from + 1)).Select(v => (object)new CashDeposited(investor, v, T0))]);
        }

        var pages = await WalkAsync(async page => (await readSide.Queries.GetStreamEventsAsync(Streams.Investor(investor), page))!, 128);

        Assert.Equal(Enumerable.Range(1, Items).Select(v => (long)v), pages.SelectMany(p => p.Items).Select(e => e.Version));
        AssertWellFormed(pages, 128);
    }

    [Fact]
    public async Task Given_a_nav_history_of_more_than_1000_points_When_walking_it_Then_each_instant_comes_once_in_time_order()
    {
        using var readSide = ReadSide.Create();
        var fund = Guid.NewGuid();
        var at = (int minutes) => T0.AddMinutes(minutes);
        await readSide.AppendAsync(Streams.Fund(fund), at(0), new FundCreated(fund, "Long", 10_000, at(0)));
        for (var i = 1; i < Items; i++)
        {
            await readSide.AppendAsync(Streams.Fund(fund), at(2 * i), new UnitsIssued(fund, Guid.NewGuid(), Guid.NewGuid(), 10_000, 1, 10_000, 10_000m, 0, i - 1, 10_000, at(2 * i)));
            if (i % 20 == 0)
            {
                await readSide.AppendAsync(Streams.Mcpi, at((2 * i) + 1), new McpiPublished(10_000 + i, at((2 * i) + 1), 10_000, at((2 * i) + 1)));
            }
        }

        await readSide.ProjectAsync();

        var pages = await WalkAsync(async page => (await readSide.Queries.GetNavHistoryAsync(fund, page))!, 100);

        var whole = (await readSide.Queries.GetNavHistoryAsync(fund))!.Points;
        var walked = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(Items + 49, walked.Count);
        Assert.Equal(whole, walked);
        Assert.True(walked.Zip(walked.Skip(1)).All(pair => pair.First.At < pair.Second.At));
        Assert.Equal((Items - 1) * 10_000L, walked[^1].Cash);
        AssertWellFormed(pages, 100);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(200)]
    public async Task Given_a_history_over_several_fund_and_mcpi_pages_When_walking_it_in_any_page_size_Then_it_is_the_whole_history(int take)
    {
        var fund = Guid.NewGuid();
        using var readSide = await ReadModels.NavHistoryPagesTests.LongHistoryAsync(fund);
        await readSide.ProjectAsync();

        var pages = await WalkAsync(async page => (await readSide.Queries.GetNavHistoryAsync(fund, page))!, take);

        Assert.Equal((await readSide.Queries.GetNavHistoryAsync(fund))!.Points, pages.SelectMany(p => p.Items));
        AssertWellFormed(pages, take);
    }

    [Fact]
    public async Task Given_a_history_of_20_fund_pages_When_reading_a_late_page_Then_only_a_few_pages_are_read_not_all()
    {
        const int Pages = 20;
        var counting = new PageReadCounter();
        using var readSide = ReadSide.Create(services => services.AddSingleton<IDocumentStore>(_ => counting));
        counting.Inner = readSide.Store.Documents;
        var fund = Guid.NewGuid();
        var at = (int minutes) => T0.AddMinutes(minutes);
        await readSide.AppendAsync(Streams.Fund(fund), at(0), new FundCreated(fund, "Long", 10_000, at(0)));
        for (var from = 1; from < Pages * 256; from += 50)
        {
            await readSide.AppendAsync(Streams.Fund(fund), at(from), [.. Enumerable.Range(from, Math.Min(50, (Pages * 256) - from)).Select(i => (object)new UnitsIssued(fund, Guid.NewGuid(), Guid.NewGuid(), 10_000, 1, 10_000, 10_000m, 0, i - 1, 10_000, at(i)))]);
        }

        await readSide.ProjectAsync();
        var token = ContinuationTokens.Encode($"nav-history:{fund:D}", at(4_000).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));

        counting.NavPageReads = 0;
        var page = (await readSide.Queries.GetNavHistoryAsync(fund, new PageRequest(10, token)))!;

        Assert.Equal(Enumerable.Range(4_001, 10).Select(at), page.Items.Select(p => p.At));
        Assert.Equal(4_001 * 10_000L, page.Items[0].Cash);
        Assert.InRange(counting.NavPageReads, 1, 10);
    }

    [Fact]
    public async Task Given_a_token_of_another_list_or_altered_Then_it_is_refused()
    {
        using var readSide = ReadSide.Create();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var fund in new[] { a, b })
        {
            await readSide.AppendAsync(Streams.Fund(fund), T0, new FundCreated(fund, "F", 10_000, T0), new UnitsIssued(fund, Guid.NewGuid(), Guid.NewGuid(), 10_000, 1, 10_000, 10_000m, 0, 0, 10_000, T0.AddMinutes(1)));
            await readSide.AppendAsync(Streams.Investor(fund), T0, new InvestorRegistered(fund, "Ann", $"ann-{fund:N}", "hash", T0), new CashDeposited(fund, 1, T0));
        }

        await readSide.ProjectAsync();
        var queries = readSide.Queries;
        var funds = await queries.ListFundsAsync(new PageRequest(1));
        var history = (await queries.GetNavHistoryAsync(a, new PageRequest(1)))!;
        var events = (await queries.GetStreamEventsAsync(Streams.Investor(a), new PageRequest(1)))!;
        Assert.All([funds.ContinuationToken, history.ContinuationToken, events.ContinuationToken], Assert.NotNull);

        await Assert.ThrowsAsync<InvalidContinuationException>(() => queries.ListInvestorsAsync(new PageRequest(1, funds.ContinuationToken)));
        await Assert.ThrowsAsync<InvalidContinuationException>(() => queries.GetNavHistoryAsync(b, new PageRequest(1, history.ContinuationToken)));
        await Assert.ThrowsAsync<InvalidContinuationException>(() => queries.GetStreamEventsAsync(Streams.Investor(b), new PageRequest(1, events.ContinuationToken)));
        foreach (var bad in new[] { "x", "not base64!", "e30", Altered(funds.ContinuationToken!), Encoded("""{"v":1,"l":"funds","p":""}"""), Encoded("""{"v":1,"l":"funds","p":"a"}"""), Forged("events:" + Streams.Investor(a), "0"), Forged("events:" + Streams.Investor(a), "-3"), Forged("nav-history:" + a.ToString("D"), "soon") })
        {
            await Assert.ThrowsAsync<InvalidContinuationException>(() => queries.ListFundsAsync(new PageRequest(1, bad)));
            await Assert.ThrowsAsync<InvalidContinuationException>(() => queries.GetStreamEventsAsync(Streams.Investor(a), new PageRequest(1, bad)));
            await Assert.ThrowsAsync<InvalidContinuationException>(() => queries.GetNavHistoryAsync(a, new PageRequest(1, bad)));
        }

        Assert.Single((await queries.ListFundsAsync(new PageRequest(1, funds.ContinuationToken))).Items);
        Assert.Single((await queries.GetNavHistoryAsync(a, new PageRequest(1, history.ContinuationToken)))!.Items);
        Assert.Equal(2, Assert.Single((await queries.GetStreamEventsAsync(Streams.Investor(a), new PageRequest(1, events.ContinuationToken)))!.Items).Version);
    }

    [Fact]
    public void Given_a_token_Then_it_is_opaque_base64url_naming_its_list_and_version()
    {
        var token = ContinuationTokens.Encode("funds", "0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", ContinuationTokens.Decode(token, "funds"));
        Assert.Null(ContinuationTokens.Decode(null, "funds"));
        Assert.Throws<InvalidContinuationException>(() => ContinuationTokens.Decode(token, "investors"));
        Assert.Throws<InvalidContinuationException>(() => ContinuationTokens.Decode(Encoded("""{"v":2,"l":"funds","p":"x","c":"x"}"""), "funds"));
        Assert.Throws<InvalidContinuationException>(() => ContinuationTokens.Decode(Encoded("""{"v":1,"l":"funds","p":"x","extra":1}"""), "funds"));
        Assert.Throws<InvalidContinuationException>(() => ContinuationTokens.Decode(Encoded("""{"v":1,"l":"funds","l":"investors","p":"x"}"""), "investors"));
        Assert.Throws<InvalidContinuationException>(() => ContinuationTokens.Decode(new string('A', PageRequest.MaxTokenLength + 4), "funds"));
    }

    private static string Key(Guid id) => id.ToString("D");

    private static string Encoded(string json) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>A token built by hand with a good check: refused when its position is not one of its list.</summary>
    private static string Forged(string list, string position) => ContinuationTokens.Encode(list, position);

    /// <summary>The token with one character in its middle changed.</summary>
    private static string Altered(string token)
    {
        var middle = token.Length / 2;
        return token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
    }

    private static async Task<List<PageDto<T>>> WalkAsync<T>(Func<PageRequest, Task<PageDto<T>>> read, int take)
    {
        var pages = new List<PageDto<T>>();
        string? token = null;
        do
        {
            var page = await read(new PageRequest(take, token));
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count <= Items + 1);

        return pages;
    }

    private static void AssertWellFormed<T>(List<PageDto<T>> pages, int take)
    {
        Assert.All(pages[..^1], p => Assert.True(p.HasMore && p.ContinuationToken is not null && p.Items.Count == take));
        Assert.False(pages[^1].HasMore);
        Assert.Null(pages[^1].ContinuationToken);
        Assert.InRange(pages[^1].Items.Count, 1, take);
    }

    /// <summary>Counts the point reads of NAV-history pages (fund and MCPI).</summary>
    private sealed class PageReadCounter : IDocumentStore
    {
        public IDocumentStore Inner { get; set; } = null!;

        public int NavPageReads { get; set; }

        public Task<Document<T>?> GetAsync<T>(string container, string partitionKey, string id, CancellationToken cancellationToken = default)
        {
            NavPageReads += id.StartsWith("nav-", StringComparison.Ordinal) || id.StartsWith("mcpi-", StringComparison.Ordinal) ? 1 : 0;
            return Inner.GetAsync<T>(container, partitionKey, id, cancellationToken);
        }

        public Task<IReadOnlyList<Document<T>?>> GetManyAsync<T>(string container, IReadOnlyList<(string PartitionKey, string Id)> keys, CancellationToken cancellationToken = default) =>
            Inner.GetManyAsync<T>(container, keys, cancellationToken);

        public Task<IReadOnlyList<IReadOnlyList<string>?>> WriteGroupsAsync(IReadOnlyList<DocumentGroup> groups, CancellationToken cancellationToken = default) =>
            Inner.WriteGroupsAsync(groups, cancellationToken);

        public Task<string?> TryWriteAsync<T>(string container, string partitionKey, string id, T value, string? ifMatch, CancellationToken cancellationToken = default) =>
            Inner.TryWriteAsync(container, partitionKey, id, value, ifMatch, cancellationToken);

        public Task<string> UpsertAsync<T>(string container, string partitionKey, string id, T value, CancellationToken cancellationToken = default) =>
            Inner.UpsertAsync(container, partitionKey, id, value, cancellationToken);

        public Task DeleteAsync(string container, string partitionKey, string id, CancellationToken cancellationToken = default) =>
            Inner.DeleteAsync(container, partitionKey, id, cancellationToken);

        public Task<IReadOnlyList<T>> ListAsync<T>(string container, string partitionKey, int skip, int take, CancellationToken cancellationToken = default) =>
            Inner.ListAsync<T>(container, partitionKey, skip, take, cancellationToken);

        public Task<DocumentPage<T>> ListPageAsync<T>(string container, string partitionKey, int take, string? continuation, CancellationToken cancellationToken = default) =>
            Inner.ListPageAsync<T>(container, partitionKey, take, continuation, cancellationToken);
    }
}
