using OkCow.Domain.Common;
using static OkCow.Domain.Registry.ClaimEvent;

namespace OkCow.Domain.Registry;

public sealed class ClaimDecider : IDecider<ClaimCommand, ClaimEvent, ClaimState>
{
    public static ClaimState Initial => ClaimState.Unclaimed;

    public static IReadOnlyList<ClaimEvent> Decide(ClaimCommand command, ClaimState state) => command switch
    {
        ClaimKey claim => Decide(claim, state),
        ReleaseKey release => state.Claimed && state.OwnerId == release.OwnerId ? [new KeyReleased(release.OwnerId, release.Now)] : [],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown claim command."),
    };

    private static IReadOnlyList<ClaimEvent> Decide(ClaimKey command, ClaimState state)
    {
        if (string.IsNullOrWhiteSpace(command.Kind) || string.IsNullOrWhiteSpace(command.Key) || command.OwnerId == Guid.Empty)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "A claim needs a kind, a key and an owner.");
        }

        if (!state.Claimed)
        {
            return [new KeyClaimed(command.Kind, command.Key, command.OwnerId, command.Now)];
        }

        // The owner's own retry (a saga step replayed, a reloaded command) must not fail its own registration.
        return state.OwnerId == command.OwnerId
            ? []
            : throw new DomainException(command.TakenCode, $"This {command.Kind} is already taken.");
    }

    public static ClaimState Evolve(ClaimState state, ClaimEvent @event) => @event switch
    {
        KeyClaimed claimed => new ClaimState(true, claimed.Kind, claimed.Key, claimed.OwnerId, claimed.At),
        KeyReleased => ClaimState.Unclaimed,
        _ => state,
    };
}
