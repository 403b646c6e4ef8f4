// One Key Vault secret, with a content type and an expiry date (rotate before it expires).

@description('Name of the existing Key Vault.')
param vaultName string

@description('Name of the secret.')
param secretName string

@description('The secret value.')
@secure()
param value string

@description('Expiry as an ISO 8601 date-time.')
param expiry string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretName
  properties: {
    value: value
    contentType: 'text/plain'
    attributes: {
      enabled: true
      exp: dateTimeToEpoch(expiry)
    }
  }
}

output secretUri string = secret.properties.secretUri
