namespace OkCow.Domain.Common;

/// <summary>
/// A pure aggregate: <c>Decide(command, state) -> events</c> and <c>Evolve(state, event) -> state</c>.
/// A repeated command decides no events. Refusals throw <see cref="DomainException"/>.
/// </summary>
public interface IDecider<TCommand, TEvent, TState>
{
    static abstract TState Initial { get; }

    static abstract IReadOnlyList<TEvent> Decide(TCommand command, TState state);

    static abstract TState Evolve(TState state, TEvent @event);
}
