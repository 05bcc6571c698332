using OkCow.Domain.Funds;

namespace OkCow.Application.ReadModels;

/// <summary>A copyright property as read models store it; <see cref="McpiAtAcquisition"/> in hundredths.</summary>
public sealed record PropertyView(
    Guid PropertyId,
    string CopyrightCode,
    string RegistrationNumber,
    string MusicId,
    long Price,
    long McpiAtAcquisition,
    DateTimeOffset AcquiredAt)
{
    public static PropertyView From(FundEvent.PropertyAcquired e) =>
        new(e.PropertyId, e.CopyrightCode, e.RegistrationNumber, e.MusicId, e.Price, e.McpiAtAcquisition, e.At);

    public FundProperty ToDomain() =>
        new(PropertyId, CopyrightCode, RegistrationNumber, MusicId, Price, McpiAtAcquisition, AcquiredAt);
}

/// <summary>The fund figures NAV depends on, so that read models compute it with the domain's own functions (R9, R10).</summary>
public static class FundFigures
{
    public static FundState ToState(long basePrice, long cash, long unitsOutstanding, IEnumerable<PropertyView> properties) =>
        FundState.Initial with
        {
            Created = true,
            BasePrice = basePrice,
            Cash = cash,
            UnitsOutstanding = unitsOutstanding,
            Properties = [.. properties.Select(p => p.ToDomain())],
        };
}
