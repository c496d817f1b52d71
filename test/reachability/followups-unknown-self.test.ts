// An AWS rule whose `self` flag is unknown at preview may reference its own group: every host carrying it could log
// in to its peers. Internal reach keeps it as a self-reference flagged unknown, so the SSH rule reports a note (a
// violation with failClosed), never nothing. VpcSecurityGroupIngressRule has no `self`: it names its own group by
// `referencedSecurityGroupId`, linked like any reference.
import { UNKNOWN, buildNetworkModel, internalReach } from "../../lib/reachability";
import type { GenericResource } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { probes } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";
import { tcp } from "./tcp-ingress";

const SELF = "(self unknown at preview)";
const PEERS = "can log in to its peers (self-reference)";
const BOOL_SENTINEL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";

interface Options {
  /** Inline rules of the group "web"; a function receives the bastion's group. */
  ingress?: (bastion: GenericResource) => unknown[];
  /** Rule resources on the group "web". */
  rules?: (b: StackBuilder, sg: GenericResource) => void;
  /** The instance carrying "web" sits in the public subnet with an EIP. */
  publicHost?: boolean;
  tags?: Record<string, string>;
}

/** Two private instances carrying group "web" (peers), and a bastion group. */
function peers(opts: Options) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const bastion = b.add(T.sg, "bastion", { vpcId: ref(v.vpc), tags: { "hardening:role": "bastion" } });
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress: opts.ingress?.(bastion) ?? [] });
  opts.rules?.(b, sg);
  const subnet = opts.publicHost ? v.publicSubnet : v.privateSubnet;
  for (const name of ["web-a", "web-b"]) {
    const inst = b.add(T.instance, name, { subnetId: ref(subnet), vpcSecurityGroupIds: [ref(sg)], tags: opts.tags });
    if (opts.publicHost) b.add(T.eip, `${name}-ip`, { instance: ref(inst) });
  }
  return b;
}

const inline = (rule: Record<string, unknown>) => peers({ ingress: () => [rule] });

const ruleResource = (inputs: Record<string, unknown>) =>
  peers({ rules: (b, sg) => b.add(T.sgRule, "peer-ssh", { securityGroupId: ref(sg), ...inputs }) });

const ingressRule = (reference: (sg: GenericResource) => unknown) =>
  peers({
    rules: (b, sg) =>
      b.add(T.ingress, "peer-ssh", {
        securityGroupId: ref(sg),
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        referencedSecurityGroupId: reference(sg),
      }),
  });

describe("require-bastion-only-ssh-to-private-hosts: self unknown at preview", () => {
  probes(requireBastionOnlySshToPrivateHosts, [
    {
      name: "bad: inline rule with self unknown: a possible self-reference, one note per host",
      build: () => inline(tcp(22, { self: UNKNOWN })),
      violations: 0,
      notes: 2,
      says: PEERS,
    },
    {
      name: "bad: inline rule with self as the boolean sentinel",
      build: () => inline(tcp(22, { self: BOOL_SENTINEL })),
      violations: 0,
      notes: 2,
      says: SELF,
    },
    {
      name: "bad: inline rule with self unknown on all protocols (-1)",
      build: () => inline({ protocol: "-1", fromPort: 0, toPort: 0, self: UNKNOWN }),
      violations: 0,
      notes: 2,
      says: SELF,
    },
    {
      name: "bad: inline rule with self unknown over a port range covering 22",
      build: () => inline({ protocol: "tcp", fromPort: 20, toPort: 30, self: UNKNOWN }),
      violations: 0,
      notes: 2,
      says: SELF,
    },
    {
      name: "bad: inline rule from the bastion group with self unknown: the bastion passes, the self part is a note",
      build: () => peers({ ingress: (bastion) => [tcp(22, { securityGroups: [ref(bastion)], self: UNKNOWN })] }),
      violations: 0,
      notes: 2,
      says: SELF,
    },
    {
      name: "bad: inline rule from the VPC with self unknown: the CIDR is a violation, the self part a note",
      build: () => inline(tcp(22, { cidrBlocks: ["10.0.0.0/16"], self: UNKNOWN })),
      violations: 2,
      notes: 2,
    },
    {
      name: "bad: SecurityGroupRule with self unknown",
      build: () => ruleResource({ type: "ingress", ...tcp(22, { self: UNKNOWN }) }),
      violations: 0,
      notes: 2,
      says: `sg:web rule peer-ssh ${SELF}`,
    },
    {
      name: "bad: SecurityGroupRule with self and type unknown",
      build: () => ruleResource({ type: UNKNOWN, ...tcp(22, { self: UNKNOWN }) }),
      violations: 0,
      notes: 2,
      says: `${SELF} (rule type unknown at preview)`,
    },
    {
      name: "bad: SecurityGroupRule with self true: a violation (unchanged)",
      build: () => ruleResource({ type: "ingress", ...tcp(22, { self: true }) }),
      violations: 2,
      says: PEERS,
    },
    {
      name: "bad: inline rule with self true: a violation (unchanged)",
      build: () => inline(tcp(22, { self: true })),
      violations: 2,
      says: PEERS,
    },
    {
      name: "bad: VpcSecurityGroupIngressRule referencing its own group (unknown id, property dependency)",
      build: () => ingressRule((sg) => ref(sg)),
      violations: 2,
      says: PEERS,
    },
    {
      name: "bad: VpcSecurityGroupIngressRule referencing a group unknown with no dependency: a note",
      build: () => ingressRule(() => UNKNOWN),
      violations: 0,
      notes: 2,
      says: "the source group cannot be identified at preview",
    },
    {
      name: "good: inline rule with self false: nothing",
      build: () => inline(tcp(22, { self: false })),
      violations: 0,
    },
    {
      name: "good: inline rule with self unknown on 443 only: nothing",
      build: () => inline(tcp(443, { self: UNKNOWN })),
      violations: 0,
    },
    {
      name: "good: SecurityGroupRule of type egress with self unknown: nothing",
      build: () => ruleResource({ type: "egress", ...tcp(22, { self: UNKNOWN }) }),
      violations: 0,
    },
    {
      name: "good: self unknown on bastions: nothing",
      build: () => peers({ ingress: () => [tcp(22, { self: UNKNOWN })], tags: { "hardening:role": "bastion" } }),
      violations: 0,
    },
    {
      name: "good: VpcSecurityGroupIngressRule referencing the bastion group: nothing",
      build: () =>
        peers({
          rules: (b, sg) => {
            const bastion = b.resources.find((r) => r.type === T.sg && r.name === "bastion")!;
            b.add(T.ingress, "from-bastion", {
              securityGroupId: ref(sg),
              ipProtocol: "tcp",
              fromPort: 22,
              toPort: 22,
              referencedSecurityGroupId: ref(bastion),
            });
          },
        }),
      violations: 0,
    },
  ]);
});

describe("disallow-internet-admin-ports-except-bastions: self unknown at preview", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "good: a public host whose rule has self unknown: a self-reference admits no internet address",
      build: () => peers({ ingress: () => [tcp(22, { self: UNKNOWN })], publicHost: true }),
      violations: 0,
    },
    {
      name: "bad: the same host with self unknown beside 0.0.0.0/0: the CIDR is a violation per host",
      build: () => peers({ ingress: () => [tcp(22, { self: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] })], publicHost: true }),
      violations: 2,
    },
  ]);
});

describe("internal reach of a self flag unknown at preview", () => {
  it("is a self-reference marked unknown, with the flag in the path", () => {
    const rows = internalReach(buildNetworkModel(inline(tcp(22, { self: UNKNOWN })).resources));
    expect(
      rows.map((r) => [r.targetName, r.from.kind, r.from.kind === "self" && r.from.unknown === true, r.unknownPorts]),
    ).toEqual([
      ["web-a", "self", true, true],
      ["web-b", "self", true, true],
    ]);
    expect(rows[0].path).toBe(`sg:web → sg:web rule web ingress[0] ${SELF} → instance:web-a:22`);
  });

  it("a known self: true is no unknown", () => {
    const rows = internalReach(buildNetworkModel(inline(tcp(22, { self: true })).resources));
    expect(rows.map((r) => [r.from.kind, r.from.kind === "self" && r.from.unknown === true, r.unknownPorts])).toEqual([
      ["self", false, undefined],
      ["self", false, undefined],
    ]);
  });
});
