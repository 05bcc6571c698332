using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.InvestorProfile;

/// <summary>
/// investors / {investorId} / "profile". Never holds the password hash. <see cref="Name"/> and <see cref="LoginId"/>
/// are the opened (clear) fields, null once the investor is erased or their data key is gone.
/// </summary>
public sealed record InvestorProfileView(Guid InvestorId, string? Name, string? LoginId, DateTimeOffset RegisteredAt, bool Erased = false) : ProjectedView
{
    public const string DocumentId = "profile";
}

/// <summary>The personal fields of a registration, opened with the investor's data key (null fields: the key is gone).</summary>
public sealed record OpenedDetails(string? Name, string? LoginId);

public static class InvestorProfileProjection
{
    /// <summary>The registration shapes the profile and the erasure blanks it; the hash on the event is dropped here, on purpose.</summary>
    public static InvestorProfileView? Apply(InvestorProfileView? view, InvestorEvent @event, OpenedDetails? details = null) => @event switch
    {
        InvestorEvent.InvestorRegistered e when view?.Erased != true => (view ?? new InvestorProfileView(e.InvestorId, null, null, e.At)) with
        {
            Name = details?.Name,
            LoginId = details?.LoginId,
            RegisteredAt = e.At,
        },
        InvestorEvent.InvestorErased e => (view ?? new InvestorProfileView(e.InvestorId, null, null, e.At)) with
        {
            Name = null,
            LoginId = null,
            Erased = true,
        },
        _ => null,
    };
}
