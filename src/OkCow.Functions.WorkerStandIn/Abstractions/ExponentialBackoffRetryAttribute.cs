// Compile-only stand-in for extensions/Worker.Extensions.Abstractions/src/ExponentialBackoffRetryAttribute.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

using System.Globalization;

namespace Microsoft.Azure.Functions.Worker;

public sealed class ExponentialBackoffRetryAttribute : RetryAttribute
{
    public ExponentialBackoffRetryAttribute(int maxRetryCount, string minimumInterval, string maximumInterval)
    {
        // Same outcome as upstream: unparsable or negative intervals are out of range,
        // and a minimum above the maximum is rejected.
        if (!TimeSpan.TryParse(minimumInterval, CultureInfo.InvariantCulture, out var min) || min < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumInterval));
        }

        if (!TimeSpan.TryParse(maximumInterval, CultureInfo.InvariantCulture, out var max) || max < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumInterval));
        }

        if (min > max)
        {
            throw new ArgumentException("minimumInterval is greater than maximumInterval.", nameof(minimumInterval));
        }

        MaxRetryCount = maxRetryCount;
        MinimumInterval = minimumInterval;
        MaximumInterval = maximumInterval;
    }

    public string MinimumInterval { get; }

    public string MaximumInterval { get; }
}
