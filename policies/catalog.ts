import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { packSettingsPolicy } from "./lib/settings";
import { HardeningResourcePolicy } from "./lib/rule";
import { HardeningStackPolicy } from "./lib/stack-rule";
import { disallowEcsPasswordLogin } from "./rules/disallow-ecs-password-login";
import { disallowInternetAdminPorts } from "./rules/disallow-internet-admin-ports";
import { disallowPublicHighRiskPorts } from "./rules/disallow-public-high-risk-ports";
import { disallowPublicManagedDatabases } from "./rules/disallow-public-managed-databases";
import { disallowUserdataLoginWeakening } from "./rules/disallow-userdata-login-weakening";
import { recommendRegistryTagImmutability } from "./rules/recommend-registry-tag-immutability";
import { requireActiontrailAllRegionsEvents } from "./rules/require-actiontrail-all-regions-events";
import { requireBackupVaultLockCompliance } from "./rules/require-backup-vault-lock-compliance";
import { requireCloudtrailMultiRegionValidation } from "./rules/require-cloudtrail-multi-region-validation";
import { requireDnsFailoverHealthCheck } from "./rules/require-dns-failover-health-check";
import { requireDnsFailoverHealthCheckEffective } from "./rules/require-dns-failover-health-check-effective";
import { requireEvidenceBucketImmutability } from "./rules/require-evidence-bucket-immutability";
import { requireEvidenceOssWorm } from "./rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "./rules/require-evidence-s3-default-retention";
import { requireGtmPoolMonitoring } from "./rules/require-gtm-pool-monitoring";
import { requireIamConsoleMfa } from "./rules/require-iam-console-mfa";
import { requireIamPasswordPolicyStrength } from "./rules/require-iam-password-policy-strength";
import { requireImdsv2 } from "./rules/require-imdsv2";
import { requireLockedBackupVaults } from "./rules/require-locked-backup-vaults";
import { requireRamMfaForLogin } from "./rules/require-ram-mfa-for-login";
import { requireRamPasswordPolicyStrength } from "./rules/require-ram-password-policy-strength";
import { requireRegistryImageScanning } from "./rules/require-registry-image-scanning";
import { requireWafLogging } from "./rules/require-waf-logging";
import { requireWafOwaspCoreRules } from "./rules/require-waf-owasp-core-rules";
import { stackPolicies } from "./stack";
import { readingTemplates } from "./lib/templates/template-resources";

/**
 * The rules that also judge the resources raw CloudFormation and ROS templates deploy. The admin-port rule alone says
 * when a template cannot be read, so each such template gets one note for the pack. Each trail rule reads its own
 * cloud's dialect.
 */
const templateAware = {
  disallowInternetAdminPorts: readingTemplates(disallowInternetAdminPorts, { reportsUnreadable: true }),
  disallowPublicHighRiskPorts: readingTemplates(disallowPublicHighRiskPorts, { reportsUnreadable: false }),
  disallowPublicManagedDatabases: readingTemplates(disallowPublicManagedDatabases, { reportsUnreadable: false }),
  disallowEcsPasswordLogin: readingTemplates(disallowEcsPasswordLogin, { reportsUnreadable: false }),
  disallowUserdataLoginWeakening: readingTemplates(disallowUserdataLoginWeakening, { reportsUnreadable: false }),
  requireImdsv2: readingTemplates(requireImdsv2, { reportsUnreadable: false }),
  requireCloudtrailMultiRegionValidation: readingTemplates(requireCloudtrailMultiRegionValidation, {
    reportsUnreadable: false,
    dialects: ["CFN"],
  }),
  requireActiontrailAllRegionsEvents: readingTemplates(requireActiontrailAllRegionsEvents, {
    reportsUnreadable: false,
    dialects: ["ROS"],
  }),
  requireRamPasswordPolicyStrength: readingTemplates(requireRamPasswordPolicyStrength, {
    reportsUnreadable: false,
    dialects: ["ROS"],
  }),
  requireRamMfaForLogin: readingTemplates(requireRamMfaForLogin, { reportsUnreadable: false, dialects: ["ROS"] }),
  requireIamPasswordPolicyStrength: readingTemplates(requireIamPasswordPolicyStrength, {
    reportsUnreadable: false,
    dialects: ["CFN"],
  }),
  requireIamConsoleMfa: readingTemplates(requireIamConsoleMfa, { reportsUnreadable: false, dialects: ["CFN"] }),
  requireBackupVaultLockCompliance: readingTemplates(requireBackupVaultLockCompliance, {
    reportsUnreadable: false,
    dialects: ["CFN"],
  }),
  requireEvidenceBucketImmutability: readingTemplates(requireEvidenceBucketImmutability, {
    reportsUnreadable: false,
    dialects: ["CFN", "ROS"],
  }),
};

/** The pack's rules, in the order the rules reference lists them. */
export const hardeningRules: HardeningResourcePolicy[] = [
  templateAware.disallowInternetAdminPorts,
  templateAware.disallowPublicHighRiskPorts,
  templateAware.disallowPublicManagedDatabases,
  templateAware.disallowEcsPasswordLogin,
  templateAware.disallowUserdataLoginWeakening,
  templateAware.requireImdsv2,
  templateAware.requireCloudtrailMultiRegionValidation,
  templateAware.requireActiontrailAllRegionsEvents,
  templateAware.requireBackupVaultLockCompliance,
  templateAware.requireEvidenceBucketImmutability,
  requireDnsFailoverHealthCheck,
  templateAware.requireIamPasswordPolicyStrength,
  templateAware.requireIamConsoleMfa,
  templateAware.requireRamPasswordPolicyStrength,
  templateAware.requireRamMfaForLogin,
  recommendRegistryTagImmutability,
];

/** Rules that correlate resources across the stack. */
export const hardeningStackRules: HardeningStackPolicy[] = [
  requireRegistryImageScanning,
  requireWafOwaspCoreRules,
  requireWafLogging,
  requireEvidenceOssWorm,
  requireEvidenceS3DefaultRetention,
  requireLockedBackupVaults,
  requireGtmPoolMonitoring,
  requireDnsFailoverHealthCheckEffective,
];

/** Every policy of the pack, side-effect free so tests can import it without starting a server. The settings policy
 * comes first: it publishes pack-wide settings before the rules run for each resource. */
export const resourcePolicies: ResourceValidationPolicy[] = [packSettingsPolicy, ...hardeningRules];
export const allPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  ...resourcePolicies,
  ...hardeningStackRules,
  ...stackPolicies,
];
