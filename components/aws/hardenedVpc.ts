// A VPC where nothing is reachable by accident: no auto public IPs, a rule-less default SG and NACL, SSH/RDP denied
// from the internet at the subnet edge, flow logs kept a year, and private hosts reaching SSM/S3 without the internet.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkAdminSources } from "../plan/adminSources";
import { planSubnets, SubnetPlan, checkPlanOptions } from "../plan/cidr";
import { checkLogRetention, DEFAULT_LOG_RETENTION_DAYS } from "../plan/retention";
import { Problems, ValidationError } from "../validation";
import { awsContext } from "./context";
import { logsServiceStatement, createServiceKey } from "./kmsKey";
import { createEvidenceLogGroup } from "./evidenceLogGroup";
import { policyDocument, serviceTrustPolicy } from "./iam";
import {
  ADMIN_ALLOW_FIRST_RULE,
  ADMIN_DENY_FIRST_RULE,
  isolatedNaclRules,
  MAX_ADMIN_SOURCES,
  NaclRule,
  privateNaclRules,
  publicNaclRules,
} from "./naclRules";

export type SubnetTierType = "public" | "private" | "isolated";
export type NatGatewayStrategy = "per-az" | "single" | "none";

export interface SubnetTierArgs {
  type: SubnetTierType;
  /** Prefix length of each subnet of the tier (one per AZ). */
  prefix: number;
}

export interface HardenedVpcArgs {
  /** IPv4 CIDR of the VPC. Plain value: it decides the subnet plan. Default "10.0.0.0/16". */
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
   * Default none: SSH from outside is refused at the subnet edge, use SSM Session Manager.
   */
  adminIngressCidrs?: string[];
  /** Flow-log retention in CloudWatch Logs, at least 180 days. Default 365. */
  flowLogRetentionDays?: number;
  /** Interface endpoints for SSM, ssmmessages and ec2messages. Default true: private hosts managed without internet. */
  ssmEndpoints?: boolean;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const TIER_TYPES: readonly SubnetTierType[] = ["public", "private", "isolated"];
const DEFAULT_TIERS: SubnetTierArgs[] = [
  { type: "public", prefix: 24 },
  { type: "private", prefix: 20 },
  { type: "isolated", prefix: 24 },
];
const NAT_STRATEGIES: readonly NatGatewayStrategy[] = ["per-az", "single", "none"];
export const SSM_ENDPOINT_SERVICES = ["ssm", "ssmmessages", "ec2messages"] as const;

function validate(args: HardenedVpcArgs): void {
  const problems = new Problems("HardenedVpc");
  const azCount = args.azCount ?? 3;
  problems.check(azCount === 2 || azCount === 3, "azCount", azCount, "2 or 3", "omit azCount for 3 zones, or set 2");
  const tiers = args.tiers ?? DEFAULT_TIERS;
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
      zones: Array.from({ length: Math.max(azCount, 1) }, (_, i) => `az${i}`),
      tiers: tiers.map((t) => ({ name: t.type, prefix: t.prefix })),
    })
      // Tier names come from tier types, whose duplicates are reported above.
      .filter((p) => !/^tiers\[\d+\]\.name$/.test(p.argument))
      .map((p) => ({ ...p, argument: p.argument === "vpcCidr" ? "cidrBlock" : p.argument })),
  );
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
  problems.check(
    (args.adminIngressCidrs ?? []).length <= MAX_ADMIN_SOURCES,
    "adminIngressCidrs",
    args.adminIngressCidrs,
    `at most ${MAX_ADMIN_SOURCES} entries (NACL rules ${ADMIN_ALLOW_FIRST_RULE}-${ADMIN_DENY_FIRST_RULE - 1})`,
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

export class HardenedVpc extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly vpcId: pulumi.Output<string>;
  /** The VPC CIDR, plain: usable in rules without an apply. */
  readonly cidrBlock: string;
  readonly azNames: pulumi.Output<string[]>;
  readonly subnetPlan: SubnetPlan[];
  /** Subnet resources per tier, in zone order (pass `.id` of one to place a host so its subnet is known in preview). */
  readonly publicSubnets: aws.ec2.Subnet[];
  readonly privateSubnets: aws.ec2.Subnet[];
  readonly isolatedSubnets: aws.ec2.Subnet[];
  readonly publicSubnetIds: pulumi.Output<string[]>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly isolatedSubnetIds: pulumi.Output<string[]>;
  readonly flowLogGroupName: pulumi.Output<string>;
  readonly endpointSecurityGroupId: pulumi.Output<string | undefined>;

  constructor(name: string, args: HardenedVpcArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Arguments are checked before anything, the component included, is registered.
    validate(args);
    super("hardening:aws:HardenedVpc", name, {}, opts);

    const cidrBlock = args.cidrBlock ?? "10.0.0.0/16";
    const azCount = args.azCount ?? 3;
    const tiers = args.tiers ?? DEFAULT_TIERS;
    const nat = args.natGateways ?? "per-az";
    const tags = pulumi.output(args.tags ?? {});
    const nameTags = (suffix: string) => tags.apply((t) => ({ ...t, Name: `${name}-${suffix}` }));
    const parent = { parent: this };
    this.cidrBlock = cidrBlock;

    // Zone names are only known from the provider: subnets wait on the check that there are enough of them.
    const zones = aws.getAvailabilityZonesOutput({ state: "available" }, parent);
    this.azNames = zones.names.apply((names) => pickZones(name, names, azCount));
    this.subnetPlan = planSubnets({
      vpcCidr: cidrBlock,
      zones: Array.from({ length: azCount }, (_, i) => `az${i}`),
      tiers: tiers.map((t) => ({ name: t.type, prefix: t.prefix })),
    });

    this.vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags: nameTags("vpc") },
      parent,
    );
    this.vpcId = this.vpc.id;
    const vpcId = this.vpc.id;

    // The default SG and NACL are what anything created without thought lands in: both carry no rules at all.
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { vpcId, ingress: [], egress: [], tags: nameTags("default-sg-unused") },
      parent,
    );
    new aws.ec2.DefaultNetworkAcl(
      `${name}-default-nacl`,
      {
        defaultNetworkAclId: this.vpc.defaultNetworkAclId,
        ingress: [],
        egress: [],
        tags: nameTags("default-nacl-deny-all"),
      },
      parent,
    );

    const hasPublic = tiers.some((t) => t.type === "public");
    const igw = hasPublic
      ? new aws.ec2.InternetGateway(`${name}-igw`, { vpcId, tags: nameTags("igw") }, parent)
      : undefined;

    const subnetsByTier = new Map<SubnetTierType, aws.ec2.Subnet[]>();
    for (const plan of this.subnetPlan) {
      const tier = plan.tier as SubnetTierType;
      const subnet = new aws.ec2.Subnet(
        `${name}-${tier}-${plan.zoneIndex}`,
        {
          vpcId,
          cidrBlock: plan.cidrBlock,
          availabilityZone: this.azNames.apply((n) => n[plan.zoneIndex]),
          mapPublicIpOnLaunch: false,
          tags: tags.apply((t) => ({ ...t, Name: `${name}-${tier}-${plan.zoneIndex}`, "hardening:tier": tier })),
        },
        parent,
      );
      subnetsByTier.set(tier, [...(subnetsByTier.get(tier) ?? []), subnet]);
    }
    const publicSubnets = subnetsByTier.get("public") ?? [];
    const privateSubnets = subnetsByTier.get("private") ?? [];
    const isolatedSubnets = subnetsByTier.get("isolated") ?? [];
    this.publicSubnets = publicSubnets;
    this.privateSubnets = privateSubnets;
    this.isolatedSubnets = isolatedSubnets;
    this.publicSubnetIds = pulumi.output(publicSubnets.map((s) => s.id));
    this.privateSubnetIds = pulumi.output(privateSubnets.map((s) => s.id));
    this.isolatedSubnetIds = pulumi.output(isolatedSubnets.map((s) => s.id));

    // Routing: public → IGW; private → NAT (per AZ or the single one); isolated → nowhere.
    const routeTables: aws.ec2.RouteTable[] = [];
    if (igw) {
      const rt = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId, tags: nameTags("public-rt") }, parent);
      new aws.ec2.Route(
        `${name}-public-default`,
        { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
        parent,
      );
      publicSubnets.forEach(
        (s, i) =>
          new aws.ec2.RouteTableAssociation(`${name}-public-rta-${i}`, { routeTableId: rt.id, subnetId: s.id }, parent),
      );
      routeTables.push(rt);
    }
    const natCount = nat === "none" ? 0 : nat === "single" ? 1 : publicSubnets.length;
    const natGateways = Array.from({ length: natCount }, (_, i) => {
      const eip = new aws.ec2.Eip(`${name}-nat-eip-${i}`, { domain: "vpc", tags: nameTags(`nat-eip-${i}`) }, parent);
      return new aws.ec2.NatGateway(
        `${name}-nat-${i}`,
        { allocationId: eip.id, subnetId: publicSubnets[i].id, connectivityType: "public", tags: nameTags(`nat-${i}`) },
        { parent: this, dependsOn: igw ? [igw] : [] },
      );
    });
    const privateRouteTables = privateSubnets.map((s, i) => {
      const rt = new aws.ec2.RouteTable(
        `${name}-private-rt-${i}`,
        { vpcId, tags: nameTags(`private-rt-${i}`) },
        parent,
      );
      if (natGateways.length > 0) {
        new aws.ec2.Route(
          `${name}-private-default-${i}`,
          {
            routeTableId: rt.id,
            destinationCidrBlock: "0.0.0.0/0",
            natGatewayId: natGateways[Math.min(i, natGateways.length - 1)].id,
          },
          parent,
        );
      }
      new aws.ec2.RouteTableAssociation(`${name}-private-rta-${i}`, { routeTableId: rt.id, subnetId: s.id }, parent);
      return rt;
    });
    routeTables.push(...privateRouteTables);
    if (isolatedSubnets.length > 0) {
      const rt = new aws.ec2.RouteTable(`${name}-isolated-rt`, { vpcId, tags: nameTags("isolated-rt") }, parent);
      isolatedSubnets.forEach(
        (s, i) =>
          new aws.ec2.RouteTableAssociation(
            `${name}-isolated-rta-${i}`,
            { routeTableId: rt.id, subnetId: s.id },
            parent,
          ),
      );
      routeTables.push(rt);
    }

    // Subnet-edge filtering: every subnet gets an explicit NACL (the default one denies everything).
    const nacl = (
      tier: SubnetTierType,
      subnets: aws.ec2.Subnet[],
      rules: { ingress: NaclRule[]; egress: NaclRule[] },
    ) => {
      if (subnets.length === 0) return;
      new aws.ec2.NetworkAcl(
        `${name}-${tier}-nacl`,
        {
          vpcId,
          subnetIds: subnets.map((s) => s.id),
          ingress: rules.ingress,
          egress: rules.egress,
          tags: nameTags(`${tier}-nacl`),
        },
        parent,
      );
    };
    nacl("public", publicSubnets, publicNaclRules({ vpcCidr: cidrBlock, adminSources: args.adminIngressCidrs ?? [] }));
    nacl("private", privateSubnets, privateNaclRules({ vpcCidr: cidrBlock, natEgress: natGateways.length > 0 }));
    nacl("isolated", isolatedSubnets, isolatedNaclRules({ vpcCidr: cidrBlock }));

    // Flow logs: every accepted and rejected flow, to a KMS-encrypted log group kept at least 180 days.
    const context = awsContext(this, opts?.provider);
    const logGroupName = `/hardening/${name}/vpc-flow-logs`;
    const key = createServiceKey(
      `${name}-flow-logs-key`,
      {
        description: `${name}: VPC flow logs`,
        context,
        serviceStatements: [logsServiceStatement(context, [logGroupName])],
      },
      parent,
    );
    const logGroup = createEvidenceLogGroup(
      `${name}-flow-logs`,
      { name: logGroupName, retentionInDays: args.flowLogRetentionDays, kmsKeyId: key.arn, tags },
      this,
    );
    const role = new aws.iam.Role(
      `${name}-flow-logs-role`,
      { assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs.amazonaws.com", context.accountId), tags },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-flow-logs-write`,
      {
        role: role.id,
        policy: policyDocument([
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
            Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
          },
        ]),
      },
      parent,
    );
    new aws.ec2.FlowLog(
      `${name}-flow-log`,
      {
        vpcId,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: nameTags("flow-log"),
      },
      parent,
    );
    this.flowLogGroupName = logGroup.name;

    // Endpoints: SSM reachable on 443 from inside the VPC only; S3 through the route tables.
    const endpointSubnets = privateSubnets.length > 0 ? privateSubnets : isolatedSubnets;
    let endpointSg: aws.ec2.SecurityGroup | undefined;
    if ((args.ssmEndpoints ?? true) && endpointSubnets.length > 0) {
      endpointSg = new aws.ec2.SecurityGroup(
        `${name}-endpoints-sg`,
        {
          vpcId,
          description: "Interface endpoints: HTTPS from inside the VPC only",
          ingress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [cidrBlock], description: "HTTPS from the VPC" },
          ],
          egress: [],
          tags: nameTags("endpoints-sg"),
        },
        parent,
      );
      for (const service of SSM_ENDPOINT_SERVICES) {
        new aws.ec2.VpcEndpoint(
          `${name}-${service}-endpoint`,
          {
            vpcId,
            vpcEndpointType: "Interface",
            serviceName: pulumi.interpolate`com.amazonaws.${context.region}.${service}`,
            subnetIds: endpointSubnets.map((s) => s.id),
            securityGroupIds: [endpointSg.id],
            privateDnsEnabled: true,
            tags: nameTags(`${service}-endpoint`),
          },
          parent,
        );
      }
    }
    if (args.ssmEndpoints === false) {
      pulumi.log.warn(
        `HardenedVpc ${name}: ssmEndpoints is false; private hosts reach Systems Manager only through NAT, isolated hosts not at all`,
        this,
      );
    }
    this.endpointSecurityGroupId = endpointSg ? endpointSg.id : pulumi.output(undefined);
    new aws.ec2.VpcEndpoint(
      `${name}-s3-endpoint`,
      {
        vpcId,
        vpcEndpointType: "Gateway",
        serviceName: pulumi.interpolate`com.amazonaws.${context.region}.s3`,
        routeTableIds: routeTables.map((rt) => rt.id),
        tags: nameTags("s3-endpoint"),
      },
      parent,
    );

    this.registerOutputs({
      vpcId: this.vpcId,
      cidrBlock,
      azNames: this.azNames,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      isolatedSubnetIds: this.isolatedSubnetIds,
      flowLogGroupName: this.flowLogGroupName,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
    });
  }
}
