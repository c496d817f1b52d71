// HardenedVpc's arguments, their defaults and their validation: plain values checked before anything is created.
import * as pulumi from "@pulumi/pulumi";
import { checkAdminSources } from "../plan/adminSources";
import { checkPlanOptions, planSubnets } from "../plan/cidr";
import { checkLogRetention, DEFAULT_LOG_RETENTION_DAYS } from "../plan/retention";
import {
  checkBoolean,
  checkKnownArguments,
  checkList,
  checkPlain,
  checkPlainArguments,
  Problems,
  ValidationError,
} from "../validation";
import { checkRuleQuotaArgument } from "../plan/aclQuota";
import { checkVpcCidrNotReserved, publicVpcSpaceWarning } from "../plan/vpcCidrSpace";
import { checkDerivedNames, iamRoleName, logGroupName } from "./derivedNames";
import { AWS_NACL_RULE_QUOTA, checkNaclRuleQuota } from "./naclQuota";
import { ADMIN_ALLOW_FIRST_RULE, ADMIN_DENY_FIRST_RULE, MAX_ADMIN_SOURCES } from "./naclRules";
import { CallerTagRule, checkPlainCallerTags } from "./callerTagCheck";
import { HARDENED_VPC_TAG_LIMITS } from "./callerTagLimits";

export type SubnetTierType = "public" | "private" | "isolated";
export type NatGatewayStrategy = "per-az" | "single" | "none";

export interface SubnetTierArgs {
  type: SubnetTierType;
  /** Prefix length of each subnet of the tier (one per AZ). */
  prefix: number;
}

export interface HardenedVpcArgs {
  /**
   * IPv4 CIDR of the VPC. Plain value: it decides the subnet plan. Default "10.0.0.0/16". Reserved space (multicast,
   * loopback, link-local, 0.0.0.0/8, 240.0.0.0/4) is refused; space outside RFC 1918 and 100.64.0.0/10 logs a warning.
   */
  cidrBlock?: string;
  /** Number of availability zones, 2 or 3. Default 3: losing one zone leaves two. */
  azCount?: number;
  /**
   * Subnet tiers. Default public /24, private /20, isolated /24. Public subnets hold only load balancers, NAT and
   * the bastion; private subnets reach out through NAT; isolated subnets (databases) have no route out at all.
   */
  tiers?: SubnetTierArgs[];
  /** NAT gateways: "per-az" (default, no cross-zone dependency), "single" (cheaper) or "none". */
  natGateways?: NatGatewayStrategy;
  /**
   * Sources allowed through the public NACL on port 22 before the internet-wide deny (the bastion's operators).
   * Default none: SSH from outside is refused at the subnet edge, use SSM Session Manager. Each entry is one inbound
   * NACL rule of its address family: as many as `naclRuleQuota` leaves room for, at most 40 in all. They need a public
   * tier (its ACL holds them): without one they are refused.
   */
  adminIngressCidrs?: string[];
  /** Flow-log retention in CloudWatch Logs, at least 180 days. Default 365. */
  flowLogRetentionDays?: number;
  /** Interface endpoints for SSM, ssmmessages and ec2messages. Default true: private hosts managed without internet. */
  ssmEndpoints?: boolean;
  /**
   * The account's "Rules per network ACL" quota (Service Quotas L-2AEEBF1A), per direction and address family, which
   * every network ACL of the component must fit: an integer from 20 (AWS's default) to 40 (its maximum). Default 20.
   * Each `adminIngressCidrs` entry adds one inbound rule of its family to the public ACL beside its admin-port denies
   * and internet allows; arguments that do not fit are refused, naming how many do. Pass a higher value only once
   * the quota was raised in this region (a value above 20 logs a warning): an ACL past the real quota fails at
   * deployment, after the VPC and the flow-log stores exist.
   */
  naclRuleQuota?: number;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const TIER_TYPES: readonly SubnetTierType[] = ["public", "private", "isolated"];
export const DEFAULT_TIERS: SubnetTierArgs[] = [
  { type: "public", prefix: 24 },
  { type: "private", prefix: 20 },
  { type: "isolated", prefix: 24 },
];
const NAT_STRATEGIES: readonly NatGatewayStrategy[] = ["per-az", "single", "none"];
/** Every argument, so a misspelled one is reported instead of ignored; the compiler keeps this list complete. */
const KNOWN_ARGUMENTS: Record<keyof HardenedVpcArgs, true> = {
  cidrBlock: true,
  azCount: true,
  tiers: true,
  natGateways: true,
  adminIngressCidrs: true,
  flowLogRetentionDays: true,
  ssmEndpoints: true,
  naclRuleQuota: true,
  tags: true,
};
/** Arguments that decide the plan: they must be values, not Outputs or Promises. */
const PLAIN_ARGUMENTS = ["cidrBlock", "azCount", "natGateways", "flowLogRetentionDays", "naclRuleQuota"] as const;

/** The tier tag each subnet carries beside its Name; the policy pack reads it. */
export const TIER_TAG = "hardening:tier";

/**
 * The caller's tags beside a subnet's Name and tier, the most the VPC adds to one resource (the others add a Name);
 * a caller's Name or tier is overwritten there.
 */
export const HARDENED_VPC_TAGS: CallerTagRule = { limits: HARDENED_VPC_TAG_LIMITS, ownTags: [["Name", TIER_TAG]] };

/** The flow-log group's name; fixed, so the key policy can pin it. */
export const flowLogGroupNameOf = (name: string) => `/hardening/${name}/vpc-flow-logs`;

/**
 * Every problem with the arguments at once, thrown before the component or any child is registered. `name`, when
 * given, is the component's: it becomes part of the flow-log group's name.
 */
export function validateHardenedVpcArgs(args: HardenedVpcArgs, name?: string): void {
  const problems = new Problems("HardenedVpc");
  if (name !== undefined) {
    checkDerivedNames(
      problems,
      name,
      [logGroupName(flowLogGroupNameOf(name)), iamRoleName(`${name}-flow-logs-role`)],
      "rename the component",
    );
  }
  if (!checkKnownArguments(problems, args, Object.keys(KNOWN_ARGUMENTS))) return problems.throwIfAny();
  // Outputs and Promises are reported once, by kind, rather than as odd values by every later check.
  if (!checkPlainArguments(problems, args, PLAIN_ARGUMENTS)) return problems.throwIfAny();
  checkBoolean(problems, "ssmEndpoints", args.ssmEndpoints);
  // Tags given as an Output, or holding one, are checked once known (the constructor's deferred check).
  checkPlainCallerTags(problems, args.tags, HARDENED_VPC_TAGS);
  const givenAzCount = args.azCount ?? 3;
  problems.check(
    givenAzCount === 2 || givenAzCount === 3,
    "azCount",
    givenAzCount,
    "2 or 3",
    "omit azCount for 3 zones, or set 2",
  );
  // The plan checks below run with a sane zone count: a huge or non-finite one must not size an array.
  const azCount = givenAzCount === 2 ? 2 : 3;
  if (!checkList(problems, "tiers", args.tiers)) return problems.throwIfAny();
  const tiers = args.tiers ?? DEFAULT_TIERS;
  const shaped = tiers.map(
    (t, i) =>
      problems.check(
        typeof t === "object" && t !== null,
        `tiers[${i}]`,
        t,
        "an object { type, prefix }",
        'write the tier as { type: "private", prefix: 20 }',
      ) && checkPlain(problems, `tiers[${i}].prefix`, t.prefix),
  );
  // The plan below reads every tier: without their shape there is nothing more to check.
  if (!shaped.every(Boolean)) return problems.throwIfAny();
  const seen = new Set<string>();
  tiers.forEach((t, i) => {
    if (!TIER_TYPES.includes(t.type)) {
      problems.add(`tiers[${i}].type`, t.type, TIER_TYPES.join(", "), "use one of the tier types");
    } else if (seen.has(t.type)) {
      problems.add(`tiers[${i}].type`, t.type, "each tier type once", `remove the second "${t.type}" tier`);
    }
    seen.add(t.type);
  });
  problems.addAll(
    checkPlanOptions({
      vpcCidr: args.cidrBlock ?? "10.0.0.0/16",
      zones: Array.from({ length: azCount }, (_, i) => `az${i}`),
      tiers: tiers.map((t) => ({ name: t.type, prefix: t.prefix })),
    })
      // Tier names come from tier types, whose duplicates are reported above.
      .filter((p) => !/^tiers\[\d+\]\.name$/.test(p.argument))
      .map((p) => ({ ...p, argument: p.argument === "vpcCidr" ? "cidrBlock" : p.argument })),
  );
  // Only a well-formed block is placed: a malformed one is reported above.
  if (!problems.list.some((p) => p.argument === "cidrBlock")) {
    checkVpcCidrNotReserved(problems, "cidrBlock", args.cidrBlock ?? "10.0.0.0/16");
  }
  const nat = args.natGateways ?? "per-az";
  if (problems.check(NAT_STRATEGIES.includes(nat), "natGateways", nat, NAT_STRATEGIES.join(", "), 'use "per-az"')) {
    const hasPrivate = tiers.some((t) => t.type === "private");
    const hasPublic = tiers.some((t) => t.type === "public");
    problems.check(
      nat === "none" || (hasPrivate && hasPublic),
      "natGateways",
      nat,
      '"none" unless there are both a public tier (to hold NAT) and a private tier (to use it)',
      'set natGateways: "none", or add the missing public/private tier',
    );
  }
  checkAdminSources(problems, "adminIngressCidrs", args.adminIngressCidrs, { required: false });
  // The sources are allows in the public tier's ACL: without that tier they would be silently dropped.
  problems.check(
    !Array.isArray(args.adminIngressCidrs) ||
      args.adminIngressCidrs.length === 0 ||
      tiers.some((t) => t.type === "public"),
    "adminIngressCidrs",
    args.adminIngressCidrs,
    "sources for the public tier's network ACL, given only with a public tier",
    'add a { type: "public", prefix: 24 } tier for the bastion, or drop adminIngressCidrs (reach hosts through SSM)',
  );
  const quota = checkRuleQuotaArgument(problems, args.naclRuleQuota, AWS_NACL_RULE_QUOTA);
  const adminSources = args.adminIngressCidrs ?? [];
  const before = problems.list.length;
  // Entries that are not strings are reported above; without them there is no rule list to count.
  if (Array.isArray(adminSources) && adminSources.every((c) => typeof c === "string")) {
    checkNaclRuleQuota(
      problems,
      {
        vpcCidr: args.cidrBlock ?? "10.0.0.0/16",
        tiers: TIER_TYPES.filter((type) => tiers.some((t) => t.type === type)),
        natEgress: nat !== "none" && tiers.some((t) => t.type === "public"),
        adminSources,
      },
      quota,
    );
  }
  // Each family may fit a raised quota while both together outgrow the allows' rule numbers.
  problems.check(
    !Array.isArray(adminSources) || adminSources.length <= MAX_ADMIN_SOURCES || problems.list.length > before,
    "adminIngressCidrs",
    adminSources,
    `at most ${MAX_ADMIN_SOURCES} entries in all (NACL rules ${ADMIN_ALLOW_FIRST_RULE}-${ADMIN_DENY_FIRST_RULE - 1}; ` +
      `${Array.isArray(adminSources) ? adminSources.length : 0} given)`,
    "summarise the sources into fewer narrow blocks",
  );
  checkLogRetention(problems, "flowLogRetentionDays", args.flowLogRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS);
  if (problems.empty) {
    // Valid options can still not fit in the VPC; the planner names "tiers" and the space needed.
    try {
      planSubnets({
        vpcCidr: args.cidrBlock ?? "10.0.0.0/16",
        zones: Array.from({ length: azCount }, (_, i) => `az${i}`),
        tiers: tiers.map((t) => ({ name: t.type, prefix: t.prefix })),
      });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.addAll(e.problems);
    }
  }
  problems.throwIfAny();
  // Checked before the component exists (nothing is registered until every argument is good), so the warning is
  // logged on the stack, naming the component.
  const publicSpace = publicVpcSpaceWarning("cidrBlock", args.cidrBlock ?? "10.0.0.0/16");
  if (publicSpace) pulumi.log.warn(`HardenedVpc ${name ?? "(unnamed)"}: ${publicSpace}`);
}

/** The first `azCount` zones, or an error naming azCount when the region has fewer. */
export function pickZones(name: string, names: string[], azCount: number): string[] {
  if (names.length < azCount) {
    throw new Error(
      `HardenedVpc ${name}: argument "azCount" is ${azCount} but the region offers ${names.length} ` +
        `available zone(s) (${names.join(", ")}); allowed: at most ${names.length}; fix: lower azCount.`,
    );
  }
  return names.slice(0, azCount);
}
