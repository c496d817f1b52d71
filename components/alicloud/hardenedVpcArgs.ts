// HardenedVpc's arguments, their defaults and their validation: every problem reported at once, before anything is
// created (the vSwitch plan and the names the component derives included; the public tier's admin sources, ports and
// ACL entry quota in publicTierArgs.ts); and the warnings for arguments weaker than the defaults, logged once the
// component exists.
import * as pulumi from "@pulumi/pulumi";
import { planSubnets, SubnetPlan } from "../plan/cidr";
import { ALICLOUD_ACL_RULE_QUOTA } from "../plan/alicloud-acl-quota";
import { raisedQuotaWarning } from "../plan/aclQuota";
import {
  DEFAULT_LOG_RETENTION_DAYS,
  checkLogRetention,
  checkLogstoreName,
  checkSlsProjectName,
} from "../plan/alicloud-retention";
import { ValidationError } from "../validation";
import { ALICLOUD_RESERVED_VPC_CIDRS, checkVpcCidrNotReserved, publicVpcSpaceWarning } from "../plan/vpcCidrSpace";
import { ArgProblems, argumentKeys, checkTags, warnIfWeaker } from "./args";
import {
  checkDerivedNames,
  eipName,
  natGatewayName,
  networkAclName,
  snatEntryName,
  vpcName,
  vswitchName,
} from "./derivedNames";
import { checkPublicTierArgs } from "./publicTierArgs";
import { checkZoneIds } from "./zones";

export interface HardenedVpcArgs {
  /**
   * IPv4 CIDR of the VPC, prefix /16 to /28. Default "10.0.0.0/16" (private space: nothing here is routable from the
   * internet). Reserved space (100.64.0.0/10, multicast, loopback, link-local, 0.0.0.0/8, 240.0.0.0/4) is refused; a
   * custom block outside 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 is allowed by Alibaba Cloud but logs a warning.
   */
  cidrBlock?: string;
  /**
   * Zones to spread vSwitches over. Default: the first `zoneCount` zones that can create vSwitches, read with
   * `alicloud.getZonesOutput` — two zones keep one zone's failure from taking the estate down.
   */
  zones?: string[];
  /** Number of zones when `zones` is not given, 1 to 6. Default 2; one zone (here or in `zones`) logs a warning. */
  zoneCount?: number;
  /** Prefix of each public vSwitch. Default 24: the public tier holds only the NAT gateway, load balancers, bastion. */
  publicPrefix?: number;
  /** Prefix of each private vSwitch. Default 20: workloads live here, without public addresses. */
  privatePrefix?: number;
  /** Create an enhanced NAT gateway, an EIP and SNAT entries so private vSwitches reach out (never in). Default true. */
  natGateway?: boolean;
  /** Enable IPv6 on the VPC; the ACL then also drops 22/3389 from ::/0. Default false. */
  enableIpv6?: boolean;
  /**
   * Sources allowed to reach SSH through the public ACL (normally the bastion's allowed CIDRs); everything else is
   * dropped for 22 and 3389. Default []: no SSH from the internet at all. Broad or internet-covering sets are rejected.
   */
  adminSourceCidrs?: string[];
  /**
   * TCP ports the public tier serves to the internet (through the ACL). Default [80, 443]. Each port is one ACL entry
   * per address family: together with `adminSourceCidrs` they must fit `naclRuleQuota`.
   */
  publicTcpPorts?: number[];
  /**
   * The account's quota of network ACL entries per direction (and per address family with IPv6): Quota Center's
   * vpc_quota_nacl_ingress_entry / vpc_quota_nacl_egress_entry. An integer of at least 20, Alibaba Cloud's default
   * (no maximum is documented). Default 20. Arguments whose entries do not fit are refused, naming how many do.
   * Pass a higher value only once the quota was raised (a value above 20 logs a warning): an ACL past the real quota
   * fails at deployment, after the VPC and the retained flow-log project exist.
   */
  naclRuleQuota?: number;
  /** SLS project for the flow log; stable, because renaming replaces it. Default `${name}-flowlog`. */
  flowLogProjectName?: string;
  /** Logstore of the flow log. Default "vpc-flowlog". */
  flowLogStoreName?: string;
  /** Days the flow log is kept, 180-3650. Default 365 (CIS Alibaba 2.23; the legal floor is 180). */
  flowLogRetentionDays?: number;
  /** Tags for every child that takes tags. */
  tags?: Record<string, string>;
}

const HARDENED_VPC_ARGS = argumentKeys<HardenedVpcArgs>({
  cidrBlock: true,
  zones: true,
  zoneCount: true,
  publicPrefix: true,
  privatePrefix: true,
  natGateway: true,
  enableIpv6: true,
  adminSourceCidrs: true,
  publicTcpPorts: true,
  naclRuleQuota: true,
  flowLogProjectName: true,
  flowLogStoreName: true,
  flowLogRetentionDays: true,
  tags: true,
});
/** Every argument is read at construction: none may be an Output. */
const PLAIN_ARGS = HARDENED_VPC_ARGS as (keyof HardenedVpcArgs)[];

/** The checked arguments, defaults filled in. */
export interface CheckedHardenedVpcArgs {
  /** The arguments as given, less any that arrived as an Output (each an error) and `zones` when not a list. */
  args: HardenedVpcArgs;
  cidrBlock: string;
  zoneCount: number;
  adminSourceCidrs: string[];
  publicTcpPorts: number[];
  enableIpv6: boolean;
  naclRuleQuota: number;
  flowLogProjectName: string;
  flowLogStoreName: string;
  flowLogRetentionDays: number;
  /** The vSwitches by tier and zone index; the zones themselves are known once the zone invoke answers. */
  subnetPlan: SubnetPlan[];
}

/** Checks every argument; throws one ValidationError naming all problems, or returns the checked settings. */
export function validateHardenedVpcArgs(name: string, given: HardenedVpcArgs): CheckedHardenedVpcArgs {
  const problems = new ArgProblems(`HardenedVpc "${name}"`);
  problems.knownKeys(given ?? {}, HARDENED_VPC_ARGS);
  const args = problems.plain(given ?? {}, PLAIN_ARGS);
  const cidrBlock = args.cidrBlock ?? "10.0.0.0/16";
  const zoneCount = (Array.isArray(args.zones) ? args.zones.length : undefined) ?? args.zoneCount ?? 2;
  const adminSourceCidrs = args.adminSourceCidrs ?? [];
  const retentionDays = args.flowLogRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
  const projectName = args.flowLogProjectName ?? `${name}-flowlog`;
  const storeName = args.flowLogStoreName ?? "vpc-flowlog";
  const enableIpv6 = args.enableIpv6 ?? false;
  const publicTcpPorts = args.publicTcpPorts ?? [80, 443];

  problems.boolean("natGateway", args.natGateway);
  checkTags(problems, "tags", args.tags, 2);
  problems.boolean("enableIpv6", args.enableIpv6);
  // Explicit zones are checked by the planner (non-empty, distinct); zoneCount only matters without them.
  problems.check(
    args.zones !== undefined || (Number.isInteger(zoneCount) && zoneCount >= 1 && zoneCount <= 6),
    "zoneCount",
    zoneCount,
    "an integer from 1 to 6",
    "use 2 or 3 zones",
  );
  problems.check(
    args.zones === undefined || args.zoneCount === undefined || args.zoneCount === args.zones.length,
    "zoneCount",
    args.zoneCount,
    `omitted when zones are given, or equal to their number (${args.zones?.length})`,
    "drop zoneCount, or list exactly that many zones",
  );
  if (args.zones !== undefined && !Array.isArray(args.zones)) {
    problems.add("zones", args.zones, "a list of zone ids", 'pass e.g. ["cn-hangzhou-h", "cn-hangzhou-i"]');
    delete args.zones;
  }
  if (args.zones) checkZoneIds(problems, "zones", args.zones);
  // Shared with AWS; Alibaba Cloud also keeps 100.64.0.0/10 for its services.
  checkVpcCidrNotReserved(problems, "cidrBlock", cidrBlock, ALICLOUD_RESERVED_VPC_CIDRS);
  const aclQuota = checkPublicTierArgs(problems, {
    vpcCidr: cidrBlock,
    adminSourceCidrs,
    publicTcpPorts,
    enableIpv6,
    naclRuleQuota: args.naclRuleQuota,
  });
  checkLogRetention(problems, "flowLogRetentionDays", retentionDays);
  checkSlsProjectName(problems, "flowLogProjectName", projectName);
  checkLogstoreName(problems, "flowLogStoreName", storeName);
  const plannedZoneCount = Number.isInteger(zoneCount) && zoneCount >= 1 && zoneCount <= 6 ? zoneCount : 1;
  const placeholderZones = args.zones ?? Array.from({ length: plannedZoneCount }, (_, i) => `zone-${i}`);
  let plan: ReturnType<typeof planSubnets> = [];
  try {
    plan = planSubnets({
      vpcCidr: cidrBlock,
      zones: placeholderZones,
      tiers: [
        { name: "public", prefix: args.publicPrefix ?? 24 },
        { name: "private", prefix: args.privatePrefix ?? 20 },
      ],
    });
  } catch (e) {
    if (e instanceof ValidationError) {
      const rename: Record<string, string> = {
        vpcCidr: "cidrBlock",
        "tiers[0].prefix": "publicPrefix",
        "tiers[1].prefix": "privatePrefix",
      };
      problems.addAll(e.problems.map((p) => ({ ...p, argument: rename[p.argument] ?? p.argument })));
    } else throw e;
  }
  // The longest names carry the last zone's index.
  const lastZone = placeholderZones.length - 1;
  checkDerivedNames(
    problems,
    name,
    [
      vpcName(name),
      vswitchName(`${name}-private-${lastZone}`),
      networkAclName(`${name}-public`),
      ...((args.natGateway ?? true)
        ? [natGatewayName(`${name}-nat`), eipName(`${name}-nat`), snatEntryName(`${name}-private-${lastZone}`)]
        : []),
    ],
    'rename the component: a letter first, then letters, digits, "-" or "_", e.g. "prod-vpc"',
  );
  problems.throwIfAny();
  return {
    args,
    cidrBlock,
    zoneCount,
    adminSourceCidrs,
    publicTcpPorts,
    enableIpv6,
    naclRuleQuota: aclQuota,
    flowLogProjectName: projectName,
    flowLogStoreName: storeName,
    flowLogRetentionDays: retentionDays,
    subnetPlan: plan,
  };
}

/** Announces a shorter flow-log retention, an ACL entry quota above Alibaba Cloud's default, public address space and one zone. */
export function warnWeakerArguments(
  component: pulumi.Resource,
  subject: string,
  checked: CheckedHardenedVpcArgs,
): void {
  warnIfWeaker(
    component,
    subject,
    "flowLogRetentionDays",
    checked.flowLogRetentionDays,
    DEFAULT_LOG_RETENTION_DAYS,
    "lower",
    "an intrusion found later than that has no traffic record",
  );
  const raisedQuota = raisedQuotaWarning(checked.naclRuleQuota, ALICLOUD_ACL_RULE_QUOTA);
  if (raisedQuota) pulumi.log.warn(`${subject}: ${raisedQuota}`, component);
  const publicSpace = publicSpaceWarning(checked.cidrBlock);
  if (publicSpace) pulumi.log.warn(`${subject}: ${publicSpace}`, component);
  const singleZone = singleZoneWarning(checked);
  if (singleZone) pulumi.log.warn(`${subject}: ${singleZone}`, component);
}

/**
 * The warning for a cidrBlock outside private space, shared with AWS's HardenedVpc (plan/vpcCidrSpace.ts): Alibaba
 * Cloud takes a custom block, but its addresses belong to someone on the internet. Its private space has no
 * 100.64.0.0/10 (refused above: Alibaba Cloud keeps it for its own services), so the warning names what is left.
 */
function publicSpaceWarning(cidrBlock: string): string | undefined {
  const warning = publicVpcSpaceWarning("cidrBlock", cidrBlock);
  return warning
    ? `${warning}; on Alibaba Cloud that is 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (100.64.0.0/10 is kept ` +
        "for its own services)"
    : undefined;
}

/**
 * A VPC in one zone is allowed (a test or a small estate may want it) but weaker than the default two: AWS's twin
 * refuses it outright, here it is an explicit choice that is announced.
 */
function singleZoneWarning(checked: CheckedHardenedVpcArgs): string | undefined {
  if (checked.zoneCount !== 1) return undefined;
  const given = Array.isArray(checked.args.zones)
    ? `zones lists one zone (${JSON.stringify(checked.args.zones)})`
    : "zoneCount is 1";
  return (
    `${given}, weaker than the default 2: every vSwitch, the NAT gateway and the hosts placed in them share one ` +
    "zone, so that zone's outage takes the whole network down; list two zones, or omit zones and zoneCount"
  );
}
