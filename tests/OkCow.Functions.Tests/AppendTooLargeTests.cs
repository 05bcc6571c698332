using Microsoft.AspNetCore.Http;
using OkCow.Application.Commands;
using OkCow.Application.EventStore;
using OkCow.Domain.Common;

namespace OkCow.Functions.Tests;

/// <summary>
/// A size refusal the store still makes (a command that would not fit one atomic write) answers 422 with
/// <c>APPEND_TOO_LARGE</c> as problem+json, never 500, and writes nothing.
/// </summary>
public sealed class AppendTooLargeTests : IDisposable
{
    private readonly RefusingStore _refusing;
    private readonly FunctionsFixture _host;

    public AppendTooLargeTests()
    {
        RefusingStore? refusing = null;
        _host = new FunctionsFixture(inner => refusing = new RefusingStore(inner));
        _refusing = refusing!;
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task GivenTheStoreRefusesTheAppendAsTooLarge_WhenDepositing_Then422AppendTooLargeAndNothingWritten()
    {
        var investorId = await _host.RegisterWithCashAsync(1_000);
        var before = await _host.StreamVersionAsync(Streams.Investor(investorId));
        _refusing.Refuse = true;

        var answer = await _host.PostAsync($"/api/investors/{investorId}/deposits", new { amount = 500 }, r => _host.Investors.Deposit(r, investorId.ToString()));

        AnswerAssert.Problem(answer, StatusCodes.Status422UnprocessableEntity, ErrorCodes.AppendTooLarge);
        Assert.Equal(before, await _host.StreamVersionAsync(Streams.Investor(investorId)));
    }

    private sealed class RefusingStore(IEventStore inner) : IEventStore
    {
        public bool Refuse { get; set; }

        public Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot? snapshot = null, CancellationToken cancellationToken = default) =>
            Refuse ? throw new AppendTooLargeException(streamId, "refused for the test") : inner.AppendAsync(streamId, expected, events, snapshot, cancellationToken);

        public Task<AppendResult> AppendWithPagesAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, Snapshot snapshot, IReadOnlyList<PageWrite> pages, CancellationToken cancellationToken = default) =>
            Refuse ? throw new AppendTooLargeException(streamId, "refused for the test") : inner.AppendWithPagesAsync(streamId, expected, events, snapshot, pages, cancellationToken);

        public Task<IReadOnlyList<StreamPage>> ReadPagesAsync(string streamId, IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken = default) =>
            inner.ReadPagesAsync(streamId, pageIds, cancellationToken);

        public Task<StreamHead?> ReadHeadAsync(string streamId, CancellationToken cancellationToken = default) =>
            inner.ReadHeadAsync(streamId, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, StreamReadOptions options, CancellationToken cancellationToken = default) =>
            inner.ReadStreamAsync(streamId, options, cancellationToken);
    }
}
