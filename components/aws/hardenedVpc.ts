// A VPC where nothing is reachable by accident: no auto public IPs, a rule-less default SG and NACL, SSH/RDP denied
// from the internet at the subnet edge, flow logs kept a year, and private hosts reaching SSM/S3 without the internet.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planSubnets, SubnetPlan } from "../plan/cidr";
import { DEFAULT_LOG_RETENTION_DAYS, shortenedRetentionWarning } from "../plan/retention";
import { guardEvidence, guardInheritedTransformations } from "./evidenceGuard";
import { AwsContext, awsContext } from "./context";
import { answeredInvoke } from "../invokeAnswer";
import {
  DEFAULT_TIERS,
  HARDENED_VPC_TAGS,
  HardenedVpcArgs,
  pickZones,
  SubnetTierType,
  TIER_TAG,
  validateHardenedVpcArgs,
} from "./hardenedVpcArgs";
import { checkCallerTagsOnceKnown } from "./callerTagCheck";
import { raisedQuotaWarning } from "../plan/aclQuota";
import { AWS_NACL_RULE_QUOTA } from "./naclQuota";
import { NaclRule, planNacls } from "./naclRules";
import { createVpcEndpoints } from "./vpcEndpoints";
import { createVpcFlowLogs } from "./vpcFlowLogs";
import { ChildGate } from "../childGate";

export * from "./hardenedVpcArgs";
export { SSM_ENDPOINT_SERVICES } from "./vpcEndpoints";

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
    validateHardenedVpcArgs(args, name);
    // Transformations passed here may tag the evidence stores, never unprotect them.
    const gate = new ChildGate();
    super("hardening:aws:HardenedVpc", name, {}, gate.options(guardEvidence(`HardenedVpc ${name}`, opts)));
    guardInheritedTransformations(`HardenedVpc ${name}`, this);

    const cidrBlock = args.cidrBlock ?? "10.0.0.0/16";
    const azCount = args.azCount ?? 3;
    const tiers = args.tiers ?? DEFAULT_TIERS;
    const nat = args.natGateways ?? "per-az";
    const parent = { parent: this };
    this.cidrBlock = cidrBlock;

    // Zone names are only known from the provider. Only Availability Zones proper: an opted-in Local or Wavelength
    // Zone ("us-west-2-lax-1a" sorts before "us-west-2a") lacks NAT gateways and interface endpoints.
    // Unknown through an unconfigured provider (../invokeAnswer.ts): the count is then checked at deployment.
    const zones = answeredInvoke(
      `HardenedVpc ${name}`,
      "getAvailabilityZones",
      ["names"],
      aws.getAvailabilityZonesOutput(
        { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
        parent,
      ),
    );
    this.azNames = zones.names.apply((names) => pickZones(name, names, azCount));
    // Every child waits on the zone check (the gate adds it to each child's dependsOn): with `pulumi up
    // --skip-preview` a region with too few zones fails before the first resource is created, not at the subnets
    // after the VPC and the retained flow-log key and group. Only the subnets' zones come from the answer: the tags
    // stay known at preview, where the policy pack reads the tier and evidence tags.
    // Tags given as an Output, or holding one, are checked once known: the children wait for that check too, so a tag
    // IAM or CloudWatch Logs refuses creates nothing.
    const tagsChecked = checkCallerTagsOnceKnown(`HardenedVpc ${name}`, args.tags, HARDENED_VPC_TAGS);
    gate.waitFor(tagsChecked ? pulumi.all([this.azNames, tagsChecked]) : this.azNames);
    const tags = pulumi.output(args.tags ?? {});
    const nameTags = (suffix: string) => tags.apply((t) => ({ ...t, Name: `${name}-${suffix}` }));
    const context: AwsContext = awsContext(`HardenedVpc ${name}`, this, opts?.provider);
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
          tags: tags.apply((t) => ({ ...t, Name: `${name}-${tier}-${plan.zoneIndex}`, [TIER_TAG]: tier })),
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
    // The same plan the arguments were checked against for the rule quota.
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
    const naclPlans = planNacls({
      vpcCidr: cidrBlock,
      tiers: [...subnetsByTier.keys()],
      natEgress: natGateways.length > 0,
      adminSources: args.adminIngressCidrs ?? [],
    });
    for (const plan of naclPlans) nacl(plan.tier, subnetsByTier.get(plan.tier) ?? [], plan);

    // Flow logs: every accepted and rejected flow, to a KMS-encrypted log group kept at least 180 days.
    this.flowLogGroupName = createVpcFlowLogs(
      name,
      { vpcId, retentionInDays: args.flowLogRetentionDays, context, tags, flowLogTags: nameTags("flow-log") },
      this,
    );

    // Endpoints: SSM reachable on 443 from inside the VPC only; S3 through the route tables.
    this.endpointSecurityGroupId = createVpcEndpoints(
      name,
      {
        vpcId,
        cidrBlock,
        endpointSubnets: privateSubnets.length > 0 ? privateSubnets : isolatedSubnets,
        routeTables,
        ssmEndpoints: args.ssmEndpoints ?? true,
        context,
        nameTags,
      },
      this,
    );
    if (args.ssmEndpoints === false) {
      pulumi.log.warn(
        `HardenedVpc ${name}: ssmEndpoints is false; private hosts reach Systems Manager only through NAT, isolated hosts not at all`,
        this,
      );
    }
    if (nat === "single") {
      pulumi.log.warn(
        `HardenedVpc ${name}: natGateways is "single"; losing its zone cuts every private subnet off from the internet`,
        this,
      );
    }
    const shortened = shortenedRetentionWarning(
      "flowLogRetentionDays",
      args.flowLogRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
      DEFAULT_LOG_RETENTION_DAYS,
    );
    if (shortened) pulumi.log.warn(`HardenedVpc ${name}: ${shortened}`, this);
    const raisedQuota = raisedQuotaWarning(args.naclRuleQuota ?? AWS_NACL_RULE_QUOTA.defaultRules, AWS_NACL_RULE_QUOTA);
    if (raisedQuota) pulumi.log.warn(`HardenedVpc ${name}: ${raisedQuota}`, this);

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
