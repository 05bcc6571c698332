using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using OkCow.Application.Commands;
using OkCow.Application.EventStore;
using OkCow.Application.PersonalData;
using OkCow.Application.Serialization;
using OkCow.Application.Telemetry;
using OkCow.Domain.Common;
using OkCow.Functions.Edge;

namespace OkCow.Functions.Http;

/// <summary>What a command function answers on success: 201 or 202, the resource to poll, and a body of ids and version.</summary>
public sealed record Accepted(int Status, string Location, object Body);

/// <summary>
/// The shared edge of every command function: bounded body reading, Idempotency-Key, correlation id and actor,
/// and the mapping of refusals to problem+json. Validation happens before anything is written.
/// </summary>
public sealed partial class CommandRunner(IdempotencyGuard idempotency, IClientAddress addresses, Pseudonyms pseudonyms, OkCowTelemetry telemetry, ILogger<CommandRunner> logger)
{
    public const int MaxBodyBytes = RequestBodies.MaxBodyBytes;
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string CorrelationIdHeader = "X-Correlation-Id";

    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase) { "password" };

    /// <summary>
    /// The whole edge of a command with a JSON body: bind it strictly into <typeparamref name="TRequest"/>, validate it
    /// with <paramref name="validate"/> (any problem answers 400 and nothing runs), then run <paramref name="command"/>
    /// under the Idempotency-Key rules.
    /// </summary>
    public async Task<IActionResult> RunAsync<TRequest, TInput>(
        HttpRequest request,
        Func<TRequest, Validation, TInput> validate,
        Func<TInput, CommandContext, CancellationToken, Task<Accepted>> command)
        where TRequest : class
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var (body, problem) = await JsonRequests.BindAsync<TRequest>(request).ConfigureAwait(false);
        if (body is null)
        {
            return Refused(request, problem!);
        }

        var validation = new Validation();
        var input = validate(body, validation);
        if (validation.Problem is { } invalid)
        {
            return Refused(request, invalid);
        }

        var bytes = await RequestBodies.ReadAsync(request).ConfigureAwait(false);
        return await RunAsync(request, Encoding.UTF8.GetString(bytes.Bytes.Span), context => command(input, context, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a validated command once per Idempotency-Key: a repeat with the same request gets the first answer,
    /// another request under the same key gets DUPLICATE_REQUEST.
    /// </summary>
    public async Task<IActionResult> RunAsync(HttpRequest request, string bodyText, Func<CommandContext, Task<Accepted>> command)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var context = ContextOf(request);
        var function = EdgeItems.FunctionOf(request.HttpContext) ?? "unknown";
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 200)
        {
            return Problems.Validation("The Idempotency-Key header may have at most 200 characters.");
        }

        try
        {
            if (key.Length == 0)
            {
                var result = ToResult(await command(context).ConfigureAwait(false));
                telemetry.CommandAnswered(function, "accepted");
                return result;
            }

            // Keys belong to their caller: two callers may use the same key without meeting.
            var caller = EdgeItems.CallerOf(request.HttpContext)?.Subject ?? "address:" + addresses.Of(request.HttpContext);
            key = ScopedKey(caller, key);
            var fingerprint = Fingerprint(request, bodyText);
            var decision = await idempotency.BeginAsync(key, fingerprint, cancellationToken).ConfigureAwait(false);
            if (decision.Replay is { } replay)
            {
                telemetry.IdempotentReplay(function);
                telemetry.CommandAnswered(function, "replayed");
                return new JsonAnswer(replay.Status, replay.Body, location: replay.Location);
            }

            try
            {
                var accepted = await command(context).ConfigureAwait(false);
                var answer = new StoredAnswer(accepted.Status, accepted.Location, Json.ToElement(accepted.Body));
                await idempotency.CompleteAsync(key, fingerprint, decision.ClaimETag!, answer, cancellationToken).ConfigureAwait(false);
                telemetry.CommandAnswered(function, "accepted");
                return ToResult(accepted);
            }
            catch
            {
                await idempotency.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        catch (DomainException refusal)
        {
            LogRefused(refusal.Code, request.Path.Value ?? "", context.CorrelationId);
            telemetry.CommandAnswered(function, "refused", refusal.Code);
            return Problems.For(refusal.Code, refusal.Message, request.Path.Value);
        }
        catch (AppendTooLargeException tooLarge)
        {
            // The store refused the whole append, so nothing was written; the request asked for more than one batch holds.
            LogRefused(ErrorCodes.AppendTooLarge, request.Path.Value ?? "", context.CorrelationId);
            telemetry.CommandAnswered(function, "refused", ErrorCodes.AppendTooLarge);
            return Problems.For(ErrorCodes.AppendTooLarge, tooLarge.Message, request.Path.Value);
        }
        catch (OverflowException)
        {
            // Checked money math refused a figure beyond the range of a long; nothing was written.
            LogRefused(ErrorCodes.ValidationFailed, request.Path.Value ?? "", context.CorrelationId);
            telemetry.CommandAnswered(function, "refused", ErrorCodes.ValidationFailed);
            return Problems.For(ErrorCodes.ValidationFailed, "The amounts involved exceed the range this system can represent exactly.", request.Path.Value);
        }
    }

    /// <summary>
    /// The correlation id and the actor the edge established: the signed-in subject, or "anonymous" on the public
    /// routes (registration). No client header names the actor.
    /// </summary>
    public static CommandContext ContextOf(HttpRequest request)
    {
        var context = request.HttpContext;
        var correlation = EdgeItems.CorrelationIdOf(context) ?? CorrelationStep.Sanitize(request.Headers[CorrelationIdHeader].ToString());
        return new CommandContext(correlation, null, EdgeItems.CallerOf(context)?.Subject ?? "anonymous");
    }

    /// <summary>Counts a refusal the edge of a command answered before running it.</summary>
    private IActionResult Refused(HttpRequest request, IActionResult problem)
    {
        var code = problem is JsonAnswer { Body: { } body } && Json.ToElement(body) is { ValueKind: JsonValueKind.Object } json
            && json.TryGetProperty("code", out var value) ? value.GetString() : null;
        telemetry.CommandAnswered(EdgeItems.FunctionOf(request.HttpContext) ?? "unknown", "refused", code ?? ErrorCodes.ValidationFailed);
        return problem;
    }

    private static JsonAnswer ToResult(Accepted accepted) => new(accepted.Status, accepted.Body, location: accepted.Location);

    /// <summary>The stored key: a hash of the caller and their key, so the record names neither.</summary>
    public static string ScopedKey(string caller, string key) =>
        "idem-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller}\n{key}")))[..48];

    /// <summary>
    /// What identifies the request under a key: method, path and the canonical body without its secret fields, so the
    /// stored fingerprint reveals nothing about a password (a fast hash of a body holding one could be brute-forced),
    /// under a keyed hash, so nor can a guessed name or login id be checked against it.
    /// </summary>
    private string Fingerprint(HttpRequest request, string bodyText)
    {
        var canonical = bodyText;
        try
        {
            // Whitespace and key order do not make a different request.
            using var document = JsonDocument.Parse(bodyText);
            canonical = Canonical(document.RootElement);
        }
        catch (JsonException)
        {
        }

        return pseudonyms.Of("idempotency", $"{request.Method} {request.Path}\n{canonical}");
    }

    private static string Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Where(p => !SecretFields.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Name) + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Canonical)) + "]",
        _ => element.GetRawText(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Code} on {Path} ({CorrelationId})")]
    private partial void LogRefused(string code, string path, string correlationId);
}
