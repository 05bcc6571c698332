// Alerts an operator acts on (docs/operations.md says what to do for each): log search rules over the
// Application Insights component, where the app's OpenTelemetry metrics land in customMetrics and its HTTP
// server spans in requests, all notifying one action group.

@description('Name prefix of the action group and the rules.')
param name string

@description('Azure region of the rules (the action group is global).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Resource id of the Application Insights component the rules query.')
param appInsightsId string

@description('E-mail addresses the action group notifies; empty: the rules fire and show in the portal but notify nobody.')
param alertEmails string[]

@description('Sign-in lockouts within 15 minutes above which the lockout alert fires.')
@minValue(0)
param signInLockoutThreshold int

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${name}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('okcow-ops', 12)
    enabled: true
    emailReceivers: [
      for (address, i) in alertEmails: {
        name: 'operator-${i}'
        emailAddress: address
        useCommonAlertSchema: true
      }
    ]
  }
}

var rules = [
  {
    key: 'parked'
    displayName: 'OkCow: parked streams for 5 minutes'
    description: 'A change-feed handler has had at least one stream parked during the whole last 5 minutes (okcow.changefeed.parked > 0).'
    severity: 2
    frequency: 'PT1M'
    window: 'PT5M'
    query: 'customMetrics | where name == "okcow.changefeed.parked" | extend consumer = tostring(customDimensions.consumer) | summarize Parked = min(value) by consumer'
    measure: 'Parked'
    dimension: 'consumer'
    threshold: 0
  }
  {
    key: 'lag'
    displayName: 'OkCow: a change-feed consumer more than 60 s behind'
    description: 'The oldest unhandled event of a consumer (okcow.changefeed.lag.seconds), or the slowest handled one (okcow.changefeed.delay), is more than 60 seconds old.'
    severity: 2
    frequency: 'PT1M'
    window: 'PT5M'
    query: 'customMetrics | where name in ("okcow.changefeed.lag.seconds", "okcow.changefeed.delay") | extend consumer = tostring(customDimensions.consumer) | summarize BehindSeconds = max(iff(name == "okcow.changefeed.delay", valueMax, value)) by consumer'
    measure: 'BehindSeconds'
    dimension: 'consumer'
    threshold: 60
  }
  {
    key: 'http5xx'
    displayName: 'OkCow: a 5xx answer'
    description: 'The API answered 5xx. Nothing a client sends may cause one: each is a defect or an outage.'
    severity: 1
    frequency: 'PT5M'
    window: 'PT5M'
    query: 'requests | where toint(resultCode) >= 500 | summarize Failures = count() by operation_Name'
    measure: 'Failures'
    dimension: 'operation_Name'
    threshold: 0
  }
  {
    key: 'lockouts'
    displayName: 'OkCow: sign-in lockouts above the threshold'
    description: 'More sign-ins were refused for a locked loginId (okcow.signin.lockouts) in 15 minutes than the threshold: likely password guessing.'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'customMetrics | where name == "okcow.signin.lockouts" | summarize Lockouts = sum(valueSum)'
    measure: 'Lockouts'
    dimension: ''
    threshold: signInLockoutThreshold
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: 'alert-${name}-${rule.key}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        appInsightsId
      ]
      evaluationFrequency: rule.frequency
      windowSize: rule.window
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: rule.measure
            dimensions: empty(rule.dimension)
              ? []
              : [
                  {
                    name: rule.dimension
                    operator: 'Include'
                    values: [
                      '*'
                    ]
                  }
                ]
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

output actionGroupId string = actionGroup.id
output alertRuleNames string[] = [for (rule, i) in rules: alertRules[i].name]
