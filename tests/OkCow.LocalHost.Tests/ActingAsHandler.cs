using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OkCow.LocalHost.Tests;

/// <summary>The tokens a test client holds: per investor, and the operator's.</summary>
internal sealed class SignedInAs
{
    public ConcurrentDictionary<string, string> Investors { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentDictionary<string, string> OrderOwners { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Operator { get; set; }
}

/// <summary>
/// Signs each request in as the caller it acts for, the way the API's users would: the investor named by the route or
/// the body (their token is taken at registration by signing in), the owner of an order being cancelled, and
/// otherwise the operator. A request that already carries Authorization is sent as it is.
/// </summary>
internal sealed partial class ActingAsHandler(SignedInAs tokens, Uri baseAddress) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
        var bodyText = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var body = ParseObject(bodyText);
        if (request.Headers.Authorization is null && !(request.Method == HttpMethod.Post && path is "/api/investors" or "/api/sessions"))
        {
            var token = await TokenForAsync(request.Method, path, body, cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode || body is not { } sent)
        {
            return response;
        }

        var answer = ParseObject(await response.Content.ReadAsStringAsync(cancellationToken));
        if (request.Method == HttpMethod.Post && path == "/api/investors" && answer is { } registered)
        {
            var investorId = registered.GetProperty("investorId").GetString()!;
            tokens.Investors[investorId] = await SignInAsync(sent.GetProperty("loginId").GetString()!, sent.GetProperty("password").GetString()!, cancellationToken);
        }
        else if (request.Method == HttpMethod.Post && OrdersRoute().IsMatch(path) && answer is { } placed && sent.TryGetProperty("investorId", out var owner))
        {
            tokens.OrderOwners[placed.GetProperty("orderId").GetString()!] = owner.GetString()!;
        }

        return response;
    }

    private async Task<string> TokenForAsync(HttpMethod method, string path, JsonElement? body, CancellationToken cancellationToken)
    {
        var investor = InvestorRoute().Match(path) is { Success: true } routed ? routed.Groups[1].Value
            : body is { } sent && sent.TryGetProperty("investorId", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString()
            : method == HttpMethod.Delete && CancelRoute().Match(path) is { Success: true } cancel && tokens.OrderOwners.TryGetValue(cancel.Groups[1].Value, out var owner) ? owner
            : null;
        if (investor is not null && tokens.Investors.TryGetValue(investor, out var token))
        {
            return token;
        }

        return tokens.Operator ??= await SignInAsync("operator", RunningHost.OperatorPassword, cancellationToken);
    }

    private async Task<string> SignInAsync(string loginId, string password, CancellationToken cancellationToken)
    {
        using var signIn = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/api/sessions")) { Content = JsonContent.Create(new { loginId, password }) };
        using var response = await base.SendAsync(signIn, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Sign-in of {loginId} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("accessToken").GetString()!;
    }

    private static JsonElement? ParseObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var root = JsonDocument.Parse(Encoding.UTF8.GetBytes(text)).RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object ? root : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^/api/investors/([0-9a-fA-F-]{36})(/|$)")]
    private static partial Regex InvestorRoute();

    [GeneratedRegex("^/api/funds/[^/]+/orders$")]
    private static partial Regex OrdersRoute();

    [GeneratedRegex("^/api/funds/[^/]+/orders/([0-9a-fA-F-]{36})$")]
    private static partial Regex CancelRoute();
}
