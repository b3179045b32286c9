// InfoFunctions on Azure: `azd up` provisions this, then deploys functions/InfoFunctions.
// Plain resources and local modules only (no registry modules: they cannot be restored offline).
// Every storage access is identity-based; shared keys are disabled on the account.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (with hostingPlan FlexConsumption, one that offers it).')
param location string

@allowed(['FlexConsumption', 'ElasticPremium'])
// Linux Consumption has no .NET 10; Windows Consumption needs an Azure Files share reached with an
// account key, which this template disables.
@description('Flex Consumption where the region offers it; else Elastic Premium (EP1, Linux).')
param hostingPlan string = 'FlexConsumption'

@description('Microsoft Entra tenant of the app registration used for sign-in (App Service Authentication).')
param entraTenantId string

@description('Application (client) ID of the Entra app registration used for sign-in.')
param entraClientId string

@description('Require Entra sign-in at the platform for every path except health and the webhooks. Off by default: the app itself enforces identity, so personal access tokens (Bearer) keep working.')
param requirePlatformSignIn bool = false

@secure()
@description('SendGrid API key (to Key Vault, referenced from Notifications__SendGridApiKey); unless smtpHost is set.')
param sendGridApiKey string = ''

@description('A domestic mail server (e.g. smtp.exmail.qq.com) to send with where SendGrid is not available.')
param smtpHost string = ''

@description('Port of the mail server: 465 (TLS on connect) or 587 (STARTTLS).')
param smtpPort int = 465

@description('Mailbox the app signs in to the mail server with (usually mailFromAddress); empty: no sign-in.')
param smtpUserName string = ''

@secure()
@description('Password (or authorisation code) of smtpUserName, stored in Key Vault.')
param smtpPassword string = ''

@secure()
@minLength(16)
@description('Bootstrap admin token (at least 16 characters), stored in Key Vault and referenced from Auth__BootstrapAdminToken. Rotate or blank it after the first admin has a personal token.')
param bootstrapAdminToken string

@description('Host name whose MX record points at SendGrid Inbound Parse (e.g. reports.example.gov.cn). Recorded for the instructions; the app accepts any recipient.')
param inboundParseHostname string = ''

@description('Sender address of notification emails (a domain verified in SendGrid).')
param mailFromAddress string

@description('The dedicated mailbox (专用邮箱) officers send reports to, on the Inbound Parse host, e.g. xinxi@reports.example.gov.cn.')
param mailboxAddress string

@description('Public key (base64) of SendGrid signed Inbound Parse; empty means only the function key protects the mail webhook.')
param sendGridInboundPublicKey string = ''

@description('SendGrid signed event webhook public key (base64). Empty until signing is switched on in SendGrid; the event webhook refuses events meanwhile.')
param sendGridEventWebhookPublicKey string = ''

@description('A custom domain for links in emails (https://…); empty: the app\'s own host name.')
param portalUrl string = ''

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'])
@description('Storage redundancy; the nightly backups live in this account (GRS keeps them if the region is lost).')
param storageSku string = 'Standard_LRS'

@minValue(1)
@maxValue(365)
@description('Days deleted or overwritten blobs (and deleted containers) can be recovered.')
param softDeleteDays int = 14

@minValue(1)
@maxValue(3650)
@description('Days each nightly backup is kept (lifecycle rule on backups/nights/).')
param backupRetentionDays int = 30

@description('Comma-separated emails of the admins who get the alerts.')
param alertEmails string

@minValue(1)
@description('Hours after a half-year closed without a settlement before the admins are alerted.')
param settlementGraceHours int = 36

@allowed([512, 2048, 4096])
@description('Memory per Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Upper bound of Flex Consumption scale-out.')
param maximumInstanceCount int = 40

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))
var identityName = 'id-${token}'
var workspaceName = 'log-${token}'
// One mail sender: a mail server when smtpHost is set, else SendGrid (decided from plain parameters,
// so the template's evaluation, what-if and the tests know which secrets exist).
var useSmtp = !empty(smtpHost)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  dependsOn: [identity]
  params: {
    workspaceName: workspaceName
    appInsightsName: 'appi-${token}'
    location: location
    tags: tags
    identityName: identityName
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  dependsOn: [identity]
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    identityName: identityName
    sku: storageSku
    softDeleteDays: softDeleteDays
    backupRetentionDays: backupRetentionDays
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: rg
  dependsOn: [monitoring]
  params: {
    workspaceName: workspaceName
    location: location
    tags: tags
    alertEmails: map(split(alertEmails, ','), e => trim(e))
    settlementGraceHours: settlementGraceHours
  }
}

module vault 'modules/keyvault.bicep' = {
  scope: rg
  dependsOn: [identity]
  params: {
    name: 'kv-${token}'
    location: location
    tags: tags
    identityName: identityName
    sendGridApiKey: useSmtp ? '' : sendGridApiKey
    smtpPassword: useSmtp && !empty(smtpUserName) ? smtpPassword : ''
    storeSendGridKey: !useSmtp
    storeSmtpPassword: useSmtp && !empty(smtpUserName)
    bootstrapAdminToken: bootstrapAdminToken
  }
}

module app 'modules/functionapp.bicep' = {
  scope: rg
  params: {
    name: 'func-${token}'
    planName: 'plan-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostingPlan: hostingPlan
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    portalUrl: portalUrl
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    sendGridApiKeyUri: vault.outputs.sendGridApiKeyUri
    sendGridKeySet: !useSmtp
    smtpPasswordSet: useSmtp && !empty(smtpUserName)
    smtpSecretUri: vault.outputs.smtpSecretUri
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpUserName: smtpUserName
    bootstrapAdminTokenUri: vault.outputs.bootstrapAdminTokenUri
    entraTenantId: entraTenantId
    entraClientId: entraClientId
    requirePlatformSignIn: requirePlatformSignIn
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    mailFromAddress: mailFromAddress
    sendGridEventWebhookPublicKey: sendGridEventWebhookPublicKey
    mailboxAddress: mailboxAddress
    sendGridInboundPublicKey: sendGridInboundPublicKey
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output SERVICE_API_NAME string = app.outputs.name
output SERVICE_API_URI string = app.outputs.uri
output INBOUND_PARSE_URL string = '${app.outputs.uri}/api/inbound/mail?code=<function key>'
output EVENT_WEBHOOK_URL string = '${app.outputs.uri}/api/notifications/events?code=<function key>'
output INBOUND_PARSE_HOSTNAME string = inboundParseHostname
output SIGN_IN_REDIRECT_URI string = '${app.outputs.uri}/.auth/login/aad/callback'
