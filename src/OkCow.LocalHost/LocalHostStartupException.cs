namespace OkCow.LocalHost;

/// <summary>A startup problem the user can fix (a setting, the data folder, the port): its message is one sentence saying how.</summary>
public sealed class LocalHostStartupException : Exception
{
    public LocalHostStartupException()
    {
    }

    public LocalHostStartupException(string message)
        : base(message)
    {
    }

    public LocalHostStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
