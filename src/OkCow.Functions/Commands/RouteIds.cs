using Microsoft.AspNetCore.Mvc;
using OkCow.Functions.Http;

namespace OkCow.Functions.Commands;

internal static class RouteIds
{
    /// <summary>Route ids are UUIDs; anything else is a malformed request, not an unknown resource.</summary>
    public static bool TryParse(string value, string name, out Guid id, out IActionResult? problem)
    {
        problem = Guid.TryParse(value, out id) ? null : Problems.Validation($"'{name}' in the route must be an id (a UUID).");
        return problem is null;
    }

    /// <summary>Runs <paramref name="next"/> with the parsed id, or answers 400 when the route value is not one.</summary>
    public static Task<IActionResult> With(string value, string name, Func<Guid, Task<IActionResult>> next) =>
        TryParse(value, name, out var id, out var problem) ? next(id) : Task.FromResult(problem!);
}
