using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OkCow.Application.Documents;

namespace OkCow.Application.Queries;

/// <summary>
/// What a client asks of a list (SPEC 7): at most <see cref="Take"/> items, after the position an earlier page's
/// <see cref="ContinuationToken"/> names (null: from the start).
/// </summary>
public sealed record PageRequest(int Take = PageRequest.DefaultTake, string? ContinuationToken = null)
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;

    /// <summary>A token longer than this is refused unread (a Cosmos DB continuation wrapped in one stays far below).</summary>
    public const int MaxTokenLength = 2048;

    public static PageRequest First(int take = DefaultTake) => new(take);
}

/// <summary>
/// Continuation tokens: base64url of a small versioned JSON structure <c>{ v, l, p, c }</c> naming the list it belongs
/// to (<c>l</c>: "investors", "funds", "nav-history:{fundId}", "events:{streamId}"), the position to resume from
/// (<c>p</c>: the store's own continuation, a stream version, an instant) and a check over both (<c>c</c>: 64 bits of
/// SHA-256), so an altered token is told from a real one. Opaque to clients; a token of another list, of another
/// version, altered or out of shape is refused with <see cref="InvalidContinuationException"/>. The check is not a
/// secret: a token built by hand still only names a position in its own list, which each list validates (and Cosmos
/// DB refuses a continuation it did not give out, which the store reports the same way).
/// </summary>
public static class ContinuationTokens
{
    private const int Version = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public static string Encode(string list, string position)
    {
        ArgumentException.ThrowIfNullOrEmpty(list);
        ArgumentException.ThrowIfNullOrEmpty(position);
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Token(Version, list, position, Check(Version, list, position)), Options));
    }

    /// <summary>The position <paramref name="token"/> names in <paramref name="list"/>; null for no token (the first page).</summary>
    public static string? Decode(string? token, string list)
    {
        if (token is null)
        {
            return null;
        }

        Token? parsed;
        try
        {
            parsed = token.Length is > 0 and <= PageRequest.MaxTokenLength && Base64Url.IsValid(token)
                ? JsonSerializer.Deserialize<Token>(Base64Url.DecodeFromChars(token), Options)
                : null;
        }
        catch (JsonException)
        {
            parsed = null;
        }

        return parsed switch
        {
            null or { P: null or "" } or { L: null } => throw new InvalidContinuationException("The continuation token is not one this service gave out."),
            { V: not Version } => throw new InvalidContinuationException("The continuation token is of another version: start the list again."),
            _ when !string.Equals(parsed.C, Check(parsed.V, parsed.L!, parsed.P!), StringComparison.Ordinal) => throw new InvalidContinuationException("The continuation token was altered."),
            _ when !string.Equals(parsed.L, list, StringComparison.Ordinal) => throw new InvalidContinuationException("The continuation token belongs to another list."),
            _ => parsed.P,
        };
    }

    private static string Check(int version, string list, string position) =>
        Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{version}\n{list}\n{position}")).AsSpan(0, 8));

    private sealed record Token(int V, string? L, string? P, string? C);
}
