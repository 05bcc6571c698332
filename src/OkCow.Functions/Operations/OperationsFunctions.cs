using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OkCow.Application.ChangeFeed;
using OkCow.Application.Documents;
using OkCow.Application.PersonalData;
using OkCow.Application.ReadModels.Rebuild;
using OkCow.Functions.ChangeFeed;
using OkCow.Functions.Contract;
using OkCow.Functions.Edge;
using OkCow.Functions.Http;

namespace OkCow.Functions.Operations;

/// <summary>
/// Operator routes for the change-feed side: which streams a consumer parked (and why), and rebuilding the read
/// models from the log into a fresh generation. ("admin" is reserved by the Functions host, hence "operations".)
/// </summary>
public sealed class OperationsFunctions(FeedDispatchers dispatchers, ReadModelRebuilder rebuilder, PersonalDataVault vault)
{
    [Function("ListParkedStreams")]
    [Access(AccessRule.Operator)]
    [Summary("The streams a saga or projection parked after a failure, with the error.")]
    [Answers(StatusCodes.Status200OK, typeof(IReadOnlyList<ParkedStream>))]
    public async Task<IActionResult> ListParked(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operations/parked")] HttpRequest request)
    {
        var sagas = await dispatchers.Sagas.ListParkedAsync(request.HttpContext.RequestAborted);
        var projections = await dispatchers.Projections.ListParkedAsync(request.HttpContext.RequestAborted);
        return new JsonAnswer(StatusCodes.Status200OK, sagas.Concat(projections).ToList());
    }

    /// <summary>
    /// Rebuilds every read model into generation <paramref name="generation"/>; switch to it with the
    /// <c>OkCow__ReadModels__Generation</c> setting, then rebuild once more to catch up. In Cosmos DB the containers
    /// of the generation ("investors-{generation}", …) must exist first: the app's data-plane role cannot create them.
    /// </summary>
    [Function("RebuildReadModels")]
    [Access(AccessRule.Operator)]
    [Summary("Rebuilds every read model from the log into a fresh generation of containers.")]
    [Answers(StatusCodes.Status200OK, typeof(RebuildReport))]
    public async Task<IActionResult> Rebuild(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operations/read-models/{generation}/rebuild")] HttpRequest request,
        string generation)
    {
        if (generation.Length == 0 || !ReadModelStore.IsValidGeneration(generation))
        {
            return Problems.Validation("'generation' must be 1-16 lowercase letters and digits, e.g. g2.");
        }

        var report = await rebuilder.RebuildAsync(generation, request.HttpContext.RequestAborted);
        return new JsonAnswer(StatusCodes.Status200OK, report);
    }

    /// <summary>
    /// After a key-encryption-key rotation (a new Key Vault secret version, or a local start with
    /// <c>OkCow__PersonalData__RotateKek=true</c>): wraps every investor's data key under the current KEK version, so
    /// the old version can then be disabled. Safe to repeat; answers how many keys moved.
    /// </summary>
    [Function("RewrapDataKeys")]
    [Access(AccessRule.Operator)]
    [Summary("Rewraps every investor's data key under the current key-encryption key (after a KEK rotation).")]
    [Answers(StatusCodes.Status200OK, typeof(RewrapResult))]
    public async Task<IActionResult> RewrapDataKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operations/data-keys/rewrap")] HttpRequest request) =>
        new JsonAnswer(StatusCodes.Status200OK, await vault.RewrapAsync(request.HttpContext.RequestAborted));
}
