// Alerts that email the admins, and the saved queries, on the Log Analytics workspace that holds the
// app's telemetry. Azure Monitor has no per-queue length metric: the app's OpsMonitor logs
// "ops poison-queue …" and "ops settlement-watch …" lines every 10 minutes, and the rules read those
// (every 15 minutes or slower: the cheapest log-alert tier).
// Every query is a file under ../monitoring (a test checks the app logs what each one parses).
param workspaceName string
param location string
param tags object
@description('Admins who get the alert emails.')
param alertEmails array
@description('Hours after a half-year closed without a settlement before the alert fires.')
param settlementGraceHours int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource admins 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${workspaceName}'
  location: 'global'
  tags: tags
  properties: {
    enabled: true
    groupShortName: 'infoadmins'
    emailReceivers: [
      for (email, i) in alertEmails: {
        name: 'admin-${i}'
        emailAddress: email
        useCommonAlertSchema: true
      }
    ]
  }
}

var settlementQuery = loadTextContent('../monitoring/alerts/settlement-overdue.kql')

var rules = [
  {
    name: 'poison-queue'
    displayName: '毒信队列有消息（poison queue non-empty）'
    description: 'A message failed five times and sits in <queue>-poison: GET /api/admin/poison, fix, requeue.'
    severity: 2
    frequency: 'PT15M'
    window: 'PT30M'
    query: loadTextContent('../monitoring/alerts/poison-queue.kql')
  }
  {
    name: 'failure-rate'
    displayName: '函数失败率上升（function failure rate rising）'
    description: 'More than 5% of the last hour\'s function runs failed, over twice the rate of the day before.'
    severity: 2
    frequency: 'PT15M'
    window: 'P1D'
    query: loadTextContent('../monitoring/alerts/failure-rate.kql')
  }
  {
    name: 'settlement-overdue'
    displayName: '半年结算未按时完成（no settlement after a half-year closed）'
    description: 'A half-year closed over ${settlementGraceHours} hours ago is not settled (see the Rewards README).'
    severity: 1
    frequency: 'PT1H'
    window: 'PT2H'
    query: replace(settlementQuery, '__GRACE_HOURS__', string(settlementGraceHours))
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for r in rules: {
    name: 'alert-${r.name}-${workspaceName}'
    location: location
    tags: tags
    properties: {
      displayName: r.displayName
      description: r.description
      severity: r.severity
      enabled: true
      scopes: [workspace.id]
      evaluationFrequency: r.frequency
      windowSize: r.window
      criteria: {
        allOf: [
          {
            query: r.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      autoMitigate: true
      actions: { actionGroups: [admins.id] }
    }
  }
]

var queries = [
  { name: 'reports-per-day', displayName: '每日收稿量（按渠道）' }
  { name: 'intake-latency', displayName: '收稿到待编辑时长（分钟）' }
  { name: 'mail-by-outcome', displayName: '专用邮箱来信按结果统计' }
  { name: 'notices-failed', displayName: '发送失败的通知' }
]

var queryTexts = {
  'reports-per-day': loadTextContent('../monitoring/queries/reports-per-day.kql')
  'intake-latency': loadTextContent('../monitoring/queries/intake-latency.kql')
  'mail-by-outcome': loadTextContent('../monitoring/queries/mail-by-outcome.kql')
  'notices-failed': loadTextContent('../monitoring/queries/notices-failed.kql')
}

// Logs → Queries → 信息工作平台 in the workspace (saved searches exist in every cloud).
resource saved 'Microsoft.OperationalInsights/workspaces/savedSearches@2020-08-01' = [
  for q in queries: {
    parent: workspace
    name: q.name
    properties: {
      category: '信息工作平台'
      displayName: q.displayName
      query: queryTexts[q.name]
      version: 2
    }
  }
]
