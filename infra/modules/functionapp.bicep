// The Function App on the Flex Consumption plan (Linux, .NET 10 isolated worker).
//
// Flex Consumption differs from the classic plans in ways that matter here:
// - the runtime and its version live in functionAppConfig.runtime, so FUNCTIONS_WORKER_RUNTIME and
//   FUNCTIONS_EXTENSION_VERSION are not app settings (the platform rejects or ignores them);
// - the code is deployed as a package to a blob container (functionAppConfig.deployment.storage), read with
//   the managed identity, instead of WEBSITE_RUN_FROM_PACKAGE or an Azure Files content share.
// Every connection is identity-based: the app settings below name endpoints and the identity, never a key.

@description('Name of the Function App (also its default host name prefix).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region; Flex Consumption is available in a subset of regions.')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity: tells each SDK credential which identity to use.')
param identityClientId string

@description('Name of the host storage account (AzureWebJobsStorage, identity-based).')
param storageAccountName string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('Application Insights connection string (no secret: local auth is disabled on the component).')
param appInsightsConnectionString string

@description('Cosmos DB account endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('Market fee rate per side, as a decimal string (OkCow__Market__FeeRate).')
param marketFeeRate string

@description('Read-model generation (OkCow__ReadModels__Generation); empty for the original containers.')
param readModelGeneration string

@description('URI of the Key Vault holding the token signing key (read with the identity).')
param keyVaultUri string

@description('Entra ID tenant of operator tokens.')
param entraTenantId string

@description('Audience of operator tokens; empty turns Entra sign-in off.')
param entraAudience string

@description('App role of operators in Entra tokens.')
param entraOperatorRole string

@description('Browser origins allowed to call the API.')
param corsAllowedOrigins string[]

@description('Sign-ups and sign-ins per client address per minute; 0 = no limit.')
param signInPermitsPerMinute int

@description('Upper bound on instances the plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // The platform answers preflight requests for these origins; no credentials (tokens travel in a header).
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
      appSettings: [
        // Host storage through the identity (no AzureWebJobsStorage connection string).
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        // Telemetry: the connection string locates the component; the authentication string makes the
        // exporters use an Entra token of the identity, which DisableLocalAuth on the component requires.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsightsConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // Cosmos DB for the CosmosDBTrigger (Connection = "CosmosDb") and CosmosClientFactory.
        {
          name: 'CosmosDb__accountEndpoint'
          value: cosmosEndpoint
        }
        {
          name: 'CosmosDb__credential'
          value: 'managedidentity'
        }
        {
          name: 'CosmosDb__clientId'
          value: identityClientId
        }
        {
          name: 'OkCow__DatabaseName'
          value: cosmosDatabaseName
        }
        {
          name: 'OkCow__Market__FeeRate'
          value: marketFeeRate
        }
        {
          name: 'OkCow__ReadModels__Generation'
          value: readModelGeneration
        }
        // Identity: the signing key is read from Key Vault with the identity (never a setting of its own);
        // operators bring Entra ID tokens with the operator app role.
        {
          name: 'OkCow__KeyVault__Uri'
          value: keyVaultUri
        }
        {
          name: 'OkCow__KeyVault__ClientId'
          value: identityClientId
        }
        {
          name: 'OkCow__Entra__TenantId'
          value: entraTenantId
        }
        {
          name: 'OkCow__Entra__Audience'
          value: entraAudience
        }
        {
          name: 'OkCow__Entra__OperatorRole'
          value: entraOperatorRole
        }
        {
          name: 'OkCow__Entra__Instance'
          value: environment().authentication.loginEndpoint
        }
        {
          name: 'OkCow__Security__SignInPermitsPerMinute'
          value: string(signInPermitsPerMinute)
        }
        {
          name: 'OkCow__Security__PasswordIterations'
          value: '600000'
        }
        {
          name: 'OkCow__Security__TokenLifetimeMinutes'
          value: '60'
        }
        {
          name: 'OkCow__Cors__AllowedOrigins'
          value: join(corsAllowedOrigins, ',')
        }
      ]
    }
  }
}

// Basic-auth (user/password) publishing to the SCM endpoint off: deployments authenticate with Entra ID
// (az / func CLI). Flex Consumption has no FTP endpoint, so there is no 'ftp' policy to turn off.
resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output id string = app.id
output planName string = plan.name
output defaultHostName string = app.properties.defaultHostName
