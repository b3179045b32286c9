// The app's storage account: identity only (shared keys off), TLS 1.2, HTTPS, no public blobs.
// The queues, tables and containers come from ../storage-names.json, which Infra.Tests holds
// equal to InfoFunctions.Platform.StorageNames (regenerate with INFRA_UPDATE=1 dotnet test).
param name string
param location string
param tags object
@description('The app\'s user-assigned identity (by name, so role assignment names are known before deployment).')
param identityName string
@description('Standard_LRS, or a geo-redundant SKU so the nightly backups survive the loss of the region.')
param sku string
@description('Days deleted or overwritten blobs (and deleted containers) stay recoverable.')
param softDeleteDays int
@description('Days a nightly backup (backups/nights/<night>/) is kept.')
param backupRetentionDays int


resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

var names = loadJsonContent('../storage-names.json')

// Files put through upload links wait here until confirmed (Submissions/AttachmentStore); the app removes
// them minutes after their link expires, this lifecycle rule the day after whatever it missed.
var uploadsPrefix = 'uploads/'

// Container and folder of the nightly backups (Operations/BackupArchive); Infra.Tests holds them equal.
var backupNightsPrefix = 'backups/nights/'
var backupContentPrefix = 'backups/content/'

// Where Flex Consumption keeps the deployed package; infra-only, not used by the app code.
var deploymentContainer = 'app-package'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: sku }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // Attachments, mail, payout sheets and bulletins: an overwrite keeps the old version, a delete is
    // undone within the retention (the nightly backup covers the loss of a container or the tables).
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: softDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays }
    // The console uploads large files and shows photos through short-lived SAS links straight from
    // the browser. Any origin: the user-delegation SAS in each link is what grants access.
    cors: {
      corsRules: [
        {
          allowedOrigins: ['*']
          allowedMethods: ['GET', 'HEAD', 'PUT']
          allowedHeaders: ['*']
          exposedHeaders: ['*']
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

// Nightly backups are kept backupRetentionDays (the app deletes blob content no remaining night refers to,
// so nothing deletes content by age: a blob unchanged for months is still in tonight's backup);
// old blob versions go after the soft-delete window so versioning does not grow without bound.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'backup-retention'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: [backupNightsPrefix] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: backupRetentionDays } } }
          }
        }
        {
          // Backup copies of blobs are read only by a restore: the cool tier halves their storage price.
          name: 'backup-content-cool'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: [backupContentPrefix] }
            actions: { baseBlob: { tierToCool: { daysAfterModificationGreaterThan: 1 } } }
          }
        }
        {
          // Staged uploads and the versions their overwrites and deletes leave: never needed after a day.
          name: 'staged-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: [uploadsPrefix] }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: 1 } }
              version: { delete: { daysAfterCreationGreaterThan: 1 } }
            }
          }
        }
        {
          name: 'old-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'] }
            actions: { version: { delete: { daysAfterCreationGreaterThan: softDeleteDays } } }
          }
        }
      ]
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
  properties: { publicAccess: 'None' }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for c in names.containers: {
    parent: blobs
    name: c
    properties: { publicAccess: 'None' }
  }
]

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for q in names.queues: {
    parent: queueService
    name: q
  }
]

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for t in names.tables: {
    parent: tableService
    name: t
  }
]

// Exactly the data roles the app needs, on this account only (no account-level or wider roles).
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  // Storage Blob Data Owner: the host's leases (timers, singletons), keys, the deployment package, app blobs.
  name: guid(account.id, identity.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  // Storage Queue Data Contributor: queue triggers (including -poison) and producers.
  name: guid(account.id, identity.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  // Storage Table Data Contributor: the app's tables.
  name: guid(account.id, identity.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  // Storage Blob Delegator: user delegation keys for time-limited upload/download links (no account keys).
  name: guid(account.id, identity.id, 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = account.name
// The account's own endpoints: right in every cloud (core.windows.net, core.chinacloudapi.cn, …).
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${packageContainer.name}'
