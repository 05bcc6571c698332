// Compile-only stand-in for extensions/Worker.Extensions.Abstractions/src/FixedDelayRetryAttribute.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

using System.Globalization;

namespace Microsoft.Azure.Functions.Worker;

public sealed class FixedDelayRetryAttribute : RetryAttribute
{
    public FixedDelayRetryAttribute(int maxRetryCount, string delayInterval)
    {
        // Same outcome as upstream: an unparsable or negative delay is out of range.
        if (!TimeSpan.TryParse(delayInterval, CultureInfo.InvariantCulture, out var delay) || delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delayInterval));
        }

        MaxRetryCount = maxRetryCount;
        DelayInterval = delayInterval;
    }

    public string DelayInterval { get; }
}
