// Parameters for `az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam`.
using 'main.bicep'

param baseName = 'okcow'

// 'serverless' (pay per request) or 'autoscale' (then autoscaleMaxThroughput applies, at least 1000 RU/s).
param cosmosThroughputMode = 'serverless'
param autoscaleMaxThroughput = 1000

// Object ids of operators who should reach the data in Data Explorer (Cosmos DB local auth is disabled).
param cosmosDataContributorPrincipalIds = []

param marketFeeRate = '0'

// Operators sign in with Entra ID: the API app registration's application id URI (or client id) and the app role.
param entraAudience = ''
param entraOperatorRole = 'OkCow.Operator'

// Browser origins of the web app, for CORS.
param corsAllowedOrigins = []
param signInPermitsPerMinute = 20

param maximumInstanceCount = 100
param instanceMemoryMB = 2048

// Operators the alerts e-mail (parked streams, lagging consumers, 5xx, sign-in lockouts); see docs/operations.md.
param alertEmails = []
param signInLockoutThreshold = 10
