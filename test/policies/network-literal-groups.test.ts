// Security groups the stack names only by a literal id (existing groups it does not declare) but attaches rule
// resources to: the rules it adds must count on every host naming that id, on both clouds, for the three network
// stack rules. Known ids of declared groups (an update preview) keep linking to the declared group. One row per
// probe: the violations and notes each stack gives.
import { UNKNOWN } from "../../lib/reachability";
import { buildNetworkModel } from "../../lib/reachability/build";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { A, aliNetwork } from "../reachability/alicloud-fixtures";
import { addBastion } from "../reachability/aws-bastion";
import { CLASSIC_ELB } from "../reachability/outside-backend-balancers";
import { T, Vpc, vpcWithSubnets } from "../reachability/aws-fixtures";
import { StackBuilder, knownRef, ref } from "../reachability/stack-builder";
import { Probe, probesWith } from "../reachability/stack-probes";
import { tcp } from "../reachability/tcp-ingress";

const probes = probesWith({ onlyUnverifiedNotes: true });

const OUTSIDE = "sg-0abc";
const INSTANCE_CONNECT_ENDPOINT = "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint";
const ALI_OUTSIDE = "sg-bp1";

/** A separate AWS rule on the group `groupId` (a literal id unless a reference is given). */
function awsRule(b: StackBuilder, name: string, groupId: unknown, inputs: Record<string, unknown>) {
  return b.add(T.sgRule, name, { type: "ingress", securityGroupId: groupId, protocol: "tcp", ...inputs });
}

interface AwsHostOptions {
  /** The host's groups (default: the outside id alone). */
  groups?: unknown[];
  /** In the private subnet without a public address. */
  private?: boolean;
  ipv6?: boolean;
  extra?: (b: StackBuilder, v: Vpc) => void;
}

/** An AWS instance naming `groups`, with `rules` (name → inputs) on the outside group `sg-0abc`. */
function awsStack(rules: Record<string, Record<string, unknown>>, opts: AwsHostOptions = {}): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: opts.ipv6 });
  for (const [name, inputs] of Object.entries(rules)) awsRule(b, name, OUTSIDE, inputs);
  b.add(T.instance, "web", {
    subnetId: ref(opts.private ? v.privateSubnet : v.publicSubnet),
    ...(opts.private ? {} : { associatePublicIpAddress: true }),
    ...(opts.ipv6 ? { ipv6AddressCount: 1 } : {}),
    vpcSecurityGroupIds: opts.groups ?? [OUTSIDE],
  });
  opts.extra?.(b, v);
  return b;
}

const ssh = (sources: Record<string, unknown>) => ({ fromPort: 22, toPort: 22, ...sources });

/** An internet-facing classic ELB in the literal group (admitting 443) forwarding `port` to an outside instance. */
function elbStack(port: number): StackBuilder {
  const b = awsStack({ https: tcp(443, { cidrBlocks: ["0.0.0.0/0"] }) }, { private: true });
  const v = b.resources.find((r) => r.type === T.subnet && r.name === "public-a")!;
  b.add(CLASSIC_ELB, "front", {
    subnets: [ref(v)],
    securityGroups: [OUTSIDE],
    instances: ["i-0123456789abcdef0"],
    listeners: [{ lbPort: port, lbProtocol: "tcp", instancePort: port, instanceProtocol: "tcp" }],
  });
  return b;
}

/**
 * A private host in a declared group whose inline rule admits SSH from the literal group `sg-0jump`, which a stack rule
 * opens to the office and the host `jump` (tagged `jumpTags`) carries.
 */
function inlineFromLiteral(jumpTags: Record<string, string>): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const app = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress: [tcp(22, { securityGroups: ["sg-0jump"] })] });
  b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(app)] });
  awsRule(b, "office", "sg-0jump", ssh({ cidrBlocks: ["203.0.113.0/24"] }));
  b.add(T.instance, "jump", { subnetId: ref(v.publicSubnet), vpcSecurityGroupIds: ["sg-0jump"], tags: jumpTags });
  return b;
}

/** An Alibaba Cloud instance in `groups` (default the outside id), public when `bandwidth` is above zero. */
function aliStack(
  rules: Record<string, Record<string, unknown>>,
  opts: { groups?: unknown[]; bandwidth?: number } = {},
): StackBuilder {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  for (const [name, inputs] of Object.entries(rules))
    b.add(A.rule, name, { type: "ingress", securityGroupId: ALI_OUTSIDE, ipProtocol: "tcp", ...inputs });
  b.add(A.instance, "erp", {
    vswitchId: ref(n.vswitch),
    securityGroups: opts.groups ?? [ALI_OUTSIDE],
    ...(opts.bandwidth ? { internetMaxBandwidthOut: opts.bandwidth } : {}),
  });
  return b;
}

describe("literal groups in the model", () => {
  it("joins rules naming one outside id into one group that the host carries, and no others", () => {
    const b = awsStack({ ssh: ssh({ cidrBlocks: ["0.0.0.0/0"] }), rdp: tcp(3389, { cidrBlocks: ["0.0.0.0/0"] }) });
    awsRule(b, "other", "sg-0def", ssh({ cidrBlocks: ["0.0.0.0/0"] }));
    const m = buildNetworkModel(b.resources);
    const host = [...m.hosts.values()].find((h) => h.name === "web")!;
    expect(host.securityGroups).toHaveLength(1);
    const group = m.securityGroups.get(host.securityGroups[0])!;
    expect(group.name).toBe("sg-0abc (outside the stack)");
    expect(group.rules.map((r) => r.name).sort()).toEqual(["rdp", "ssh"]);
  });
});

describe("disallow-internet-admin-ports-except-bastions: rules on groups outside the stack", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    // known-bad
    {
      name: "AWS SecurityGroupRule 22 from 0.0.0.0/0 on a literal group of a public instance",
      build: () => awsStack({ ssh: ssh({ cidrBlocks: ["0.0.0.0/0"] }) }),
      violations: 1,
      mentions: "sg:sg-0abc (outside the stack) rule ssh",
    },
    {
      name: "two rules on the same literal id (22 and 3389) are one group",
      build: () => awsStack({ ssh: ssh({ cidrBlocks: ["0.0.0.0/0"] }), rdp: tcp(3389, { cidrBlocks: ["0.0.0.0/0"] }) }),
      violations: 2,
    },
    {
      name: "vpc.SecurityGroupIngressRule on a literal group",
      build: () => {
        const b = awsStack({});
        b.add(T.ingress, "ssh-v2", {
          securityGroupId: OUTSIDE,
          ipProtocol: "tcp",
          fromPort: 22,
          toPort: 22,
          cidrIpv4: "0.0.0.0/0",
        });
        return b;
      },
      violations: 1,
      mentions: "rule ssh-v2",
    },
    {
      name: "all protocols (-1) on a literal group: every admin port",
      build: () => awsStack({ all: { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] } }),
      violations: 5,
    },
    {
      name: "port range 20-25 over IPv6 ::/0 on a literal group",
      build: () => awsStack({ range: { fromPort: 20, toPort: 25, ipv6CidrBlocks: ["::/0"] } }, { ipv6: true }),
      violations: 1,
      mentions: "::/0",
    },
    {
      name: "literal group beside a declared one: the outside group's rule opens 22",
      build: () =>
        awsStack(
          { ssh: ssh({ cidrBlocks: ["0.0.0.0/0"] }) },
          {
            extra: (b, v) => {
              const web = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })] });
              const host = b.resources.find((r) => r.type === T.instance)!;
              host.inputs.vpcSecurityGroupIds = [UNKNOWN, OUTSIDE];
              host.propertyDependencies.vpcSecurityGroupIds = [web.urn];
            },
          },
        ),
      violations: 1,
      mentions: "tcp/22",
    },
    // known-good
    {
      name: "rule on another literal id than the host's",
      build: () => awsStack({ ssh: ssh({ cidrBlocks: ["0.0.0.0/0"] }) }, { groups: ["sg-0def"] }),
      violations: 0,
    },
    {
      name: "egress rule on the literal group",
      build: () => awsStack({ out: { ...ssh({ cidrBlocks: ["0.0.0.0/0"] }), type: "egress" } }),
      violations: 0,
    },
    {
      name: "literal group admitting 22 from a private block only",
      build: () => awsStack({ ssh: ssh({ cidrBlocks: ["10.0.0.0/8"] }) }),
      violations: 0,
    },
    {
      name: "literal group open to the world on a private host without a public address",
      build: () => awsStack({ ssh: ssh({ cidrBlocks: ["0.0.0.0/0"] }) }, { private: true }),
      violations: 0,
    },
    {
      name: "literal group opening 443 only",
      build: () => awsStack({ https: tcp(443, { cidrBlocks: ["0.0.0.0/0"] }) }),
      violations: 0,
    },
    // A balancer naming only outside groups keeps answering every port: their unseen rules may admit anything.
    {
      name: "classic ELB in a literal group admitting 443 only still publishes its listener on 22",
      build: () => elbStack(22),
      violations: 1,
      mentions: "tcp/22",
    },
    {
      name: "classic ELB in a literal group listening on 443 only",
      build: () => elbStack(443),
      violations: 0,
    },
    // unknown values at preview
    {
      name: "literal group rule whose CIDR is unknown at preview",
      build: () => awsStack({ ssh: ssh({ cidrBlocks: [UNKNOWN] }) }),
      violations: 0,
      notes: 1,
      label: "CIDR unknown at preview",
    },
    {
      name: "literal group rule whose type is unknown at preview",
      build: () => awsStack({ ssh: { ...ssh({ cidrBlocks: ["0.0.0.0/0"] }), type: UNKNOWN } }),
      violations: 0,
      notes: 1,
      label: "rule type unknown at preview",
    },
    // update previews: known ids of declared groups link to them, not to an outside group
    {
      name: "declared group whose id is known: the literal rule and host link to it",
      build: () =>
        awsStack(
          { ssh: ssh({ cidrBlocks: ["0.0.0.0/0"] }) },
          { extra: (b, v) => b.add(T.sg, "web", { id: OUTSIDE, vpcId: ref(v.vpc) }) },
        ),
      violations: 1,
      mentions: "sg:web rule ssh",
    },
    {
      name: "known ids recorded as dependencies on a declared group",
      build: () => {
        const b = new StackBuilder();
        const v = vpcWithSubnets(b);
        const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc) });
        awsRule(b, "ssh", knownRef(sg, OUTSIDE), ssh({ cidrBlocks: ["0.0.0.0/0"] }));
        b.add(T.instance, "web", {
          subnetId: ref(v.publicSubnet),
          associatePublicIpAddress: true,
          vpcSecurityGroupIds: [knownRef(sg, OUTSIDE)],
        });
        return b;
      },
      violations: 1,
      mentions: "sg:web rule ssh",
    },
    {
      name: "group id unknown at preview (a new group) still links by dependency",
      build: () => {
        const b = new StackBuilder();
        const v = vpcWithSubnets(b);
        const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc) });
        awsRule(b, "ssh", ref(sg), ssh({ cidrBlocks: ["0.0.0.0/0"] }));
        b.add(T.instance, "web", {
          subnetId: ref(v.publicSubnet),
          associatePublicIpAddress: true,
          vpcSecurityGroupIds: [ref(sg)],
        });
        return b;
      },
      violations: 1,
      mentions: "sg:web rule ssh",
    },
    // Alibaba Cloud
    {
      name: "Alibaba rule 22 from 0.0.0.0/0 on a literal group of an instance with bandwidth",
      build: () => aliStack({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } }, { bandwidth: 10 }),
      violations: 1,
      mentions: "sg:sg-bp1 (outside the stack) rule ssh",
    },
    {
      name: "Alibaba literal group: a drop of equal priority closes the accept",
      build: () =>
        aliStack(
          {
            ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 1 },
            deny: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 1, policy: "drop" },
          },
          { bandwidth: 10 },
        ),
      violations: 0,
    },
    {
      name: "Alibaba literal group open to the world on an instance without bandwidth",
      build: () => aliStack({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } }),
      violations: 0,
    },
  ]);
});

describe("a host naming a declared group by known id beside a literal group, in either order", () => {
  const mixed = (order: "literal first" | "declared first") => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    awsRule(b, "ssh", OUTSIDE, ssh({ cidrBlocks: ["0.0.0.0/0"] }));
    const web = b.add(T.sg, "web", { vpcId: ref(v.vpc) });
    const groups = [OUTSIDE, knownRef(web, "sg-0web")];
    b.add(T.instance, "web", {
      subnetId: ref(v.publicSubnet),
      associatePublicIpAddress: true,
      vpcSecurityGroupIds: order === "literal first" ? groups : groups.reverse(),
    });
    return b;
  };
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "literal first",
      build: () => mixed("literal first"),
      violations: 1,
      mentions: "sg-0abc (outside the stack)",
    },
    {
      name: "declared first",
      build: () => mixed("declared first"),
      violations: 1,
      mentions: "sg-0abc (outside the stack)",
    },
  ]);
});

describe("disallow-internet-database-and-high-risk-ports: rules on groups outside the stack", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "literal group opening 3306 to the world on a public instance",
      build: () => awsStack({ mysql: tcp(3306, { cidrBlocks: ["0.0.0.0/0"] }) }),
      violations: 1,
      mentions: "3306",
    },
    {
      name: "literal group opening 3306 to a private block",
      build: () => awsStack({ mysql: tcp(3306, { cidrBlocks: ["10.0.0.0/8"] }) }),
      violations: 0,
    },
    {
      name: "Alibaba literal group opening 6379 to the world",
      build: () => aliStack({ redis: { portRange: "6379/6379", cidrIp: "0.0.0.0/0" } }, { bandwidth: 5 }),
      violations: 1,
      mentions: "6379",
    },
  ]);
});

describe("require-bastion-only-ssh-to-private-hosts: rules on groups outside the stack", () => {
  probes(requireBastionOnlySshToPrivateHosts, [
    // known-bad
    {
      name: "literal group admitting SSH from 10.0.0.0/8 on a private host",
      build: () => awsStack({ ssh: ssh({ cidrBlocks: ["10.0.0.0/8"] }) }, { private: true }),
      violations: 1,
      mentions: "10.0.0.0/8 → sg:sg-0abc (outside the stack) rule ssh",
    },
    {
      name: "literal group self-reference",
      build: () => awsStack({ peers: ssh({ self: true }) }, { private: true }),
      violations: 1,
      mentions: "self-reference",
    },
    {
      name: "declared group's inline rule admitting SSH from a literal group no bastion carries",
      build: () => inlineFromLiteral({}),
      // The office block the jump host admits is allowed: only the group source is judged.
      config: { allowCidrs: ["203.0.113.0/24"] },
      violations: 1,
      mentions: "sg-0jump (outside the stack) is not a bastion group",
    },
    {
      name: "separate rule admitting SSH from a group spelt by its id (sourceSecurityGroupId, one string)",
      build: () => awsStack({ "from-other": ssh({ sourceSecurityGroupId: "sg-0other" }) }, { private: true }),
      violations: 1,
      mentions: "only bastion security groups may be the source",
    },
    {
      name: "an EC2 Instance Connect Endpoint in a literal group is no bastion-like path",
      build: () =>
        awsStack(
          { "from-endpoint": ssh({ sourceSecurityGroupId: "sg-0shared" }) },
          {
            private: true,
            extra: (b, v) => {
              awsRule(b, "monitoring", "sg-0shared", tcp(443, { cidrBlocks: ["10.0.0.0/16"] }));
              b.add(INSTANCE_CONNECT_ENDPOINT, "eice", {
                subnetId: ref(v.privateSubnet),
                securityGroupIds: ["sg-0shared"],
              });
            },
          },
        ),
      violations: 1,
      mentions: "sg-0shared (outside the stack) is not a bastion group",
    },
    {
      name: "Alibaba literal group admitting SSH from 172.16.0.0/12",
      build: () => aliStack({ ssh: { portRange: "22/22", cidrIp: "172.16.0.0/12" } }),
      violations: 1,
      mentions: "172.16.0.0/12",
    },
    {
      name: "Alibaba literal group admitting SSH over a port range 1/1024",
      build: () => aliStack({ low: { portRange: "1/1024", cidrIp: "172.16.0.0/12" } }),
      violations: 1,
    },
    {
      name: "Alibaba literal group rule whose CIDR is unknown at preview is a CIDR all the same",
      build: () => aliStack({ ssh: { portRange: "22/22", cidrIp: UNKNOWN } }),
      violations: 1,
      mentions: "a CIDR block is the source",
    },
    // A group outside the stack is no bastion group, even on a bastion: what else carries it is out of sight.
    {
      name: "literal group admitting SSH from a bastion that also sits in a literal group",
      build: () =>
        awsStack(
          { "from-bastion": ssh({ sourceSecurityGroupId: "sg-0bastion" }) },
          {
            private: true,
            extra: (b, v) => {
              awsRule(b, "office", "sg-0bastion", ssh({ cidrBlocks: ["203.0.113.0/24"] }));
              b.add(T.instance, "jump", {
                subnetId: ref(v.publicSubnet),
                vpcSecurityGroupIds: ["sg-0bastion"],
                tags: { "hardening:role": "bastion" },
              });
            },
          },
        ),
      violations: 1,
    },
    {
      name: "declared group's inline rule admitting SSH from a bastion's literal group",
      build: () => inlineFromLiteral({ "hardening:role": "bastion" }),
      violations: 1,
    },
    // known-good
    {
      name: "literal group admitting SSH from the bastion's declared group",
      build: () =>
        awsStack(
          {},
          {
            private: true,
            extra: (b, v) => awsRule(b, "from-bastion", OUTSIDE, ssh({ sourceSecurityGroupId: ref(addBastion(b, v)) })),
          },
        ),
      violations: 0,
    },

    {
      name: "literal group admitting SSH from a block allowCidrs lists",
      build: () => awsStack({ ssh: ssh({ cidrBlocks: ["10.0.0.0/8"] }) }, { private: true }),
      config: { allowCidrs: ["10.0.0.0/8"] },
      violations: 0,
    },
    {
      name: "Alibaba literal group: the accept is dropped at a better priority",
      build: () =>
        aliStack({
          ssh: { portRange: "22/22", cidrIp: "172.16.0.0/12", priority: 50 },
          deny: { portRange: "22/22", cidrIp: "172.16.0.0/12", priority: 1, policy: "drop" },
        }),
      violations: 0,
    },
    {
      name: "Alibaba rule on another literal id than the instance's",
      build: () => aliStack({ ssh: { portRange: "22/22", cidrIp: "172.16.0.0/12" } }, { groups: ["sg-bp2"] }),
      violations: 0,
    },
    {
      name: "Alibaba egress rule on the literal group",
      build: () => aliStack({ out: { type: "egress", portRange: "22/22", cidrIp: "172.16.0.0/12" } }),
      violations: 0,
    },
  ] satisfies Probe[]);
});
