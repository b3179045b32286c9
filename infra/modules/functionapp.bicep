// The Functions app (.NET 10 isolated) on Flex Consumption, or Elastic Premium where Flex is not offered
// (e.g. some regions of Azure operated by 21Vianet), with App Service Authentication (Entra ID).
param name string
@allowed(['FlexConsumption', 'ElasticPremium'])
param hostingPlan string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param deploymentContainerUrl string
param appInsightsConnectionString string
param sendGridApiKeyUri string
param sendGridKeySet bool
param smtpPasswordSet bool
param smtpSecretUri string
param smtpHost string
param smtpPort int
param smtpUserName string
param bootstrapAdminTokenUri string
param entraTenantId string
param entraClientId string
param requirePlatformSignIn bool
param instanceMemoryMB int
param maximumInstanceCount int
param mailFromAddress string
param portalUrl string
param sendGridEventWebhookPublicKey string
param mailboxAddress string
param sendGridInboundPublicKey string

// A Key Vault reference, or empty when the secret is not set (decided from parameters, so what-if knows).
func keyVaultReference(isSet bool, secretUri string) string =>
  isSet ? '@Microsoft.KeyVault(SecretUri=${secretUri})' : ''

// Open at the platform even when sign-in is required there: health probes and SendGrid's webhooks,
// which the app protects with function keys (AuthorizationLevel.Function).
var anonymousPaths = [
  '/api/health'
  '/api/health/ready'
  '/api/inbound/mail'
  '/api/notifications/events'
]

var flex = hostingPlan == 'FlexConsumption'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: flex ? 'functionapp' : 'elastic'
  sku: flex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'EP1', tier: 'ElasticPremium' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: flex ? null : min(maximumInstanceCount, 20)
  }
}

// Elastic Premium takes the runtime from settings and runs the zip azd deploys (no Azure Files: the
// content share would need an account key, and keys are off); Flex Consumption rejects these settings.
var planSettings = flex ? [] : [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
  { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
]

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: !flex ? null : {
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
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      linuxFxVersion: flex ? null : 'DOTNET-ISOLATED|10.0'
      appSettings: concat(appSettings, planSettings)
    }
  }
}

// Every setting in local.settings.sample.json is set here, or is listed with its reason in
// infra/local-only-settings.json; Infra.Tests fails naming any that is neither.
// A new plain setting is one more { name, value } line.
var appSettings = [
  // Host and SDK storage through the user-assigned identity (no keys, no connection string); the
  // account's own endpoints, right in every cloud (__accountName would assume core.windows.net).
  { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  // Telemetry with Entra ID auth (the component has local auth disabled).
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  // Identity.
  { name: 'Auth__EasyAuthEnabled', value: 'true' }
  { name: 'Auth__CacheSeconds', value: '30' }
  { name: 'Auth__BootstrapAdminToken', value: '@Microsoft.KeyVault(SecretUri=${bootstrapAdminTokenUri})' }
  // Infra creates every queue, table and container; no need to do it on each cold start.
  { name: 'Storage__EnsureCreated', value: 'false' }
  { name: 'Storage__TimeoutSeconds', value: '5' }
  { name: 'Storage__MaxRetries', value: '2' }
  // The outbox's sweep (UTC NCRONTAB, every minute) and the age after which it sends what is still pending.
  { name: 'Outbox__SweepSchedule', value: '0 * * * * *' }
  { name: 'Outbox__AgeSeconds', value: '60' }
  // Notifications.
  // One sender: SendGrid when its key is set, else SMTP when smtpHost is set (main.bicep clears it then).
  { name: 'Notifications__SendGridApiKey', value: keyVaultReference(sendGridKeySet, sendGridApiKeyUri) }
  { name: 'Notifications__SmtpHost', value: smtpHost }
  { name: 'Notifications__SmtpPort', value: string(smtpPort) }
  { name: 'Notifications__SmtpSecurity', value: 'Auto' }
  { name: 'Notifications__SmtpUserName', value: smtpUserName }
  { name: 'Notifications__SmtpPassword', value: keyVaultReference(smtpPasswordSet, smtpSecretUri) }
  { name: 'Notifications__SmtpTimeoutSeconds', value: '30' }
  { name: 'Notifications__SendGridApiHost', value: 'https://api.sendgrid.com' }
  { name: 'Notifications__FromEmail', value: mailFromAddress }
  { name: 'Notifications__FromName', value: '人大信息工作平台' }
  // Empty: the app uses https://$WEBSITE_HOSTNAME, the platform's host name in this cloud.
  { name: 'Notifications__PortalUrl', value: portalUrl }
  { name: 'Notifications__EventWebhookPublicKey', value: sendGridEventWebhookPublicKey }
  { name: 'Notifications__EventWebhookMaxAgeMinutes', value: '10' }
  { name: 'Notifications__SendAttempts', value: '3' }
  { name: 'Notifications__RetryBaseDelayMs', value: '1000' }
  { name: 'Notifications__MaxRateLimitWaitSeconds', value: '60' }
  { name: 'Notifications__MaxRateLimitWaits', value: '5' }
  { name: 'Notifications__MaxDequeueCount', value: '5' }
  { name: 'Notifications__ClaimSeconds', value: '120' }
  // Submissions (limits) and the mailbox.
  { name: 'Submissions__MaxFileBytes', value: '20971520' }
  { name: 'Submissions__MaxReportBytes', value: '31457280' }
  { name: 'Submissions__MaxFiles', value: '20' }
  { name: 'Submissions__LinkMinutes', value: '15' }
  { name: 'Submissions__MaxOpenUploads', value: '5' }
  { name: 'Submissions__UploadCleanupSchedule', value: '0 */5 * * * *' }
  { name: 'Mailbox__Recipient', value: mailboxAddress }
  { name: 'Mailbox__InboundPublicKey', value: sendGridInboundPublicKey }
  { name: 'Mailbox__InboundMaxAgeMinutes', value: '10' }
  { name: 'Mailbox__MaxMailBytes', value: '41943040' }
  // Directory.
  { name: 'Directory__MaxImportBytes', value: '5242880' }
  // Review: the title limit of the format checks.
  { name: 'Review__TitleMaxLength', value: '60' }
  { name: 'Review__AllowSelfSignOff', value: 'false' }
  // Dispatch: schedules are UTC (17:00 UTC = 01:00 CST); periods are computed in Asia/Shanghai in code.
  { name: 'Dispatch__BulletinSchedule', value: '0 0 17 * * *' }
  { name: 'Dispatch__TopicReminderSchedule', value: '0 5 * * * *' }
  { name: 'Dispatch__ReminderDaysBefore', value: '2' }
  { name: 'Dispatch__OverdueLookbackDays', value: '14' }
  { name: 'Dispatch__RotationMaxDaysPerYear', value: '46' }
  // Rewards: timers are UTC (Flex Consumption ignores WEBSITE_TIME_ZONE); 16:30 UTC is 00:30 in Beijing.
  { name: 'Rewards__SettlementSchedule', value: '0 30 16 * * *' }
  { name: 'Rewards__ObjectionDays', value: '15' }
  { name: 'Rewards__AssessmentSchedule', value: '0 0 17 * 1-3 *' }
  // Operations: nightly backup at 19:00 UTC (03:00 Beijing); the monitor feeding the alerts every 10 minutes.
  { name: 'Operations__BackupSchedule', value: '0 0 19 * * *' }
  { name: 'Operations__MonitorSchedule', value: '0 */10 * * * *' }
]

resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      // Off by default: the app enforces identity itself (Easy Auth principal or Bearer personal
      // access token), and a platform-level 401 would reject those tokens before the app sees them.
      requireAuthentication: requirePlatformSignIn
      unauthenticatedClientAction: requirePlatformSignIn ? 'Return401' : 'AllowAnonymous'
      excludedPaths: anonymousPaths
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
          clientId: entraClientId
        }
        validation: {
          allowedAudiences: [
            entraClientId
            'api://${entraClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        // The token store would need a SAS (a key) on Flex; the session cookie suffices.
        enabled: false
      }
    }
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
