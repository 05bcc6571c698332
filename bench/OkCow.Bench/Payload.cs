using OkCow.Application.Commands;
using OkCow.Application.EventStore;
using OkCow.Application.Serialization;
using OkCow.Domain.Investors;

namespace OkCow.Bench;

/// <summary>The one event every micro-benchmark writes and reads: an investor's deposit as the product stores it.</summary>
public static class Payload
{
    public static readonly EventMetadata Metadata = new("bench-correlation-7d1f0c2e", "bench-request-4b9a", "bench-user");

    public static string Stream(Guid investorId) => Streams.Investor(investorId);

    public static NewEvent Deposit(Guid investorId, DateTimeOffset at) =>
        EventTypes.Default.ToNewEvent(new InvestorEvent.CashDeposited(investorId, 250_000, at), Guid.NewGuid(), at, Metadata);
}

/// <summary>A scratch folder removed when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("okcow-bench-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the folder is in the temporary directory anyway.
        }
    }
}
