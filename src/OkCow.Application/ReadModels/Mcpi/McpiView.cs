using OkCow.Application.Projections;
using OkCow.Domain.Index;

namespace OkCow.Application.ReadModels.Mcpi;

/// <summary>
/// directory / "mcpi" / "mcpi": the index folded with the domain's own <see cref="McpiDecider.Evolve"/>, which is
/// constant in size, so the value, the circuit-breaker reference and the halt come from the same rules that decide them.
/// </summary>
public sealed record McpiView(McpiState State) : ProjectedView
{
    public const string Partition = "mcpi";
    public const string DocumentId = "mcpi";

    public static McpiView Empty { get; } = new(McpiState.Empty);
}

public static class McpiProjection
{
    public static McpiView Apply(McpiView view, McpiEvent @event) => view with { State = McpiDecider.Evolve(view.State, @event) };

    /// <summary>Hundredths to the two-decimal index value: 11000 → 110.00.</summary>
    public static decimal ToIndex(long hundredths) => hundredths * 0.01m;
}
