// A VPC whose only internet edge is deliberate: public vSwitches behind a network ACL that drops SSH/RDP from the
// internet (the case's 137-second brute force), private vSwitches egressing through SNAT only, and a flow log of
// ALL traffic kept at least six months (the case's investigation had to rebuild traffic after the fact).
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { guardEvidence, guardInheritedTransformations } from "../evidenceGuard";
import { planSubnets } from "../plan/cidr";
import { checkAdminSourceCidrs } from "../plan/alicloud-sg";
import { publicTierEgressEntries, publicTierIngressEntries } from "../plan/alicloud-acl";
import { ALICLOUD_ACL_RULE_QUOTA, publicTierAclQuotaProblems } from "../plan/alicloud-acl-quota";
import { checkRuleQuotaArgument, raisedQuotaWarning } from "../plan/aclQuota";
import {
  DEFAULT_LOG_RETENTION_DAYS,
  checkLogRetention,
  checkLogstoreName,
  checkSlsProjectName,
} from "../plan/alicloud-retention";
import { ValidationError } from "../validation";
import { parseCidr } from "../../lib/cidr";
import { HIGH_RISK_PORTS } from "../../lib/ports";
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
import { createAllTrafficFlowLog } from "./flowLog";
import { assertZonesInRegion, checkZoneIds } from "./zones";

export interface HardenedVpcArgs {
  /** IPv4 CIDR of the VPC. Default "10.0.0.0/16" (private space: nothing here is routable from the internet). */
  cidrBlock?: string;
  /**
   * Zones to spread vSwitches over. Default: the first `zoneCount` zones that can create vSwitches, read with
   * `alicloud.getZonesOutput` — two zones keep one zone's failure from taking the estate down.
   */
  zones?: string[];
  /** Number of zones when `zones` is not given. Default 2. */
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

/** Blocks a VPC cannot use: Alibaba Cloud's service range, multicast, loopback and link-local. */
const RESERVED_VPC_CIDRS = ["100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16"];

function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return !!x && !!y && x.family === y.family && x.first <= y.last && y.first <= x.last;
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

export class HardenedVpc extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly cidrBlock: string;
  public readonly publicVswitchIds: pulumi.Output<string>[];
  public readonly privateVswitchIds: pulumi.Output<string>[];
  public readonly publicCidrs: string[];
  public readonly privateCidrs: string[];
  public readonly zoneIds: pulumi.Output<string>[];
  public readonly networkAclId: pulumi.Output<string>;
  public readonly natGatewayId?: pulumi.Output<string>;
  public readonly natPublicIp?: pulumi.Output<string>;
  public readonly flowLogId: pulumi.Output<string>;
  public readonly flowLogProjectName: pulumi.Output<string>;
  public readonly flowLogStoreName: pulumi.Output<string>;

  constructor(name: string, given: HardenedVpcArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Validate everything before the first child exists.
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
    problems.check(
      !RESERVED_VPC_CIDRS.some((reserved) => cidrsOverlap(reserved, cidrBlock)),
      "cidrBlock",
      cidrBlock,
      `private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or any block outside ${RESERVED_VPC_CIDRS.join(", ")}`,
      'Alibaba Cloud reserves those blocks: use e.g. "10.20.0.0/16"',
    );
    // [] means no SSH from the internet; anything else, a list or not, goes through the admin-source checks.
    if (!Array.isArray(adminSourceCidrs) || adminSourceCidrs.length > 0) {
      problems.addAll(checkAdminSourceCidrs("adminSourceCidrs", adminSourceCidrs));
      if (Array.isArray(adminSourceCidrs) && enableIpv6 !== true) {
        adminSourceCidrs.forEach((cidr, i) =>
          problems.check(
            parseCidr(cidr)?.family !== "ipv6",
            `adminSourceCidrs[${i}]`,
            cidr,
            "IPv4 sources while the VPC has no IPv6 (enableIpv6 is not true)",
            "set enableIpv6: true, or list the IPv4 egress range instead",
          ),
        );
      }
    }
    if (
      problems.check(
        Array.isArray(publicTcpPorts),
        "publicTcpPorts",
        publicTcpPorts,
        "a list of TCP ports",
        "pass e.g. [80, 443], or [] to serve nothing",
      )
    ) {
      publicTcpPorts.forEach((port, i) =>
        problems.check(
          Number.isInteger(port) && port >= 1 && port <= 65535 && !HIGH_RISK_PORTS.includes(port),
          `publicTcpPorts[${i}]`,
          port,
          "a TCP port 1-65535 other than administration, database and other high-risk ports " +
            `(${HIGH_RISK_PORTS.join(", ")})`,
          "serve administration through the bastion (adminSourceCidrs) and keep databases private; " +
            "publish web services on 80/443",
        ),
      );
      problems.distinct("publicTcpPorts", publicTcpPorts);
    }
    const aclQuota = checkRuleQuotaArgument(problems, args.naclRuleQuota, ALICLOUD_ACL_RULE_QUOTA);
    // Lists of the wrong shape are reported above; without them there are no entries to count.
    if (
      Array.isArray(adminSourceCidrs) &&
      adminSourceCidrs.every((c) => typeof c === "string") &&
      Array.isArray(publicTcpPorts)
    ) {
      problems.addAll(
        publicTierAclQuotaProblems(
          { adminSourceCidrs, vpcCidr: cidrBlock, publicTcpPorts, ipv6: enableIpv6 === true },
          aclQuota,
        ),
      );
    }
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
    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    // Transformations, the component's own and inherited ones, may tag the evidence stores, never unprotect them.
    super("hardening:alicloud:HardenedVpc", name, {}, guardEvidence(`HardenedVpc "${name}"`, opts));
    guardInheritedTransformations(`HardenedVpc "${name}"`, this);
    warnIfWeaker(
      this,
      `HardenedVpc "${name}"`,
      "flowLogRetentionDays",
      retentionDays,
      DEFAULT_LOG_RETENTION_DAYS,
      "lower",
      "an intrusion found later than that has no traffic record",
    );
    const raisedQuota = raisedQuotaWarning(aclQuota, ALICLOUD_ACL_RULE_QUOTA);
    if (raisedQuota) pulumi.log.warn(`HardenedVpc "${name}": ${raisedQuota}`, this);

    const tags = { ...(args.tags ?? {}), "hardening:component": "HardenedVpc" };
    const parent = { parent: this };

    this.cidrBlock = cidrBlock;
    // Zones are only known once the invoke answers: check the count (or the listed zones) there.
    const explicitZones = args.zones;
    const zones = alicloud.getZonesOutput({ availableResourceCreation: "VSwitch" }, parent).apply((r) => {
      const ids = (r.zones ?? []).map((z) => z.id);
      if (explicitZones) {
        assertZonesInRegion(`HardenedVpc "${name}"`, "zones", explicitZones, ids);
        return explicitZones;
      }
      if (ids.length < zoneCount) {
        throw new ValidationError(`HardenedVpc "${name}"`, [
          {
            argument: "zoneCount",
            value: zoneCount,
            allowed: `at most the ${ids.length} zone(s) that can create vSwitches here (${ids.join(", ")})`,
            fix: "lower zoneCount or pass zones explicitly",
          },
        ]);
      }
      return ids.slice(0, zoneCount);
    });
    this.zoneIds = Array.from({ length: zoneCount }, (_, i) => zones.apply((z) => z[i]));
    // Every child waits on that check through its tags or the flow-log project's name (each has one, or an input
    // from a child that has): with `pulumi up --skip-preview` a zone the region does not offer fails before the
    // first resource is created, not at the vSwitches after the VPC, the EIP and the retained log project and store.
    const afterZoneCheck = <T>(value: pulumi.Input<T>) => pulumi.all([value, zones]).apply(([v]) => v);
    const checkedTags = afterZoneCheck(tags);

    const vpc = new alicloud.vpc.Network(
      `${name}-vpc`,
      { vpcName: name, cidrBlock, enableIpv6, description: `Hardened VPC ${name}`, tags: checkedTags },
      parent,
    );
    this.vpcId = vpc.id;

    const vswitch = (tier: "public" | "private") =>
      plan
        .filter((p) => p.tier === tier)
        .map(
          (p) =>
            new alicloud.vpc.Switch(
              `${name}-${tier}-${p.zoneIndex}`,
              {
                vpcId: vpc.id,
                cidrBlock: p.cidrBlock,
                zoneId: this.zoneIds[p.zoneIndex],
                vswitchName: `${name}-${tier}-${p.zoneIndex}`,
                description: tier === "public" ? "Internet edge: NAT, load balancers, bastion" : "No public addresses",
                tags: checkedTags.apply((t) => ({ ...t, "hardening:tier": tier })),
              },
              parent,
            ),
        );
    const publicSwitches = vswitch("public");
    const privateSwitches = vswitch("private");
    this.publicVswitchIds = publicSwitches.map((s) => s.id);
    this.privateVswitchIds = privateSwitches.map((s) => s.id);
    this.publicCidrs = plan.filter((p) => p.tier === "public").map((p) => p.cidrBlock);
    this.privateCidrs = plan.filter((p) => p.tier === "private").map((p) => p.cidrBlock);

    const acl = new alicloud.vpc.NetworkAcl(
      `${name}-public-acl`,
      {
        vpcId: vpc.id,
        networkAclName: `${name}-public`,
        description: "Drops SSH/RDP from the internet ahead of any allow; drops anything not listed",
        ingressAclEntries: publicTierIngressEntries({
          adminSourceCidrs,
          vpcCidr: cidrBlock,
          publicTcpPorts,
          ipv6: enableIpv6,
        }),
        egressAclEntries: publicTierEgressEntries({ ipv6: enableIpv6 }),
        resources: publicSwitches.map((s) => ({ resourceId: s.id, resourceType: "VSwitch" })),
        tags: checkedTags,
      },
      parent,
    );
    this.networkAclId = acl.id;

    if (args.natGateway ?? true) {
      const nat = new alicloud.vpc.NatGateway(
        `${name}-nat`,
        {
          vpcId: vpc.id,
          vswitchId: publicSwitches[0].id,
          natGatewayName: `${name}-nat`,
          natType: "Enhanced",
          networkType: "internet",
          paymentType: "PayAsYouGo",
          internetChargeType: "PayByLcu",
          eipBindMode: "NAT",
          description: "Outbound only: SNAT for private vSwitches, no DNAT entries",
          tags: checkedTags,
        },
        parent,
      );
      const eip = new alicloud.ecs.EipAddress(
        `${name}-nat-eip`,
        {
          addressName: `${name}-nat`,
          paymentType: "PayAsYouGo",
          internetChargeType: "PayByTraffic",
          bandwidth: "100",
          description: "SNAT address of the NAT gateway",
          tags: checkedTags,
        },
        parent,
      );
      const association = new alicloud.ecs.EipAssociation(
        `${name}-nat-eip-association`,
        { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" },
        parent,
      );
      const snatTableId = nat.snatTableIds.apply((ids) => ids.split(",")[0]);
      privateSwitches.forEach(
        (s, i) =>
          new alicloud.vpc.SnatEntry(
            `${name}-snat-${i}`,
            {
              snatTableId,
              sourceVswitchId: s.id,
              snatIp: eip.ipAddress,
              snatEntryName: `${name}-private-${i}`,
            },
            { parent: this, dependsOn: [association] },
          ),
      );
      this.natGatewayId = nat.id;
      this.natPublicIp = eip.ipAddress;
    }

    const { project, store, flowLog } = createAllTrafficFlowLog(this, name, {
      resourceType: "VPC",
      resourceId: vpc.id,
      projectName: afterZoneCheck(projectName),
      logstoreName: storeName,
      retentionDays,
      sinkDescription: `Flow logs of VPC ${name}`,
      description: "All accepted and dropped traffic of the VPC",
      tags,
      // An IPv6 VPC's attacks may arrive over IPv6: record both families.
      ...(enableIpv6 ? { ipVersion: "DualStack" as const } : {}),
    });
    this.flowLogId = flowLog.id;
    this.flowLogProjectName = project.projectName;
    this.flowLogStoreName = store.logstoreName;

    this.registerOutputs({
      vpcId: this.vpcId,
      publicVswitchIds: this.publicVswitchIds,
      privateVswitchIds: this.privateVswitchIds,
      networkAclId: this.networkAclId,
      natGatewayId: this.natGatewayId,
      flowLogId: this.flowLogId,
    });
  }
}
