#if !OKCOW_WORKER_STANDIN
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace OkCow.Functions.Edge;

/// <summary>
/// The edge in Azure: the isolated worker runs this before every function; for HTTP functions it runs
/// <see cref="EdgePipeline"/> over the ASP.NET Core HttpContext and, on a refusal, writes the answer and skips the function.
/// </summary>
public sealed class EdgeWorkerMiddleware(EdgePipeline edge) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var endpoint = FunctionCatalog.Find(context.FunctionDefinition.Name);
        var http = endpoint is null ? null : context.GetHttpContext();
        if (endpoint is null || http is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var bindingData = context.BindingContext.BindingData;
        string? RouteValue(string name) =>
            http.GetRouteValue(name) is { } routed
                ? Convert.ToString(routed, CultureInfo.InvariantCulture)
                : bindingData.TryGetValue(name, out var bound) ? Convert.ToString(bound, CultureInfo.InvariantCulture) : null;

        if (await edge.RunAsync(new EdgeRequest(http, endpoint, RouteValue)).ConfigureAwait(false) is { } refusal)
        {
            await refusal.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
#endif
