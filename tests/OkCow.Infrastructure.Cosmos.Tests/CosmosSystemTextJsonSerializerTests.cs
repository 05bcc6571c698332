using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;

namespace OkCow.Infrastructure.Cosmos.Tests;

public sealed class CosmosSystemTextJsonSerializerTests
{
    private readonly CosmosSystemTextJsonSerializer _serializer = new();

    public enum Side
    {
        Buy,
        Sell,
    }

    public sealed record Order(string OrderId, Side Side, [property: JsonPropertyName("px")] long Price);

    [Fact]
    public void GivenARecord_WhenSerialised_ThenCamelCaseWithEnumsAsStrings()
    {
        using var reader = new StreamReader(_serializer.ToStream(new Order("o-1", Side.Sell, 120)), Encoding.UTF8);

        Assert.Equal("""{"orderId":"o-1","side":"Sell","px":120}""", reader.ReadToEnd());
    }

    [Fact]
    public void GivenJson_WhenDeserialised_ThenTheStreamIsDisposed()
    {
        var stream = new MemoryStream("""{"orderId":"o-1","side":"buy","px":5}"""u8.ToArray());

        var order = _serializer.FromStream<Order>(stream);

        Assert.Equal(new Order("o-1", Side.Buy, 5), order);
        Assert.False(stream.CanRead);
    }

    [Fact]
    public void GivenAStreamIsAskedFor_WhenDeserialising_ThenTheSameStreamComesBackOpen()
    {
        var stream = new MemoryStream([1, 2, 3]);

        Assert.Same(stream, _serializer.FromStream<Stream>(stream));
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void GivenMembers_WhenLinqAsksForTheirNames_ThenTheyMatchTheSerialisedNames()
    {
        Assert.Equal("orderId", _serializer.SerializeMemberName(typeof(Order).GetProperty(nameof(Order.OrderId))!));
        Assert.Equal("px", _serializer.SerializeMemberName(typeof(Order).GetProperty(nameof(Order.Price), BindingFlags.Public | BindingFlags.Instance)!));
    }
}
