using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OkCow.Functions.Edge;

namespace OkCow.Functions.Contract;

/// <summary>The machine-readable contract of the API, served by a function so that Azure and the local host answer alike.</summary>
public sealed class ContractFunctions
{
    [Function("GetOpenApiDocument")]
    [Access(AccessRule.Public)]
    [Summary("The OpenAPI 3.1 document of this API, generated from the functions' declarations.")]
    [Answers(StatusCodes.Status200OK, typeof(object))]
    public IActionResult GetOpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "application/json; charset=utf-8", Content = OpenApiContract.Json31 };
}
