// Rule resources whose `securityGroupId` is a literal recorded as a dependency on a group of the program, through the
// stack rules: a literal that cannot be that group (an outside id beside a group being created, another kind's id)
// is the outside group it names, so its rule opens the hosts carrying that id and not the program's group; a literal
// that may be the group's (an update preview, where the group exists) keeps opening the group. One row per stack:
// the violations and notes each gives.
import { GenericResource, UNKNOWN } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { A, aliNetwork } from "./alicloud-fixtures";
import { T, Vpc, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, knownRef, ref } from "./stack-builder";
import { probesWith } from "./stack-probes";
import { tcp } from "./tcp-ingress";

const probes = probesWith({ onlyUnverifiedNotes: true });

const OUTSIDE = "sg-0123456789abcdef0";
/** A program group as a preview creating it sees it: a known name, an id unknown until it exists. */
const NEW_GROUP = { name: "web-1a2b", id: UNKNOWN };
const WORLD = { cidrBlocks: ["0.0.0.0/0"] };

interface Layout {
  /** The program group's inputs besides its VPC. */
  group: Record<string, unknown>;
  /** The rule's `securityGroupId`, from the program group. */
  groupId: (sg: GenericResource) => unknown;
  /** What the public host carries. */
  hostGroups: (sg: GenericResource) => unknown[];
  port?: number;
}

/** A program group, a rule opening `port` (22) to the world on `groupId`, and a public host in `hostGroups`. */
function stack({ group, groupId, hostGroups, port = 22 }: Layout): StackBuilder {
  const b = new StackBuilder();
  const v: Vpc = vpcWithSubnets(b);
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ...group });
  b.add(T.sgRule, "open", { type: "ingress", securityGroupId: groupId(sg), ...tcp(port, WORLD) });
  b.add(T.instance, "web", {
    subnetId: ref(v.publicSubnet),
    associatePublicIpAddress: true,
    vpcSecurityGroupIds: hostGroups(sg),
  });
  return b;
}

describe("disallow-internet-admin-ports-except-bastions: a literal group id beside a program group", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    // known-bad: the outside group's rule must open the host naming it (was: given to the program group)
    {
      name: "outside id beside a group being created; the public host names the outside id",
      build: () => stack({ group: NEW_GROUP, groupId: (sg) => knownRef(sg, OUTSIDE), hostGroups: () => [OUTSIDE] }),
      violations: 1,
      mentions: `sg:${OUTSIDE} (outside the stack) rule open`,
    },
    // known-good: nothing is invented on the program group the host carries (was: a violation on sg:web)
    {
      name: "outside id beside a group being created; the public host carries only the program group",
      build: () => stack({ group: NEW_GROUP, groupId: (sg) => knownRef(sg, OUTSIDE), hostGroups: (sg) => [ref(sg)] }),
      violations: 0,
    },
    {
      name: "a VPC id beside a named group: no group of the host's (was: a violation on sg:web)",
      build: () =>
        stack({
          group: { name: "web-1a2b" },
          groupId: (sg) => knownRef(sg, "vpc-0abc"),
          hostGroups: (sg) => [ref(sg)],
        }),
      violations: 0,
    },
    // the literal may be the group's (an existing group in an update preview): it stays the group's
    {
      name: "the group's id known by the rule, the group's own id not in its inputs",
      build: () =>
        stack({
          group: { name: "web-1a2b" },
          groupId: (sg) => knownRef(sg, "sg-0web"),
          hostGroups: (sg) => [knownRef(sg, "sg-0web")],
        }),
      violations: 1,
      mentions: "sg:web rule open",
    },
    {
      name: "an id unknown at preview beside a group being created: the group's",
      build: () => stack({ group: NEW_GROUP, groupId: (sg) => ref(sg), hostGroups: (sg) => [ref(sg)] }),
      violations: 1,
      mentions: "sg:web rule open",
    },
  ]);
});

describe("disallow-internet-database-and-high-risk-ports: a literal group id beside a program group", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "3306 on an outside id beside a group being created; the host names the outside id",
      build: () =>
        stack({ group: NEW_GROUP, groupId: (sg) => knownRef(sg, OUTSIDE), hostGroups: () => [OUTSIDE], port: 3306 }),
      violations: 1,
      mentions: `sg:${OUTSIDE} (outside the stack)`,
    },
    {
      name: "3306 on an outside id beside a group being created; the host carries the program group",
      build: () =>
        stack({ group: NEW_GROUP, groupId: (sg) => knownRef(sg, OUTSIDE), hostGroups: (sg) => [ref(sg)], port: 3306 }),
      violations: 0,
    },
  ]);
});

describe("Alibaba Cloud: a literal group id beside a program group", () => {
  /** An instance with bandwidth in `hostGroups`, and a rule opening 22 on `groupId`. */
  const aliStack = (groupId: (sg: GenericResource) => unknown, hostGroups: (sg: GenericResource) => unknown[]) => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    n.sg.inputs.id = UNKNOWN;
    b.add(A.rule, "open", {
      type: "ingress",
      securityGroupId: groupId(n.sg),
      ipProtocol: "tcp",
      portRange: "22/22",
      cidrIp: "0.0.0.0/0",
    });
    b.add(A.instance, "erp", {
      vswitchId: ref(n.vswitch),
      securityGroups: hostGroups(n.sg),
      internetMaxBandwidthOut: 10,
    });
    return b;
  };
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "outside id beside a group being created; the host names the outside id",
      build: () =>
        aliStack(
          (sg) => knownRef(sg, "sg-bp1outside"),
          () => ["sg-bp1outside"],
        ),
      violations: 1,
      mentions: "sg:sg-bp1outside (outside the stack) rule open",
    },
    {
      name: "a VPC id in the group field; the host carries the program group",
      build: () =>
        aliStack(
          (sg) => knownRef(sg, "vpc-bp1"),
          (sg) => [ref(sg)],
        ),
      violations: 0,
    },
  ]);
});
