// An AWS `NetworkInterfaceSecurityGroupAttachment` whose `securityGroupId` may name several groups of the stack and
// nothing tells which (a known literal each may have, or a value unknown at preview read from several): the host
// carries each (was: none). AWS rules only accept, so a group it may not carry can only open more: fails closed.
import { GenericResource, UNKNOWN } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, ref } from "./stack-builder";
import { probesWith } from "./stack-probes";
import { tcp } from "./tcp-ingress";

const probes = probesWith({ onlyUnverifiedNotes: true });

const SG_ATTACHMENT = "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment";
const ENI = "aws:ec2/networkInterface:NetworkInterface";
const LITERAL = "sg-0123456789abcdef0";

interface Layout {
  /** Inputs both groups carry besides their VPC and rules (none: ids not in the plan). */
  group?: Record<string, unknown>;
  /** The attachment's `securityGroupId` (a literal either group may have by default). */
  groupId?: unknown;
  /** Where the attachment puts the group: the instance's primary interface, or an interface the instance carries. */
  target?: "instance" | "interface";
  /** The CIDR `web` opens 22 to. */
  cidr?: string;
}

/**
 * `web` opens 22 to `cidr`, `db` opens nothing; a public instance in neither gets a group through an attachment that
 * depends on both.
 */
function stack(o: Layout = {}): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const web = b.add(T.sg, "web", {
    vpcId: ref(v.vpc),
    ingress: [tcp(22, { cidrBlocks: [o.cidr ?? "0.0.0.0/0"] })],
    ...o.group,
  });
  const db = b.add(T.sg, "db", { vpcId: ref(v.vpc), ...o.group });
  const plain = b.add(T.sg, "plain", { vpcId: ref(v.vpc) });
  const eni =
    o.target === "interface"
      ? b.add(ENI, "nic", { subnetId: ref(v.publicSubnet), securityGroups: [ref(plain)] })
      : undefined;
  const host = b.add(T.instance, "app", {
    subnetId: ref(v.publicSubnet),
    associatePublicIpAddress: true,
    vpcSecurityGroupIds: [ref(plain)],
    ...(eni ? { networkInterfaces: [{ networkInterfaceId: ref(eni), deviceIndex: 0 }] } : {}),
  });
  const attachment = b.add(SG_ATTACHMENT, "extra", {
    networkInterfaceId: ref(eni ?? host),
    securityGroupId: o.groupId ?? LITERAL,
  });
  dependOnBoth(attachment, [web, db]);
  return b;
}

function dependOnBoth(r: GenericResource, groups: GenericResource[]): void {
  const urns = groups.map((g) => g.urn);
  r.dependencies.push(...urns);
  r.propertyDependencies.securityGroupId = urns;
}

describe("AWS: an interface group attachment naming one of several groups (disallow-internet-admin-ports)", () => {
  probes(policy, [
    // known-bad (was: the attachment linked no group, no finding)
    {
      name: "a literal either group may have, on the instance",
      build: () => stack(),
      violations: 1,
      mentions: "sg:web rule",
    },
    {
      name: "the same on an interface the instance carries",
      build: () => stack({ target: "interface" }),
      violations: 1,
      mentions: "sg:web rule",
    },
    {
      name: "an id unknown at preview read from both groups",
      build: () => stack({ groupId: UNKNOWN }),
      violations: 1,
      mentions: "sg:web rule",
    },
    // known-good
    {
      name: "the group opens a private block only",
      build: () => stack({ cidr: "10.0.0.0/8" }),
      violations: 0,
    },
    {
      name: "both groups being created: the literal names neither",
      build: () => stack({ group: { id: UNKNOWN } }),
      violations: 0,
    },
    {
      // An id of another kind may still be an AWS group's name (literal-id-shapes.ts): the groups' names are known.
      name: "a VPC id beside two named groups names no group",
      build: () => stack({ group: { name: "grp" }, groupId: "vpc-0abc" }),
      violations: 0,
    },
  ]);
});
