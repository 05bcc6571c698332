// Compile-only stand-in for extensions/Worker.Extensions.Http/src/HttpTriggerAttribute.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

// No AttributeUsage here, as upstream: Parameter usage is inherited from TriggerBindingAttribute.
public sealed class HttpTriggerAttribute : TriggerBindingAttribute
{
    public HttpTriggerAttribute() => AuthLevel = AuthorizationLevel.Function;

    // As upstream, this overload leaves AuthLevel at its default (Anonymous).
    public HttpTriggerAttribute(params string[] methods) => Methods = methods;

    public HttpTriggerAttribute(AuthorizationLevel authLevel) => AuthLevel = authLevel;

    public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
    {
        AuthLevel = authLevel;
        Methods = methods;
    }

    public string? Route { get; set; }

    public string[]? Methods { get; private set; }

    public AuthorizationLevel AuthLevel { get; private set; }
}
