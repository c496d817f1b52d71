import { StackValidationPolicy } from "@pulumi/policy";
import { disallowInternetAdminPortsExceptBastions } from "./disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "./disallow-internet-database-and-high-risk-ports";
import { requireAuditTrailForCompute } from "./require-audit-trail-for-compute";
import { requireBastionOnlySshToPrivateHosts } from "./require-bastion-only-ssh-to-private-hosts";
import { requireEffectiveTrafficMirroring } from "./require-effective-traffic-mirroring";
import { requireVpcFlowLogsAllTraffic } from "./require-vpc-flow-logs-all-traffic";
import { requireWafOnInternetEndpoints } from "./require-waf-on-internet-endpoints";
import { requireWafRateLimit } from "./require-waf-rate-limit";
import { requireThreatDetection } from "./require-threat-detection";
import { HardeningStackPolicy } from "../lib/stack-rule";

/** Stack policies: checks that need the whole planned stack (reachability, coverage). */
export const hardeningStackPolicies: HardeningStackPolicy[] = [
  disallowInternetAdminPortsExceptBastions,
  disallowInternetDatabaseAndHighRiskPorts,
  requireBastionOnlySshToPrivateHosts,
  requireVpcFlowLogsAllTraffic,
  requireEffectiveTrafficMirroring,
  requireWafOnInternetEndpoints,
  requireWafRateLimit,
  requireAuditTrailForCompute,
  requireThreatDetection,
];

export const stackPolicies: StackValidationPolicy[] = hardeningStackPolicies;
