using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkCow.Domain.Tests;

/// <summary>The JSON settings the pipeline stores state snapshots with.</summary>
public static class SnapshotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The size of the state's snapshot in UTF-8 bytes.</summary>
    public static int Bytes<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, Options).Length;

    /// <summary>
    /// Serializes, deserializes and serializes again; the two documents must agree, so nothing was lost on the way.
    /// Immutable collections compare by reference, hence the comparison of documents rather than of records.
    /// </summary>
    public static T RoundTrip<T>(T state)
    {
        var json = JsonSerializer.Serialize(state, Options);
        var restored = JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException("The snapshot read back as null.");
        Assert.Equal(json, JsonSerializer.Serialize(restored, Options));
        return restored;
    }
}
