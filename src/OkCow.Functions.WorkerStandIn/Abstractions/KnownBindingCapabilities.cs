// Compile-only stand-in for extensions/Worker.Extensions.Abstractions/src/KnownBindingCapabilities.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

public static class KnownBindingCapabilities
{
    public const string FunctionLevelRetry = "FunctionLevelRetry";
}
