using Microsoft.Data.Sqlite;
using OkCow.Application.Documents;
using OkCow.StoreContracts;

namespace OkCow.Infrastructure.Embedded.Tests;

public sealed class SqliteDocumentStoreTests : IDisposable
{
    private readonly TempDataFolder _folder = new();
    private readonly EmbeddedStore _store;

    public SqliteDocumentStoreTests() => _store = _folder.Open();

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Given_a_document_Then_it_is_stored_as_camel_case_JSON_with_enums_as_strings()
    {
        await _store.Documents.UpsertAsync(Containers.Statuses, "pk", "doc-1", ContractDocument.Create("doc-1"));

        using var connection = new SqliteConnection(_store.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM documents WHERE container = $container AND pk = $pk AND id = $id;";
        command.Parameters.AddWithValue("$container", Containers.Statuses);
        command.Parameters.AddWithValue("$pk", "pk");
        command.Parameters.AddWithValue("$id", "doc-1");
        var json = (string?)command.ExecuteScalar();

        Assert.NotNull(json);
        Assert.Contains("\"colour\":\"Green\"", json, StringComparison.Ordinal);
        Assert.Contains("\"owner\":{\"name\":\"owner\",\"units\":42}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_many_writes_Then_every_etag_is_new()
    {
        var etags = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            etags.Add(await _store.Documents.UpsertAsync(Containers.Statuses, "pk", "doc-1", ContractDocument.Create("doc-1", i)));
        }

        Assert.Equal(etags.Count, etags.Distinct().Count());
    }
}
