// Mag dit? on Azure: one resource group in West Europe holding the bot's identity, the Azure Bot
// (Teams channel), an App Service for Linux (Python 3.11, two or more instances), PostgreSQL Flexible
// Server with Entra-only authentication on a private network, Key Vault, Log Analytics and
// Application Insights. Deploy: see deployment/README.md (az deployment group create ...).
targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters (main.bicepparam explains each one)
// ---------------------------------------------------------------------------------------------

@description('Short prefix for resource names, lower case, e.g. magdit-debreul.')
@minLength(3)
@maxLength(20)
param name string

@description('Region for everything that stores data. Keep it in the EU.')
@allowed([ 'westeurope', 'northeurope', 'swedencentral', 'germanywestcentral', 'francecentral' ])
param location string = 'westeurope'

@description('UserAssignedMSI (no secret at all, recommended) or SingleTenant (an Entra app registration with a client secret). MultiTenant is not offered: it is deprecated and would let any tenant in.')
@allowed([ 'UserAssignedMSI', 'SingleTenant' ])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the application (client) id of the Entra app registration.')
param botAppId string = ''

@description('SingleTenant only: the client secret of that app registration; stored in Key Vault, never in app settings.')
@secure()
param botAppPassword string = ''

@description('Name the bot has in the Azure portal and the Bot Framework.')
param botDisplayName string = 'Mag dit?'

@description('Tenants allowed to use the bot (comma separated). Empty: only this tenant.')
param allowedTenantIds string = ''

@description('Tenant id -> school slug(s) from rules/, e.g. {"<tenant-id>": ["de-breul"]}.')
param tenantSchools object

@description('Per school: Entra object id -> name of each leader who may register the report channel and act on cases.')
param leaders object = {}

@description('Per school: retention of closed reports in months, e.g. {"de-breul": 24}.')
param reportRetentionMonths object = {}

@description('Object id and display name of an Entra group of people who may administer PostgreSQL (optional, for restores and investigations).')
param postgresAdminGroupObjectId string = ''
param postgresAdminGroupName string = ''

@description('App Service plan SKU (P0v3 or larger: VNet integration and two instances).')
param appServiceSku string = 'P0v3'

@description('Number of web app instances (at least 2).')
@minValue(2)
@maxValue(10)
param instanceCount int = 2

@description('Spread the instances over availability zones (needs P1v3 or larger and a zone-capable region).')
param zoneRedundant bool = false

@description('PostgreSQL compute SKU and tier.')
param postgresSkuName string = 'Standard_B1ms'
@allowed([ 'Burstable', 'GeneralPurpose', 'MemoryOptimized' ])
param postgresSkuTier string = 'Burstable'

@description('PostgreSQL high availability (ZoneRedundant needs GeneralPurpose or MemoryOptimized).')
@allowed([ 'Disabled', 'ZoneRedundant', 'SameZone' ])
param postgresHighAvailability string = 'Disabled'

@description('Days of point-in-time restore for PostgreSQL (7-35).')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 35

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Seconds the oldest unsent outbox message (escalation, notification) may wait before the bot logs ALERT and the alert rule fires.')
@minValue(10)
param outboxAlertSeconds int = 300

@description('E-mail address for the outbox alert (backlog, undeliverable escalations); empty = visible in Azure Monitor only.')
param alertEmail string = ''

@description('Tags for every resource.')
param tags object = { app: 'mag-dit' }

@description('When the bot secret (SingleTenant) expires in Key Vault; default six months from the deployment.')
param secretExpiry string = dateTimeAdd(utcNow(), 'P180D')

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var suffix = take(uniqueString(resourceGroup().id, name), 6)
var compactName = replace(name, '-', '')
var webAppName = '${name}-${suffix}'
var keyVaultName = take('kv${compactName}${suffix}', 24)
var postgresServerName = 'psql-${name}-${suffix}'
var databaseName = 'magdit'
var isManagedIdentityBot = botAppType == 'UserAssignedMSI'
var useKeyVaultSecret = !isManagedIdentityBot && !empty(botAppPassword)

// Built-in role definition ids.
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisherRole = '3913510d-42f4-4e42-8a64-420c390055eb'

// ---------------------------------------------------------------------------------------------
// Identity, network, monitoring
// ---------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${name}'
  location: location
  tags: tags
}

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    location: location
    name: name
    tags: tags
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${name}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
    features: { disableLocalAuth: true }
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true // telemetry only with the managed identity's Entra token
    DisableIpMasking: false
  }
}

resource insightsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, monitoringMetricsPublisherRole)
  scope: insights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRole)
  }
}

// ---------------------------------------------------------------------------------------------
// Key Vault (RBAC, purge protection, private endpoint only)
// ---------------------------------------------------------------------------------------------

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

module botPasswordSecret 'modules/secret.bicep' = if (useKeyVaultSecret) {
  name: 'bot-password-secret'
  params: {
    vaultName: vault.name
    secretName: 'MicrosoftAppPassword'
    value: botAppPassword
    expiry: secretExpiry // rotate at least every six months (README: secrets roteren)
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
  }
}

resource vaultZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
  tags: tags
}

resource vaultZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: vaultZone
  name: 'vnet'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: network.outputs.vnetId }
  }
}

resource vaultEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-${keyVaultName}'
  location: location
  tags: tags
  properties: {
    subnet: { id: network.outputs.endpointsSubnetId }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: vault.id
          groupIds: [ 'vault' ]
        }
      }
    ]
  }
}

resource vaultEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: vaultEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [ { name: 'vault', properties: { privateDnsZoneId: vaultZone.id } } ]
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL Flexible Server: private access, Entra authentication only, PITR + geo backup (EU pair)
// ---------------------------------------------------------------------------------------------

resource postgresZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${postgresServerName}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource postgresZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: postgresZone
  name: 'vnet'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: network.outputs.vnetId }
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Enabled' // West Europe pairs with North Europe: backups stay in the EU
    }
    highAvailability: { mode: postgresHighAvailability }
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenant().tenantId
    }
    network: {
      delegatedSubnetResourceId: network.outputs.postgresSubnetId
      privateDnsZoneArmResourceId: postgresZone.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [ postgresZoneLink ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// TLS is required by default; set it explicitly so nobody turns it off by accident.
resource postgresTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'require_secure_transport'
  properties: { value: 'on', source: 'user-override' }
}

resource postgresLogConnections 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'log_connections'
  properties: { value: 'on', source: 'user-override' }
  dependsOn: [ postgresTls ]
}

// The bot's identity is the Entra administrator: it creates its own tables at start (migrations).
resource postgresAppAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: postgres
  name: identity.properties.principalId
  properties: {
    principalName: identity.name
    principalType: 'ServicePrincipal'
    tenantId: tenant().tenantId
  }
  dependsOn: [ database, postgresLogConnections ]
}

resource postgresGroupAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (!empty(postgresAdminGroupObjectId)) {
  parent: postgres
  name: empty(postgresAdminGroupObjectId) ? 'unused' : postgresAdminGroupObjectId
  properties: {
    principalName: postgresAdminGroupName
    principalType: 'Group'
    tenantId: tenant().tenantId
  }
  dependsOn: [ postgresAppAdmin ]
}

// ---------------------------------------------------------------------------------------------
// App Service for Linux: Python 3.11, `python app.py`, two or more instances, HTTPS only
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'asp-${name}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
    zoneRedundant: zoneRedundant
  }
}

var databaseUrl = 'postgresql://${identity.name}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'

var baseSettings = [
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
  { name: 'WEBSITES_PORT', value: '8000' }
  { name: 'HOST', value: '0.0.0.0' }
  { name: 'PORT', value: '8000' }
  { name: 'LOG_FORMAT', value: 'json' }
  { name: 'LOG_LEVEL', value: 'INFO' }
  { name: 'RULES_DIR', value: 'rules' }
  { name: 'MicrosoftAppType', value: botAppType }
  { name: 'MicrosoftAppId', value: isManagedIdentityBot ? identity.properties.clientId : botAppId }
  { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
  { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
  { name: 'TENANT_SCHOOLS', value: string(tenantSchools) }
  { name: 'LEADERS', value: string(leaders) }
  { name: 'REPORT_RETENTION_MONTHS', value: string(reportRetentionMonths) }
  { name: 'OUTBOX_ALERT_SECONDS', value: string(outboxAlertSeconds) }
  { name: 'DATABASE_URL', value: databaseUrl }
  { name: 'DATABASE_AUTH', value: 'entra' }
  // azure-identity picks this user-assigned identity (PostgreSQL, Key Vault, Application Insights).
  { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
]

var keyVaultPasswordReference = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/MicrosoftAppPassword/)'
var secretSettings = useKeyVaultSecret ? [ { name: 'MicrosoftAppPassword', value: keyVaultPasswordReference } ] : []

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false // any instance serves any request: state is in PostgreSQL
    keyVaultReferenceIdentity: identity.id
    virtualNetworkSubnetId: network.outputs.appSubnetId
    publicNetworkAccess: 'Enabled' // Teams' Bot Connector must reach /api/messages
    siteConfig: {
      linuxFxVersion: 'PYTHON|3.11'
      appCommandLine: 'python app.py'
      healthCheckPath: '/readyz'
      numberOfWorkers: instanceCount
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      vnetRouteAllEnabled: true
      remoteDebuggingEnabled: false
      detailedErrorLoggingEnabled: true
      httpLoggingEnabled: true
      requestTracingEnabled: true
      appSettings: concat(baseSettings, secretSettings)
    }
  }
  dependsOn: [ vaultSecretsUser, vaultEndpointDns, postgresAppAdmin, botPasswordSecret ]
}

// No FTP or basic-auth deployments: deploy with an Entra login (az webapp deploy).
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot with the Teams channel
// ---------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${name}-${suffix}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: 'F0' } // Teams is a standard channel: free
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppType: botAppType
    msaAppId: isManagedIdentityBot ? identity.properties.clientId : botAppId
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: isManagedIdentityBot ? identity.id : null
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Diagnostics to Log Analytics
// ---------------------------------------------------------------------------------------------

resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true } // the bot's JSON lines (stdout/stderr)
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
      { category: 'AppServiceAuditLogs', enabled: true }
    ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

resource postgresDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: postgres
  properties: {
    workspaceId: logs.id
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logs.id
    logs: [ { categoryGroup: 'audit', enabled: true } ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

// ---------------------------------------------------------------------------------------------
// Alert: reports that do not reach the school. The bot logs one line starting with "ALERT outbox"
// when the oldest unsent message waits longer than OUTBOX_ALERT_SECONDS (Teams unreachable, no
// report channel) and when Teams refuses a message for good (403/404: the bot was removed).
// ---------------------------------------------------------------------------------------------

resource alertGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${name}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'magdit'
    enabled: true
    emailReceivers: [ { name: 'beheer', emailAddress: alertEmail, useCommonAlertSchema: true } ]
  }
}

resource outboxAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: 'alert-${name}-outbox'
  location: location
  tags: tags
  properties: {
    displayName: 'Mag dit?: meldingen bereiken de school niet'
    description: 'The bot logged ALERT outbox: a backlog older than OUTBOX_ALERT_SECONDS, or messages Teams refused (403/404). See deployment/README.md, "Als meldingen blijven hangen".'
    severity: 2
    enabled: true
    scopes: [ logs.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'AppServiceConsoleLogs | where ResultDescription has "ALERT outbox"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: empty(alertEmail) ? [] : [ alertGroup.id ] }
  }
  dependsOn: [ siteDiagnostics ]
}

// ---------------------------------------------------------------------------------------------
// Outputs: what the Teams app package (make package) and the operations guide need
// ---------------------------------------------------------------------------------------------

@description('The messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = bot.properties.endpoint

@description('MicrosoftAppId for `make package` (the managed identity client id or the app registration id).')
output microsoftAppId string = isManagedIdentityBot ? identity.properties.clientId : botAppId

@description('BOT_DOMAIN for `make package`.')
output botDomain string = site.properties.defaultHostName

@description('Paste into .env before `make package`.')
output packageEnv string = 'MicrosoftAppId=${isManagedIdentityBot ? identity.properties.clientId : botAppId}\nBOT_DOMAIN=${site.properties.defaultHostName}\n'

output webAppName string = site.name
output botResourceName string = bot.name
output identityClientId string = identity.properties.clientId
output identityPrincipalId string = identity.properties.principalId
output postgresHost string = postgres.properties.fullyQualifiedDomainName
output postgresServerName string = postgres.name
output keyVaultName string = vault.name
output logAnalyticsWorkspaceId string = logs.properties.customerId
output egressIpAddress string = network.outputs.egressIpAddress
