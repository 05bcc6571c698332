using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.PersonalData;
using OkCow.Application.Projections;
using OkCow.Domain.Investors;

namespace OkCow.Application.ReadModels.InvestorProfile;

public sealed class InvestorProfileProjector(ViewWriter views, PersonalDataVault vault) : IEventHandler
{
    public string Name => "projection:investor-profile";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not (InvestorEvent.InvestorRegistered or InvestorEvent.InvestorErased))
        {
            return;
        }

        var @event = (InvestorEvent)envelope.Event;
        var details = @event is InvestorEvent.InvestorRegistered registered
            ? await OpenAsync(vault, registered, cancellationToken).ConfigureAwait(false)
            : null;
        var investorId = StreamKeys.InvestorId(envelope.StreamId);
        await views.ApplyAsync<InvestorProfileView>(
            Containers.Investors,
            StreamKeys.Key(investorId),
            InvestorProfileView.DocumentId,
            envelope,
            view => InvestorProfileProjection.Apply(view, @event, details),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The registration's name and login id in clear, or nulls once the investor's data key is destroyed.</summary>
    public static async Task<OpenedDetails> OpenAsync(PersonalDataVault vault, InvestorEvent.InvestorRegistered registered, CancellationToken cancellationToken) =>
        new(
            await vault.OpenAsync(registered.InvestorId, PersonalDataVault.NameField, registered.Name, cancellationToken).ConfigureAwait(false),
            await vault.OpenAsync(registered.InvestorId, PersonalDataVault.LoginIdField, registered.LoginId, cancellationToken).ConfigureAwait(false));
}
