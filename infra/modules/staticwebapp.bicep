// The web app (src/OkCow.Web) on Azure Static Web Apps, Standard plan, with the Function App linked as its backend:
// the browser calls /api on the web app's own origin and Static Web Apps forwards it to the functions, so the API
// needs no CORS for the app and the content security policy can keep connect-src 'self'. The policy and the SPA
// fallback come from staticwebapp.config.json, which is deployed with the built files.

@description('Name of the static web app.')
param name string

@description('Region of the static web app (Static Web Apps runs in a few regions, e.g. westeurope, eastus2, eastasia).')
param location string

@description('Tags applied to the static web app.')
param tags object

@description('Resource id of the Function App linked as the backend (its routes are under /api).')
param functionAppId string

@description('Region of that Function App.')
param functionAppLocation string

resource site 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    // Linked backends ("bring your own functions") need the Standard plan.
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Built files are uploaded by CI with a deployment token, not pulled from a linked repository.
    provider: 'None'
    allowConfigFileUpdates: true
    // Linked backends do not work in pull-request environments, so there are none.
    stagingEnvironmentPolicy: 'Disabled'
    publicNetworkAccess: 'Enabled'
  }
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2025-03-01' = {
  parent: site
  name: 'functions'
  properties: {
    backendResourceId: functionAppId
    region: functionAppLocation
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostname
output linkedBackendName string = backend.name
