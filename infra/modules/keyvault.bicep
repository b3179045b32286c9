// Secrets the app reads through Key Vault references. RBAC mode; the app's identity may read
// secrets of this vault only (Key Vault Secrets User).
param name string
param location string
param tags object
@description('The app\'s user-assigned identity (by name, so role assignment names are known before deployment).')
param identityName string

@secure()
param sendGridApiKey string

@secure()
param smtpPassword string

@description('SendGrid sends (its key is stored), or SMTP with a sign-in does (its password is stored).')
param storeSendGridKey bool
param storeSmtpPassword bool

@secure()
param bootstrapAdminToken string


resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (storeSendGridKey) {
  parent: vault
  name: 'sendgrid-api-key'
  properties: { value: sendGridApiKey }
}

resource smtp 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (storeSmtpPassword) {
  parent: vault
  name: 'smtp-password'
  properties: { value: smtpPassword }
}

resource bootstrap 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bootstrap-admin-token'
  properties: { value: bootstrapAdminToken }
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
// Versionless URIs, so a rotated secret is picked up without redeploying.
// Empty when the secret is not set: the app setting is then empty too.
output sendGridApiKeyUri string = sendGrid.?properties.secretUri ?? ''
output smtpSecretUri string = smtp.?properties.secretUri ?? ''
output bootstrapAdminTokenUri string = bootstrap.properties.secretUri
