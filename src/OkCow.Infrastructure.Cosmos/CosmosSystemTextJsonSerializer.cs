using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;

namespace OkCow.Infrastructure.Cosmos;

/// <summary>
/// Serialises Cosmos documents with System.Text.Json (web defaults: camelCase, enums as strings), the same way the
/// Functions isolated worker reads them, instead of the SDK's default Newtonsoft.Json.
/// </summary>
public sealed class CosmosSystemTextJsonSerializer(JsonSerializerOptions options) : CosmosLinqSerializer
{
    public CosmosSystemTextJsonSerializer()
        : this(DefaultOptions)
    {
    }

    /// <summary>The options every OkCow Cosmos document is written with.</summary>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateDefaultOptions();

    public override T FromStream<T>(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (typeof(Stream).IsAssignableFrom(typeof(T)))
        {
            return (T)(object)stream;
        }

        // The SDK hands over ownership of the stream: it must be disposed here, even when deserialising fails.
        using (stream)
        {
            if (stream.CanSeek && stream.Length == 0)
            {
                return default!;
            }

            return JsonSerializer.Deserialize<T>(stream, options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, input, options);
        stream.Position = 0;
        return stream;
    }

    public override string SerializeMemberName(MemberInfo memberInfo)
    {
        ArgumentNullException.ThrowIfNull(memberInfo);
        var explicitName = memberInfo.GetCustomAttribute<JsonPropertyNameAttribute>(inherit: true);
        if (explicitName is not null)
        {
            return explicitName.Name;
        }

        return options.PropertyNamingPolicy?.ConvertName(memberInfo.Name) ?? memberInfo.Name;
    }

    private static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
