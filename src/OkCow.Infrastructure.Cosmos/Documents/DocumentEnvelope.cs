using System.Text.Json.Serialization;

namespace OkCow.Infrastructure.Cosmos.Documents;

/// <summary>
/// The stored shape of a read-container document: the value wrapped with its id, its partition key and, where the
/// container expires documents, its time to live in seconds.
/// </summary>
public sealed record DocumentEnvelope<T>(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("pk")] string Pk,
    [property: JsonPropertyName("value")] T Value,
    [property: JsonPropertyName("ttl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Ttl);
