using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.InvestorProfile;

/// <summary>investors / {investorId} / "profile". Never holds the password hash.</summary>
public sealed record InvestorProfileView(Guid InvestorId, string Name, string LoginId, DateTimeOffset RegisteredAt) : ProjectedView
{
    public const string DocumentId = "profile";
}

public static class InvestorProfileProjection
{
    /// <summary>Only the registration shapes the profile; the hash on the event is dropped here, on purpose.</summary>
    public static InvestorProfileView? Apply(InvestorProfileView? view, InvestorEvent @event) => @event switch
    {
        InvestorEvent.InvestorRegistered e => (view ?? new InvestorProfileView(e.InvestorId, e.Name, e.LoginId, e.At)) with
        {
            Name = e.Name,
            LoginId = e.LoginId,
            RegisteredAt = e.At,
        },
        _ => null,
    };
}
