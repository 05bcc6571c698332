// The app's user-assigned managed identity. It is created first and on its own so that every data-plane
// role assignment (storage, Application Insights, Cosmos DB) can be granted before the Function App starts,
// and so the identity survives if the app is deleted and recreated.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id, used to attach the identity to the app.')
output id string = identity.id

@description('Service principal (object) id, the principal of every role assignment.')
output principalId string = identity.properties.principalId

@description('Client (application) id, which the app passes to its credential to pick this identity.')
output clientId string = identity.properties.clientId

output name string = identity.name
