// OkCow on Azure: a .NET 10 isolated-worker Function App on Flex Consumption, Cosmos DB for NoSQL, host
// storage and monitoring, all wired through one user-assigned managed identity. No keys anywhere: storage
// shared keys, Cosmos DB local auth and Application Insights local auth are all disabled.
//
//   az deployment group create -g <resource-group> -f infra/main.bicep -p infra/main.bicepparam

targetScope = 'resourceGroup'

@description('Short prefix of every resource name (lowercase letters and digits).')
@minLength(2)
@maxLength(10)
param baseName string = 'okcow'

@description('Azure region of every resource; it must offer Flex Consumption.')
param location string = resourceGroup().location

@description('serverless (default): Cosmos DB bills per request. autoscale: provisioned autoscale throughput shared by the database.')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosThroughputMode string = 'serverless'

@description('Autoscale maximum RU/s of the database when cosmosThroughputMode is autoscale (it scales between 10% and 100% of this).')
@minValue(1000)
@maxValue(1000000)
param autoscaleMaxThroughput int = 1000

@description('Extra principals (object ids: operators, CI) granted Cosmos DB Built-in Data Contributor, for example to use Data Explorer.')
param cosmosDataContributorPrincipalIds string[] = []

@description('Market fee rate per side, as a decimal string (OkCow__Market__FeeRate).')
param marketFeeRate string = '0'

@description('Read-model generation the app reads and projects into (OkCow__ReadModels__Generation); empty for the original containers. A new generation\'s containers must exist before switching.')
param readModelGeneration string = ''

@description('Microsoft Entra ID tenant whose access tokens operators sign in with (OkCow__Entra__TenantId).')
param entraTenantId string = tenant().tenantId

@description('Application id URI or client id of the OkCow API app registration (OkCow__Entra__Audience); empty turns Entra sign-in off.')
param entraAudience string = ''

@description('App role an Entra token must carry to act as operator (OkCow__Entra__OperatorRole).')
param entraOperatorRole string = 'OkCow.Operator'

@description('Browser origins allowed to call the API (CORS), e.g. the web app\'s URL.')
param corsAllowedOrigins string[] = []

@description('Sign-ups and sign-ins allowed per client address per minute (OkCow__Security__SignInPermitsPerMinute); 0 = no limit.')
@minValue(0)
param signInPermitsPerMinute int = 20

@description('Maximum instances the Flex Consumption app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Region of the web app (Azure Static Web Apps is offered in fewer regions than Functions: westeurope, eastus2, centralus, westus2, eastasia).')
param staticWebAppLocation string = location

@description('E-mail addresses of the operators the alerts notify (docs/operations.md says what each alert asks of them).')
param alertEmails string[] = []

@description('Sign-in lockouts within 15 minutes above which the lockout alert fires.')
@minValue(0)
param signInLockoutThreshold int = 10

@description('Tags applied to every resource.')
param tags object = {
  application: 'okcow'
}

// Deterministic per resource group, so redeploying updates the same resources.
var suffix = uniqueString(subscription().id, resourceGroup().id, baseName)
var databaseName = 'okcow'
var deploymentContainerName = 'app-package'
var identityName = 'id-${baseName}-${suffix}'
// Known before anything is deployed (unlike the principal id): used to name role assignments.
var identityId = resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', identityName)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-${baseName}-${suffix}'
    appInsightsName: 'appi-${baseName}-${suffix}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
    publisherIdentityId: identityId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    // Storage names allow only lowercase letters and digits, at most 24.
    name: take('st${replace(toLower(baseName), '-', '')}${suffix}', 24)
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    principalId: identity.outputs.principalId
    identityId: identityId
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: 'cosmos-${baseName}-${suffix}'
    location: location
    tags: tags
    databaseName: databaseName
    throughputMode: cosmosThroughputMode
    autoscaleMaxThroughput: autoscaleMaxThroughput
    appPrincipalId: identity.outputs.principalId
    appIdentityId: identityId
    extraDataContributorPrincipalIds: cosmosDataContributorPrincipalIds
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: take('kv-${baseName}-${suffix}', 24)
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    identityId: identityId
  }
}

// Alert rules over the component's telemetry, notifying the operators (docs/operations.md).
module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    name: '${baseName}-${suffix}'
    location: location
    tags: tags
    appInsightsId: monitoring.outputs.appInsightsId
    alertEmails: alertEmails
    signInLockoutThreshold: signInLockoutThreshold
  }
}

// Depends on the other modules through their outputs, so all role assignments exist before the app is
// created (they can still take a few minutes to propagate; see infra/README.md).
module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    name: 'func-${baseName}-${suffix}'
    planName: 'plan-${baseName}-${suffix}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    marketFeeRate: marketFeeRate
    readModelGeneration: readModelGeneration
    keyVaultUri: keyVault.outputs.uri
    entraTenantId: entraTenantId
    entraAudience: entraAudience
    entraOperatorRole: entraOperatorRole
    corsAllowedOrigins: corsAllowedOrigins
    signInPermitsPerMinute: signInPermitsPerMinute
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

// The web app, with the Function App as its linked backend: one origin serves the pages and /api.
module webApp 'modules/staticwebapp.bicep' = {
  name: 'webApp'
  params: {
    name: 'stapp-${baseName}-${suffix}'
    location: staticWebAppLocation
    tags: tags
    functionAppId: functionApp.outputs.id
    functionAppLocation: location
  }
}

@description('Base URL of the web app; it forwards /api to the Function App.')
output webAppUrl string = 'https://${webApp.outputs.defaultHostName}'
output staticWebAppName string = webApp.outputs.name

@description('Base URL of the app; HTTP functions are under /api.')
output appUrl string = 'https://${functionApp.outputs.defaultHostName}'
output functionAppName string = functionApp.outputs.name
output planName string = functionApp.outputs.planName
output identityName string = identity.outputs.name
output identityClientId string = identity.outputs.clientId
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name
output cosmosAccountName string = cosmos.outputs.accountName
output cosmosEndpoint string = cosmos.outputs.endpoint
output cosmosDatabaseName string = cosmos.outputs.databaseName
output appInsightsName string = monitoring.outputs.appInsightsName
output logAnalyticsWorkspaceName string = monitoring.outputs.workspaceName
output actionGroupId string = alerts.outputs.actionGroupId
