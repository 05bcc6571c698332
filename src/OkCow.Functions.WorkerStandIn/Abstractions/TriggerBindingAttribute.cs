// Compile-only stand-in for extensions/Worker.Extensions.Abstractions/src/TriggerBindingAttribute.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

[AttributeUsage(AttributeTargets.Parameter)]
public abstract class TriggerBindingAttribute : BindingAttribute
{
    public TriggerBindingAttribute()
    {
    }
}
