using System.Globalization;
using Microsoft.AspNetCore.Http;
using OkCow.Application.Queries;

namespace OkCow.Functions.Http;

/// <summary>
/// The one reader of a list's paging parameters (SPEC 7): <c>take</c> (1 to <see cref="PageRequest.MaxTake"/>, default
/// <see cref="PageRequest.DefaultTake"/>) and <c>continuationToken</c> (as the page before answered it), and, where a
/// route still accepts it, <c>skip</c>. Anything else is a 400 <c>VALIDATION_FAILED</c>; whether the token belongs to
/// the list is decided where it is decoded (<see cref="ContinuationTokens"/>), also a 400.
/// </summary>
public static class PageParameters
{
    public const string Take = "take";
    public const string ContinuationToken = "continuationToken";
    public const string Skip = "skip";

    /// <param name="skip">The <c>skip</c> given (only when <paramref name="acceptsSkip"/>), else null.</param>
    public static bool TryRead(HttpRequest request, bool acceptsSkip, out PageRequest page, out int? skip, out JsonAnswer? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        page = PageRequest.First();
        skip = null;
        problem = null;
        var query = request.Query;
        if (query[Take].Count > 1 || query[ContinuationToken].Count > 1 || query[Skip].Count > 1)
        {
            problem = Problems.Validation($"'{Take}', '{ContinuationToken}' and '{Skip}' may each be given once.");
            return false;
        }

        var take = PageRequest.DefaultTake;
        var takeText = query[Take].ToString();
        if (takeText.Length > 0 && (!int.TryParse(takeText, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > PageRequest.MaxTake))
        {
            problem = Problems.Validation($"'{Take}' is a whole number from 1 to {PageRequest.MaxTake}.");
            return false;
        }

        string? token = null;
        if (query.ContainsKey(ContinuationToken))
        {
            token = query[ContinuationToken].ToString();
            if (token.Length is 0 or > PageRequest.MaxTokenLength)
            {
                problem = Problems.Validation($"'{ContinuationToken}' is the token a page of this list answered, unchanged.");
                return false;
            }
        }

        if (query.ContainsKey(Skip))
        {
            if (!acceptsSkip)
            {
                problem = Problems.Validation($"This list pages with '{ContinuationToken}', not '{Skip}'.");
                return false;
            }

            if (!int.TryParse(query[Skip].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var skipped) || token is not null)
            {
                problem = Problems.Validation($"'{Skip}' is a whole number ≥ 0, and is not given with '{ContinuationToken}'.");
                return false;
            }

            skip = skipped;
        }

        page = new PageRequest(take, token);
        return true;
    }

    /// <summary>The answer to a token the list refused: 400, never a 5xx.</summary>
    public static JsonAnswer BadToken(string detail) =>
        Problems.Validation($"'{ContinuationToken}' was refused: {detail} Ask for the first page again.");
}
