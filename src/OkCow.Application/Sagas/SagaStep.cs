using System.Security.Cryptography;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Commands;

namespace OkCow.Application.Sagas;

internal static class SagaStep
{
    /// <summary>A saga's command answers the event that caused it and keeps the request's correlation id.</summary>
    public static CommandContext ContextFor(EventEnvelope envelope, string saga) =>
        new(envelope.Stored.Metadata.CorrelationId, envelope.Stored.EventId.ToString(), $"saga:{saga}");

    /// <summary>
    /// A name-based id, the same on every redelivery of the same cause, so a repeated step decides the same events.
    /// </summary>
    public static Guid DerivedId(Guid cause, int index)
    {
        Span<byte> input = stackalloc byte[20];
        cause.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], index);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);

        // RFC 9562 version 8 (custom) with the RFC variant bits.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>
    /// The id of one saga step, the same on every redelivery: the first event the step decides carries it, and the
    /// store refuses a second event with it, which is how a repeated step is recognised.
    /// </summary>
    public static Guid StepId(Guid cause, string step) => StepId(cause, Guid.Empty, step);

    /// <summary>The id of a saga step per party (a royalty's credit to one holder, a trade's settlement of one side).</summary>
    public static Guid StepId(Guid cause, Guid party, string step)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(step);
        var input = new byte[32 + name.Length];
        cause.TryWriteBytes(input);
        party.TryWriteBytes(input.AsSpan(16));
        name.CopyTo(input, 32);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
