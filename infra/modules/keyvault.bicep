// The Key Vault holding the token signing key (secret 'okcow-token-signing-key'; each version is one key, the
// newest signs, the one before stays accepted). Access is Azure RBAC only: no access policies. The app's identity
// may read secrets (Key Vault Secrets User) and nothing else; the secret's value never passes through this
// template, its outputs or the app settings. Create or rotate it with
//   az keyvault secret set --vault-name <vault> -n okcow-token-signing-key --value "$(openssl rand -base64 64)"

@description('Name of the vault (3-24 characters).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Principal (object) id of the app identity.')
param principalId string

@description('Resource id of the app identity, used to name its role assignment before the principal exists.')
param identityId string

// Built-in role: read secret values, nothing else.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    accessPolicies: []
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name

@description('The vault URI (https://<name>.vault.azure.net/), an address and no secret.')
output uri string = vault.properties.vaultUri
