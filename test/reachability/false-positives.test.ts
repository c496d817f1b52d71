// False-positive probes of the three network stack rules: secure stacks careful engineers plan on AWS and Alibaba
// Cloud must pass (or give a note where a value is unknown at preview), each next to the look-alike that must still
// be reported. One row per probe: the mandatory violations and advisory notes the stack must produce.
import { UNKNOWN } from "../../lib/reachability";
import type { GenericResource } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, Vpc, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, ref } from "./stack-builder";
import { Probe, probesWith } from "./stack-probes";
import { tcp } from "./tcp-ingress";

/** Counts mandatory violations and "cannot be verified" notes only; other advisories are not these rules' concern. */
const probes = probesWith({ onlyUnverifiedNotes: true, otherAdvisoriesAllowed: true, failClosed: false });

const OFFICE = "203.0.113.0/24";
const BASTION = { "hardening:role": "bastion", "hardening:allowed-cidrs": OFFICE };

/** An AWS instance carrying one group with `ingress`, in the public subnet with an EIP unless `subnet` says. */
function awsHost(ingress: Record<string, unknown>[], subnet: "public" | "private" = "public") {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress });
  const web = b.add(T.instance, "web", {
    subnetId: ref(subnet === "public" ? v.publicSubnet : v.privateSubnet),
    vpcSecurityGroupIds: [ref(sg)],
    associatePublicIpAddress: true,
  });
  return { b, v, sg, web };
}

/**
 * An ECS instance with public bandwidth whose group holds `rules`; `extra` adds resources before the instance
 * (aliPublic adds them after it, so the stacks' resource order would differ).
 */
function aliHost(
  rules: Record<string, Record<string, unknown>>,
  extra: (b: StackBuilder, n: ReturnType<typeof aliNetwork>) => void = () => {},
) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  for (const [name, inputs] of Object.entries(rules)) rule(b, n.sg, name, inputs);
  extra(b, n);
  b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], internetMaxBandwidthOut: 10 });
  return b;
}

const drop22 = { ipProtocol: "all", portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop" };

/** A network ACL dropping 22 from anywhere, then accepting everything, bound to the host's vSwitch or another. */
function aliAclDropping22(b: StackBuilder, n: ReturnType<typeof aliNetwork>, onHostVswitch: boolean) {
  const other = b.add(A.vswitch, "other", { vpcId: ref(n.vpc), cidrBlock: "172.16.1.0/24", zoneId: "cn-hangzhou-h" });
  const acl = b.add(A.acl, "acl", {
    vpcId: ref(n.vpc),
    ingressAclEntries: [
      { policy: "drop", protocol: "all", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
      { policy: "accept", protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" },
    ],
  });
  b.add("alicloud:vpc/vpcNetworkAclAttachment:VpcNetworkAclAttachment", "acl", {
    networkAclId: ref(acl),
    resourceId: ref(onHostVswitch ? n.vswitch : other),
    resourceType: "VSwitch",
  });
}

/** An AWS NLB listener forwarding TCP `port` to a host in the private subnet through a target group. */
function behindNlb(
  ingress: Record<string, unknown>[],
  o: { port?: number; tg?: Record<string, unknown>; lb?: Record<string, unknown>; tags?: Record<string, string> } = {},
) {
  const b = new StackBuilder();
  const v: Vpc = vpcWithSubnets(b, { ipv6: true });
  const port = o.port ?? 22;
  const sg = b.add(T.sg, "host", { vpcId: ref(v.vpc), ingress });
  const host = b.add(T.instance, "host", {
    subnetId: ref(v.privateSubnet),
    vpcSecurityGroupIds: [ref(sg)],
    tags: o.tags ?? {},
  });
  const nlb = b.add(T.lb, "nlb", { loadBalancerType: "network", subnets: [ref(v.publicSubnet)], ...o.lb });
  const tg = b.add(T.tg, "tg", { port, protocol: "TCP", vpcId: ref(v.vpc), ...o.tg });
  b.add(T.tga, "host", { targetGroupArn: ref(tg), targetId: ref(host) });
  b.add(T.listener, "l", {
    loadBalancerArn: ref(nlb),
    port,
    protocol: "TCP",
    defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
  });
  return b;
}

/** An internet ALB on 443 in front of a private host whose group admits 443 from the ALB and `more`. */
function behindAlb(more: Record<string, unknown>[], targetPort = 443) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const albSg = b.add(T.sg, "alb", { vpcId: ref(v.vpc), ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })] });
  const appSg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress: more });
  b.add(T.ingress, "app-from-alb", {
    securityGroupId: ref(appSg),
    ipProtocol: "tcp",
    fromPort: targetPort,
    toPort: targetPort,
    referencedSecurityGroupId: ref(albSg),
  });
  const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
  const alb = b.add(T.lb, "alb", { subnets: [ref(v.publicSubnet)], securityGroups: [ref(albSg)] });
  const tg = b.add(T.tg, "tg", { port: targetPort, protocol: "HTTPS", vpcId: ref(v.vpc) });
  b.add(T.tga, "app", { targetGroupArn: ref(tg), targetId: ref(app) });
  b.add(T.listener, "https", {
    loadBalancerArn: ref(alb),
    port: 443,
    protocol: "HTTPS",
    defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
  });
  return b;
}

const vpcSsh = tcp(22, { cidrBlocks: ["10.0.0.0/16"] });
const officeSsh = tcp(22, { cidrBlocks: [OFFICE] });

const adminProbes: Probe[] = [
  // AWS: an NLB that hands IPv4 clients' own addresses to its targets (instance targets by default).
  {
    name: "good: NLB (instance targets keep client IPs) on 22 to a host admitting 22 from the VPC only",
    build: () => behindNlb([vpcSsh]),
    violations: 0,
  },
  {
    name: "bad: the same NLB with client IP preservation off: every client arrives from the VPC",
    build: () => behindNlb([vpcSsh], { tg: { preserveClientIp: "false" } }),
    violations: 1,
  },
  {
    name: "bad: the same NLB with IP targets over TCP (no preservation by default)",
    build: () => behindNlb([vpcSsh], { tg: { targetType: "ip" } }),
    violations: 1,
  },
  {
    name: "bad: the same NLB with client IP preservation unknown at preview",
    build: () => behindNlb([vpcSsh], { tg: { preserveClientIp: UNKNOWN } }),
    violations: 1,
  },
  {
    name: "bad: the same NLB dual-stack: IPv6 clients reach IPv4 targets from the NLB's address",
    build: () => behindNlb([vpcSsh], { lb: { ipAddressType: "dualstack" } }),
    violations: 1,
  },
  {
    name: "good: bastion behind an NLB admitting its office and the VPC (health checks)",
    build: () => behindNlb([officeSsh, vpcSsh], { tags: BASTION }),
    violations: 0,
  },
  {
    name: "bad: the same bastion with client IP preservation off (everyone arrives from the VPC)",
    build: () => behindNlb([officeSsh, vpcSsh], { tags: BASTION, tg: { preserveClientIp: "false" } }),
    violations: 1,
  },
  {
    name: "bad: NLB keeping client IPs to a host admitting 22 from anywhere",
    build: () => behindNlb([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]),
    violations: 1,
  },
  {
    name: "bad: an NLB listener on 22 whose target group has no target in the stack stays a row of its own",
    build: () => {
      const b = behindNlb([vpcSsh]);
      b.resources.splice(
        b.resources.findIndex((r) => r.type === T.tga),
        1,
      );
      return b;
    },
    violations: 1,
  },
  {
    name: "bad: an NLB TLS listener on 22 answers on the balancer itself",
    build: () => {
      const b = behindNlb([vpcSsh]);
      Object.assign(b.resources.find((r) => r.type === T.listener)!.inputs, { protocol: "TLS" });
      return b;
    },
    violations: 1,
  },
  // Load balancers that forward only 443.
  {
    name: "good: ALB on 443 in front of a host admitting 22 and everything from the VPC",
    build: () => behindAlb([vpcSsh, { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }]),
    violations: 0,
  },
  // An ALB carries only HTTP: its target group on 22 publishes no SSH login. WinRM speaks HTTP, so 5985 does.
  {
    name: "good: an ALB forwarding 443 to port 22 of that host",
    build: () => behindAlb([], 22),
    violations: 0,
  },
  {
    name: "bad: an ALB forwarding 443 to port 5985 (WinRM) of that host",
    build: () => behindAlb([], 5985),
    violations: 1,
  },
  // Public addresses without a route, or rules without a public family.
  {
    name: "good: SSH from anywhere on a host with a public IP in a subnet routed only to a NAT gateway",
    build: () => awsHost([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })], "private").b,
    violations: 0,
  },
  {
    name: "bad: the same host in the subnet routed to the internet gateway",
    build: () => awsHost([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]).b,
    violations: 1,
  },
  {
    name: "good: SSH from ::/0 on a host with no IPv6 address",
    build: () => awsHost([tcp(22, { ipv6CidrBlocks: ["::/0"] })]).b,
    violations: 0,
  },
  {
    name: "good: public host admitting 22 from RFC 1918, 100.64.0.0/10 and IPv6 ULA only",
    build: () =>
      awsHost([tcp(22, { cidrBlocks: ["10.0.0.0/8", "172.16.0.0/12", "100.64.0.0/10"], ipv6CidrBlocks: ["fd00::/8"] })])
        .b,
    violations: 0,
  },
  // Ports unknown at preview (a port read from another resource's output).
  {
    name: "note: public host whose only rule from anywhere has ports unknown at preview",
    build: () =>
      awsHost([
        tcp(443, { cidrBlocks: ["0.0.0.0/0"] }),
        { ...tcp(0, {}), fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] },
      ]).b,
    violations: 0,
    notes: 5,
  },
  {
    name: "bad: the same host with a known rule admitting 22 from anywhere besides",
    build: () =>
      awsHost([
        tcp(22, { cidrBlocks: ["0.0.0.0/0"] }),
        { ...tcp(0, {}), fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] },
      ]).b,
    violations: 1,
    notes: 5,
  },
  {
    name: "note: Alibaba Cloud rule from anywhere whose port range is unknown at preview",
    build: () => aliHost({ app: { portRange: UNKNOWN, cidrIp: "0.0.0.0/0" } }),
    violations: 0,
    notes: 5,
  },
  // AWS NACL entries in separate resources: a deny with a lower number hides the allow.
  {
    name: "good: NetworkAclRule deny of 22 at 90 ahead of allow-all at 100",
    build: () => awsNacl([90, "deny", "0.0.0.0/0", 22, 22], [100, "allow", "0.0.0.0/0", 0, 0]),
    violations: 0,
  },
  {
    name: "bad: the same deny numbered after the allow",
    build: () => awsNacl([110, "deny", "0.0.0.0/0", 22, 22], [100, "allow", "0.0.0.0/0", 0, 0]),
    violations: 1,
  },
  {
    name: "good: NACL deny of 22 from 47.0.0.0/8 hides a later allow from 47.96.0.0/12 whole",
    build: () => awsNacl([90, "deny", "47.0.0.0/8", 22, 22], [100, "allow", "47.96.0.0/12", 22, 22]),
    violations: 0,
  },
  {
    name: "good: NACL denies of 47.96.0.0/13 and 47.104.0.0/13 together hide a later allow from 47.96.0.0/12",
    build: () =>
      awsNacl(
        [90, "deny", "47.96.0.0/13", 22, 22],
        [91, "deny", "47.104.0.0/13", 22, 22],
        [100, "allow", "47.96.0.0/12", 22, 22],
      ),
    violations: 0,
  },
  {
    name: "bad: the same deny ahead of an allow from 46.0.0.0/7, which it covers only in part",
    build: () => awsNacl([90, "deny", "47.0.0.0/8", 22, 22], [100, "allow", "46.0.0.0/7", 22, 22]),
    violations: 1,
  },
  // Alibaba Cloud drops in other rule resources and other groups.
  {
    name: "good: Alibaba Cloud drop of 22 (priority 1) in another rule resource hides an accept (priority 2)",
    build: () =>
      aliHost({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 2 }, drop: { ...drop22, priority: 1 } }),
    violations: 0,
  },
  {
    name: "good: Alibaba Cloud drop and accept of 22 at the same priority (the drop wins)",
    build: () =>
      aliHost({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 5 }, drop: { ...drop22, priority: 5 } }),
    violations: 0,
  },
  {
    name: "bad: the drop at a lower priority (higher number) than the accept",
    build: () =>
      aliHost({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 2 }, drop: { ...drop22, priority: 3 } }),
    violations: 1,
  },
  {
    name: "good: Alibaba Cloud drop of 22 in a second group of the same instance",
    build: () => aliTwoGroups(true),
    violations: 0,
  },
  {
    name: "bad: the same drop in a group the instance does not join",
    build: () => aliTwoGroups(false),
    violations: 1,
  },
  // Alibaba Cloud network ACLs bound by the current attachment resource.
  {
    name: "good: vSwitch ACL bound by VpcNetworkAclAttachment drops 22 ahead of accept-all",
    build: () => aliHost({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } }, (b, n) => aliAclDropping22(b, n, true)),
    violations: 0,
  },
  {
    name: "bad: the same ACL bound to another vSwitch",
    build: () => aliHost({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } }, (b, n) => aliAclDropping22(b, n, false)),
    violations: 1,
  },
];

/** A public host admitting 22 from anywhere, in a subnet whose ACL holds `entries` as NetworkAclRule resources. */
function awsNacl(...entries: [number, string, string, number, number][]) {
  const { b, v } = awsHost([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]);
  const nacl = b.add(T.nacl, "public", { vpcId: ref(v.vpc), subnetIds: [ref(v.publicSubnet)] });
  for (const [ruleNumber, ruleAction, cidrBlock, fromPort, toPort] of entries)
    b.add(T.naclRule, `rule-${ruleNumber}`, {
      networkAclId: ref(nacl),
      ruleNumber,
      egress: false,
      protocol: fromPort === 0 && toPort === 0 ? "-1" : "tcp",
      ruleAction,
      cidrBlock,
      fromPort,
      toPort,
    });
  return b;
}

function aliTwoGroups(joined: boolean) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  const guard = b.add(A.sg, "guard", { vpcId: ref(n.vpc) });
  rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 1 });
  rule(b, guard, "drop", { ...drop22, priority: 1 });
  const groups = joined ? [ref(n.sg), ref(guard)] : [ref(n.sg)];
  b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: groups, internetMaxBandwidthOut: 10 });
  return b;
}

describe("false positives: disallow-internet-admin-ports-except-bastions", () => {
  probes(disallowInternetAdminPortsExceptBastions, adminProbes);
});

/** An Alibaba Cloud RDS instance with a public connection and the given whitelist. */
function aliRds(securityIps: unknown[]) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  const db = b.add(A.rds, "db", { engine: "MySQL", vswitchId: ref(n.vswitch), securityIps });
  b.add(A.rdsConnection, "public", { instanceId: ref(db), connectionPrefix: "db" });
  return b;
}

/** An AWS RDS instance in the given subnet with one group admitting 5432 from `sources`. */
function awsRds(publiclyAccessible: boolean, subnet: "public" | "private", sources: Record<string, unknown>) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const app = b.add(T.sg, "app", { vpcId: ref(v.vpc) });
  const dbSg = b.add(T.sg, "db", { vpcId: ref(v.vpc) });
  b.add(T.sgRule, "pg", {
    type: "ingress",
    securityGroupId: ref(dbSg),
    protocol: "tcp",
    fromPort: 5432,
    toPort: 5432,
    ...sources,
    ...(sources.sourceSecurityGroupId === "app" ? { sourceSecurityGroupId: ref(app) } : {}),
  });
  const subnets = b.add(T.rdsSubnets, "db", {
    subnetIds: [ref(subnet === "public" ? v.publicSubnet : v.privateSubnet)],
  });
  b.add(T.rds, "pg", {
    engine: "postgres",
    dbSubnetGroupName: ref(subnets),
    vpcSecurityGroupIds: [ref(dbSg)],
    publiclyAccessible,
  });
  return b;
}

describe("false positives: disallow-internet-database-and-high-risk-ports", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "good: RDS with a public connection whose whitelist holds private ranges only",
      build: () => aliRds(["172.16.0.0/16,100.64.0.0/10", "127.0.0.1"]),
      violations: 0,
    },
    {
      name: "bad: the same RDS whitelisting 0.0.0.0/0",
      build: () => aliRds(["172.16.0.0/16", "0.0.0.0/0"]),
      violations: 1,
    },
    {
      name: "note: the same RDS whose whitelist entry is unknown at preview (a vSwitch's CIDR)",
      build: () => aliRds([UNKNOWN]),
      violations: 0,
      notes: 1,
    },
    {
      name: "bad: a known open entry beside an unknown one is still a violation",
      build: () => aliRds(["0.0.0.0/0", UNKNOWN]),
      violations: 1,
      notes: 1,
    },
    {
      name: "good: RDS with a whitelist of 0.0.0.0/0 but no public connection",
      build: () => {
        const b = new StackBuilder();
        const n = aliNetwork(b);
        b.add(A.rds, "db", { engine: "MySQL", vswitchId: ref(n.vswitch), securityIps: ["0.0.0.0/0"] });
        return b;
      },
      violations: 0,
    },
    {
      name: "good: AWS RDS publiclyAccessible in private subnets, admitting the app's group only",
      build: () => awsRds(true, "private", { sourceSecurityGroupId: "app" }),
      violations: 0,
    },
    {
      name: "good: AWS RDS not publicly accessible in public subnets admitting anywhere",
      build: () => awsRds(false, "public", { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 0,
    },
    {
      name: "bad: AWS RDS publicly accessible in public subnets admitting anywhere",
      build: () => awsRds(true, "public", { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
    },
    {
      name: "good: NLB keeping client IPs on 3306 to a host admitting MySQL from the VPC only",
      build: () => behindNlb([tcp(3306, { cidrBlocks: ["10.0.0.0/16"] })], { port: 3306 }),
      violations: 0,
    },
    {
      name: "bad: the same NLB without client IP preservation",
      build: () =>
        behindNlb([tcp(3306, { cidrBlocks: ["10.0.0.0/16"] })], { port: 3306, tg: { preserveClientIp: false } }),
      violations: 1,
    },
  ]);
});

/** A private host whose inline rules name the bastion's group for 22 and another group for 443. */
function inlineGroupRefs(sshFromBastion: boolean) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const bastionSg = b.add(T.sg, "bastion", { vpcId: ref(v.vpc), ingress: [tcp(22, { cidrBlocks: [OFFICE] })] });
  const albSg = b.add(T.sg, "alb", { vpcId: ref(v.vpc) });
  const otherSg = b.add(T.sg, "other", { vpcId: ref(v.vpc) });
  b.add(T.instance, "bastion", {
    subnetId: ref(v.publicSubnet),
    vpcSecurityGroupIds: [ref(bastionSg)],
    associatePublicIpAddress: true,
    tags: BASTION,
  });
  const appSg = b.add(T.sg, "app", {
    vpcId: ref(v.vpc),
    ingress: [
      tcp(22, { securityGroups: [ref(sshFromBastion ? bastionSg : otherSg)] }),
      tcp(443, { securityGroups: [ref(albSg)] }),
    ],
  });
  b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
  return b;
}

describe("false positives: require-bastion-only-ssh-to-private-hosts", () => {
  probes(requireBastionOnlySshToPrivateHosts, [
    {
      name: "note: inline rules naming the bastion's group (22) and the ALB's (443), ids unknown at preview",
      build: () => inlineGroupRefs(true),
      violations: 0,
      notes: 1,
    },
    {
      name: "bad: inline rules naming two groups, neither a bastion's",
      build: () => inlineGroupRefs(false),
      violations: 1,
    },
    {
      name: "note: a private host admitting the VPC on ports unknown at preview",
      build: () => awsHost([{ ...vpcSsh, fromPort: UNKNOWN, toPort: UNKNOWN }], "private").b,
      violations: 0,
      notes: 1,
    },
    {
      name: "bad: a private host admitting 22 from the VPC",
      build: () => awsHost([vpcSsh], "private").b,
      violations: 1,
    },
    {
      name: "good: separate rule resources naming the bastion's group (22) and the ALB's (443)",
      build: () => {
        const b = new StackBuilder();
        const v = vpcWithSubnets(b);
        const bastionSg = b.add(T.sg, "bastion", { vpcId: ref(v.vpc), tags: { "hardening:role": "bastion" } });
        const albSg = b.add(T.sg, "alb", { vpcId: ref(v.vpc) });
        const appSg = b.add(T.sg, "app", { vpcId: ref(v.vpc) });
        for (const [name, port, source] of [
          ["ssh", 22, bastionSg],
          ["https", 443, albSg],
        ] as [string, number, GenericResource][])
          b.add(T.ingress, name, {
            securityGroupId: ref(appSg),
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            referencedSecurityGroupId: ref(source),
          });
        b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
        return b;
      },
      violations: 0,
    },
  ]);
});
