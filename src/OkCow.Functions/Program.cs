using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OkCow.Functions;
using OkCow.Functions.Edge;
using OkCow.Functions.Edge.Tokens;
using OkCow.Functions.PersonalData;
using OkCow.Application.PersonalData;
using OkCow.Infrastructure.Cosmos;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();

// The edge (authentication, access, content type, rate limit) runs before every HTTP function.
builder.UseMiddleware<EdgeWorkerMiddleware>();

// OpenTelemetry (host.json telemetryMode: OpenTelemetry): the worker's own defaults (the invocation span, continuing
// the host's trace), OkCow's spans and metrics, exported to Application Insights with the app's managed identity.
builder.Services
    .AddOkCowOpenTelemetry(builder.Configuration, () => OkCowOpenTelemetry.IdentityFromAuthenticationString(builder.Configuration[OkCowOpenTelemetry.AppInsightsAuthenticationKey]))
    .UseFunctionsWorkerDefaults();

builder.Services.AddOkCowCosmos(builder.Configuration);
builder.Services.AddOkCowFunctions(builder.Configuration);

// Token signing keys from Key Vault with the app's managed identity; never an app setting. Without a vault (Core
// Tools on a laptop) a key made at startup signs tokens that last until the process stops.
if (builder.Configuration["OkCow:KeyVault:Uri"] is { Length: > 0 } vaultUri)
{
    var secrets = new SecretClient(new Uri(vaultUri), AppCredential(builder.Configuration));
    builder.Services.AddSingleton<ISigningKeySource>(new KeyVaultSigningKeys(secrets, KeyVaultSigningKeys.DefaultSecretName, TimeProvider.System));

    // Personal data (SPEC 9): the KEK versions wrap the investors' data keys; the pseudonym key names claims and never
    // changes (read once here: the app cannot start without it).
    builder.Services.AddSingleton<IKeyEncryptionKeys>(new KeyVaultKeyEncryptionKeys(secrets, KeyVaultKeyEncryptionKeys.DefaultSecretName, TimeProvider.System));
    builder.Services.AddSingleton(new Pseudonyms(Convert.FromBase64String(secrets.GetSecret(Pseudonyms.KeyVaultSecretName).Value.Value)));
}
else
{
    builder.Services.AddSingleton<ISigningKeySource>(new FixedSigningKeys(new SigningKeySet(SigningKey.Generate(), null)));
}

await builder.Build().RunAsync();

// The app's user-assigned identity (its client id is in the settings) or, without one, the system-assigned identity.
static TokenCredential AppCredential(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
    configuration["OkCow:KeyVault:ClientId"] is { Length: > 0 } clientId
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
        : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
