using OkCow.Domain.Common;

namespace OkCow.Domain.Tests;

/// <summary>
/// Given(events).When(command).Then(events | error code) over a pure decider.
/// </summary>
public sealed class DeciderSpec<TDecider, TCommand, TEvent, TState>
    where TDecider : IDecider<TCommand, TEvent, TState>
{
    private TEvent[] _given = [];
    private Func<TCommand>? _when;

    public DeciderSpec<TDecider, TCommand, TEvent, TState> Given(params TEvent[] events)
    {
        _given = events;
        return this;
    }

    public DeciderSpec<TDecider, TCommand, TEvent, TState> When(TCommand command)
    {
        _when = () => command;
        return this;
    }

    public TState State => _given.Aggregate(TDecider.Initial, TDecider.Evolve);

    public IReadOnlyList<TEvent> Then(params TEvent[] expected)
    {
        var actual = Decide();
        Assert.Equal(expected, actual);
        return actual;
    }

    public IReadOnlyList<TEvent> ThenMatches(Action<IReadOnlyList<TEvent>> assert)
    {
        var actual = Decide();
        assert(actual);
        return actual;
    }

    /// <summary>The stream after the command: the given events followed by the decided ones.</summary>
    public IReadOnlyList<TEvent> ThenStream() => [.. _given, .. Decide()];

    public void ThenNothing() => Assert.Empty(Decide());

    /// <summary>Decides, then folds the decided events onto the given state: what the stream holds after the command.</summary>
    public TState ThenState() => Decide().Aggregate(State, TDecider.Evolve);

    public void ThenFails(string code)
    {
        var error = Assert.Throws<DomainException>(() => Decide());
        Assert.Equal(code, error.Code);
    }

    private IReadOnlyList<TEvent> Decide()
    {
        var command = (_when ?? throw new InvalidOperationException("When(...) was not called."))();
        return TDecider.Decide(command, State);
    }
}
