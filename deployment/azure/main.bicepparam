// Parameters for one school (or school board). Copy this file, fill in the <...> values, then:
//   az deployment group create -g <resource group> -f deployment/azure/main.bicep -p <this file>
// See deployment/README.md, step 3.
using './main.bicep'

// Short lower-case prefix for every resource name (3-20 characters): school or board + environment.
param name = 'magdit-debreul'

// Keep data in the EU. West Europe (Amsterdam) pairs with North Europe (Dublin) for geo backups.
param location = 'westeurope'

// UserAssignedMSI: the bot signs in with its managed identity, there is no secret to leak or rotate.
// SingleTenant: use an Entra app registration; then also set botAppId and pass botAppPassword on the
// command line (-p botAppPassword=...) so it lands in Key Vault, never in this file or in git.
param botAppType = 'UserAssignedMSI'
param botAppId = ''

param botDisplayName = 'Mag dit?'

// The Microsoft 365 tenant(s) whose users may use the bot. Empty = only the tenant you deploy in.
param allowedTenantIds = ''

// Which school(s) each tenant hosts: slugs of rules/<slug>.yaml. A board with several schools lists
// them all; the user then picks once.
param tenantSchools = {
  '<tenant-id>': [ 'de-breul' ]
}

// Who may register the report channel (`meldingen hier`) and act on reports: Entra object ids per
// school (Entra admin center > Users > the person > Object ID), with the name shown on the case.
param leaders = {
  'de-breul': {
    '<object-id-of-a-leader>': 'Mw. De Vries'
  }
}

// How long closed reports are kept (months) before the daily purge deletes them; default 24.
param reportRetentionMonths = {
  'de-breul': 24
}

// Optional: an Entra group whose members may log in to PostgreSQL (restores, investigations).
param postgresAdminGroupObjectId = ''
param postgresAdminGroupName = ''

// Sizes. P0v3 x 2 instances and a Burstable B1ms database carry a school easily; raise them for a
// board with many schools. zoneRedundant needs P1v3 or larger.
param appServiceSku = 'P0v3'
param instanceCount = 2
param zoneRedundant = false
param postgresSkuName = 'Standard_B1ms'
param postgresSkuTier = 'Burstable'
param postgresHighAvailability = 'Disabled'
param postgresBackupRetentionDays = 35
param logRetentionDays = 90

// Waarschuwing als meldingen de school niet bereiken: na hoeveel seconden wachten de bot "ALERT" logt en
// de alert-regel afgaat, en naar welk e-mailadres (leeg = alleen zichtbaar in Azure Monitor).
param outboxAlertSeconds = 300
param alertEmail = ''
