namespace OkCow.Domain.Common;

/// <summary>A business rule refused a command. <see cref="Code"/> is one of <see cref="ErrorCodes"/>.</summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
