using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkCow.Application.Serialization;

/// <summary>The one set of JSON options for events, snapshots, documents and HTTP bodies: camelCase, enums as strings.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Create();

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    public static T FromElement<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"Null where a {typeof(T).Name} was expected.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
