// Compile-only stand-in for extensions/Worker.Extensions.Abstractions/src/RetryAttribute.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Method)]
public abstract class RetryAttribute : Attribute
{
    public RetryAttribute()
    {
    }

    public int MaxRetryCount { get; set; }
}
