// Cosmos DB for NoSQL: the event store (`events`), the change-feed leases (`leases`) and the read models.
// Container names and partition keys mirror src/OkCow.Application/Documents/Containers.cs; the infra tests
// check the two agree.
//
// Local (key) auth is disabled: the app authenticates with its managed identity through the built-in
// Data Contributor role. Data-plane RBAC cannot create databases or containers, so every container the app
// and the Functions change-feed trigger use is created here, including `leases`.

@description('Cosmos DB account name: 3-44 lowercase letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(44)
param accountName string

@description('Azure region (single-region account).')
param location string

@description('Tags applied to the account.')
param tags object

@description('Database name; the app reads it from OkCow__DatabaseName.')
param databaseName string

@description('serverless: pay per request, no provisioned throughput (EnableServerless). autoscale: provisioned autoscale throughput shared by the database.')
@allowed([
  'serverless'
  'autoscale'
])
param throughputMode string

@description('Autoscale maximum RU/s shared by the database; used only when throughputMode is autoscale.')
@minValue(1000)
@maxValue(1000000)
param autoscaleMaxThroughput int

@description('Principal (object) id of the app identity; it gets the built-in Cosmos DB Data Contributor role.')
param appPrincipalId string

@description('Resource id of that identity, known when the deployment starts: names its role assignment so What-If can predict it.')
param appIdentityId string

@description('Further principal (object) ids granted Data Contributor: operators who need Data Explorer, CI.')
param extraDataContributorPrincipalIds string[]

var isServerless = throughputMode == 'serverless'

// Indexing kept lean: Cosmos indexes every path by default, which costs RUs on every write.
// `id` and `_ts` are always indexed; `_etag` is excluded by the service anyway and listed to keep
// deployments free of spurious diffs.
var etagPath = { path: '/"_etag"/?' }

// Read models are read by point read (id + partition key) and listed by `ListAsync`, a single-partition
// query ordered by id: nothing but the partition key needs an index.
var readModelIndexingPolicy = {
  indexingMode: 'consistent'
  automatic: true
  includedPaths: [
    { path: '/pk/?' }
  ]
  excludedPaths: [
    { path: '/*' }
    etagPath
  ]
}

// Read containers: name -> default TTL. -1 turns TTL on without expiring anything by default, so an item's
// own `ttl` applies (idempotency records expire that way); null leaves TTL off.
var readContainers = [
  { name: 'investors', defaultTtl: null }
  { name: 'funds', defaultTtl: null }
  { name: 'orderbooks', defaultTtl: null }
  { name: 'statuses', defaultTtl: null }
  { name: 'directory', defaultTtl: null }
  { name: 'idempotency', defaultTtl: -1 }
  { name: 'parked', defaultTtl: null }
  // The investors' wrapped data keys (crypto-shredding, SPEC 9): outside the event log, so an erasure can destroy one.
  { name: 'keys', defaultTtl: null }
]

// Built-in data-plane role: Cosmos DB Built-in Data Contributor (read and write items, read the change feed).
var dataContributorRoleDefinitionId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      // Appends are guarded by the stream head's ETag, so a stale read only costs a retry.
      defaultConsistencyLevel: 'Session'
    }
    capabilities: isServerless ? [{ name: 'EnableServerless' }] : []
    // Entra ID only: no primary/secondary keys, no resource tokens.
    disableLocalAuth: true
    // Databases and containers change only through ARM (this template), never through data-plane keys.
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-10-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    // Serverless accounts take no throughput at all; autoscale is shared by all containers of the database.
    options: isServerless ? {} : { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } }
  }
}

// The event store: one item per event plus one head per stream, all in the stream's partition.
// Reads are `WHERE kind = 'event' AND version BETWEEN a AND b [AND timestamp <= t] ORDER BY version`
// inside one partition; the composite index serves the equality filter plus the ORDER BY without a scan.
resource events 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: 'events'
  properties: {
    resource: {
      id: 'events'
      partitionKey: {
        paths: [
          '/streamId'
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/kind/?' }
          { path: '/version/?' }
          { path: '/timestamp/?' }
        ]
        excludedPaths: [
          { path: '/*' }
          etagPath
        ]
        compositeIndexes: [
          [
            { path: '/kind', order: 'ascending' }
            { path: '/version', order: 'ascending' }
          ]
        ]
      }
    }
  }
}

// Change-feed processor leases for the Functions Cosmos DB trigger. Partitioned by /id, as the trigger
// requires; created here because the identity cannot create containers (CreateLeaseContainerIfNotExists
// must stay false). Default (full) indexing: the lease store queries its items.
resource leases 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: 'leases'
  properties: {
    resource: {
      id: 'leases'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

resource readModels 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = [
  for container in readContainers: {
    parent: database
    name: container.name
    properties: {
      resource: union(
        {
          id: container.name
          partitionKey: {
            paths: [
              '/pk'
            ]
            kind: 'Hash'
            version: 2
          }
          indexingPolicy: readModelIndexingPolicy
        },
        container.defaultTtl == null ? {} : { defaultTtl: container.defaultTtl }
      )
    }
  }
]

// Data-plane RBAC (not Microsoft.Authorization): Cosmos DB keeps its own role assignments.
resource appDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = {
  parent: account
  name: guid(account.id, appIdentityId, dataContributorRoleDefinitionId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleDefinitionId}'
    principalId: appPrincipalId
    scope: account.id
  }
}

resource extraDataContributors 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = [
  for principalId in extraDataContributorPrincipalIds: {
    parent: account
    name: guid(account.id, principalId, dataContributorRoleDefinitionId)
    properties: {
      roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleDefinitionId}'
      principalId: principalId
      scope: account.id
    }
  }
]

output accountName string = account.name

@description('Account endpoint, for example https://<name>.documents.azure.com:443/.')
output endpoint string = account.properties.documentEndpoint

output databaseName string = database.name

output containerNames string[] = concat([events.name, leases.name], map(readContainers, c => c.name))
