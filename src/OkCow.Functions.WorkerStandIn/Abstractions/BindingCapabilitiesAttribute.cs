// Compile-only stand-in for extensions/Worker.Extensions.Abstractions/src/BindingCapabilitiesAttribute.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

[AttributeUsage(AttributeTargets.Class)]
public sealed class BindingCapabilitiesAttribute : Attribute
{
    public BindingCapabilitiesAttribute(params string[] capabilities) => Capabilities = capabilities;

    public string[] Capabilities { get; private set; }
}
