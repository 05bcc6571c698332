// Compile-only stand-in for extensions/Worker.Extensions.CosmosDB/src/CosmosDBChangeFeedMode.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

namespace Microsoft.Azure.Functions.Worker;

public enum CosmosDBChangeFeedMode
{
    LatestVersion = 0,
    AllVersionsAndDeletes = 1,
}
