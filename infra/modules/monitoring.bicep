// Log Analytics workspace and a workspace-based Application Insights component with local (instrumentation
// key) authentication disabled: telemetry is accepted only from callers with an Entra token, so the app's
// identity gets Monitoring Metrics Publisher on the component.

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to both resources.')
param tags object

@description('Principal (object) id of the app identity that publishes telemetry.')
param publisherPrincipalId string

@description('Resource id of that identity, known when the deployment starts: names the role assignment so What-If can predict it.')
param publisherIdentityId string

@description('Days the workspace retains data.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

// Built-in role: Monitoring Metrics Publisher.
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      // Queries need Entra RBAC on the workspace or its resources, not workspace-wide shared keys.
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Only Entra-authenticated ingestion: the connection string alone cannot be used to send telemetry.
    DisableLocalAuth: true
  }
}

resource publisherRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, publisherIdentityId, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      monitoringMetricsPublisherRoleId
    )
    principalId: publisherPrincipalId
    // Avoids the "principal not found" race right after the identity is created.
    principalType: 'ServicePrincipal'
  }
}

@description('Connection string of the component. It carries the instrumentation key, which is an identifier, not a secret; with local auth disabled it cannot authenticate anything.')
output connectionString string = appInsights.properties.ConnectionString

output appInsightsId string = appInsights.id
output appInsightsName string = appInsights.name
output workspaceName string = workspace.name
