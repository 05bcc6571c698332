using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OkCow.PeerBench;

/// <summary>Whether a larger or a smaller value of a figure is the better one.</summary>
public enum Better
{
    Higher,
    Lower,
}

/// <summary>One row of the comparison: what it is, its unit, and which way is better.</summary>
public sealed record Figure(string Key, string Title, string Unit, Better Better);

/// <summary>The samples of one figure (one per repetition and side) and their medians.</summary>
public sealed record FigureResult(Figure Figure, IReadOnlyList<double> OkCow, IReadOnlyList<double> Marten)
{
    public double OkCowMedian => Measure.Median([.. OkCow]);

    public double MartenMedian => Measure.Median([.. Marten]);

    /// <summary>OkCow / Marten: above 1 is OkCow ahead for a higher-is-better figure, below 1 for a lower-is-better one.</summary>
    public double Ratio => OkCowMedian / MartenMedian;

    public bool OkCowAhead => Figure.Better == Better.Higher ? Ratio > 1 : Ratio < 1;
}

/// <summary>peer.json (merged by build/bench.sh into results.json under "peer") and the table printed on stdout.</summary>
public static class PeerReport
{
    public static JsonObject ToJson(IReadOnlyList<FigureResult> results, JsonObject environment)
    {
        var peer = new JsonObject();
        foreach (var result in results)
        {
            peer[result.Figure.Key] = new JsonObject
            {
                ["okcow"] = Round(result.OkCowMedian),
                ["marten"] = Round(result.MartenMedian),
                ["ratio"] = Math.Round(result.Ratio, 3),
                ["unit"] = result.Figure.Unit,
                ["better"] = result.Figure.Better == Better.Higher
                    ? "higher (a ratio above 1 is OkCow ahead)"
                    : "lower (a ratio below 1 is OkCow ahead)",
                ["okcow_ahead"] = result.OkCowAhead,
                ["title"] = result.Figure.Title,
                ["samples"] = new JsonObject
                {
                    ["okcow"] = new JsonArray([.. result.OkCow.Select(v => (JsonNode?)Round(v))]),
                    ["marten"] = new JsonArray([.. result.Marten.Select(v => (JsonNode?)Round(v))]),
                },
            };
        }

        return new JsonObject { ["peer"] = peer, ["environment"] = environment };
    }

    public static string ToText(JsonObject report) => report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>A Markdown table, readable as it is on a terminal and pasted as it is into the README.</summary>
    public static string ToTable(IReadOnlyList<FigureResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| figure | unit | OkCow | Marten | OkCow/Marten | better |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: | --- |");
        foreach (var result in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Figure.Title} | {result.Figure.Unit} | {Format(result.OkCowMedian)} | {Format(result.MartenMedian)} | {result.Ratio:0.00} | {(result.Figure.Better == Better.Higher ? "higher" : "lower")}{(result.OkCowAhead ? "" : " (OkCow behind)")} |");
        }

        return table.ToString();
    }

    private static double Round(double value) => Math.Round(value, value >= 100 ? 0 : 1);

    private static string Format(double value) => value >= 100
        ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.0", CultureInfo.InvariantCulture);
}
