// A rule unknown at preview (one inline rule, or a group's whole ingress list) stands as one accept per address
// family. It is still one rule: the SSH rule reports it once per host and port, as it judges an ambiguous inline
// rule once. The internet rules already report one finding per host, port and path, and a known rule admitting both
// families has one path per family, so an unknown rule's two families match a known rule's count.
import { UNKNOWN, buildNetworkModel, internalReach } from "../../lib/reachability";
import type { GenericResource } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { probes } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";
import { tcp } from "./tcp-ingress";

const RULES = "(rules unknown at preview)";
const ANY = "(any source)";

type Placement = "private" | "public-ipv4" | "public-dual-stack";

interface HostOptions {
  placement?: Placement;
  /** More instances carrying the same group. */
  peers?: number;
  tags?: Record<string, string>;
  rules?: (b: StackBuilder, sg: GenericResource) => void;
}

/** One group whose inline list is `ingress`, carried by an instance placed as `placement` says. */
function host(ingress: unknown, opts: HostOptions = {}) {
  const placement = opts.placement ?? "private";
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: placement === "public-dual-stack" });
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress });
  opts.rules?.(b, sg);
  const subnet = placement === "private" ? v.privateSubnet : v.publicSubnet;
  for (let i = 0; i <= (opts.peers ?? 0); i++) {
    const name = i === 0 ? "web" : `web-${i}`;
    const inst = b.add(T.instance, name, { subnetId: ref(subnet), vpcSecurityGroupIds: [ref(sg)], tags: opts.tags });
    if (placement !== "private") b.add(T.eip, `${name}-ip`, { instance: ref(inst) });
  }
  return b;
}

describe("require-bastion-only-ssh-to-private-hosts: a rule unknown at preview is one note per host and port", () => {
  probes(requireBastionOnlySshToPrivateHosts, [
    {
      name: "bad: whole ingress list unknown: one note, from any source",
      build: () => host(UNKNOWN),
      violations: 0,
      notes: 1,
      says: `${ANY} → sg:web rule web ingress ${RULES} → instance:web:22`,
    },
    {
      name: "bad: whole ingress list unknown as the array sentinel: one note",
      build: () => host("6a19a0b0-7e62-4c92-b797-7f8e31da9cc2"),
      violations: 0,
      notes: 1,
      says: RULES,
    },
    {
      name: "bad: whole ingress list unknown on a dual-stack public host: still one note",
      build: () => host(UNKNOWN, { placement: "public-dual-stack" }),
      violations: 0,
      notes: 1,
      says: RULES,
    },
    {
      name: "bad: one inline rule unknown beside a known HTTPS rule: one note",
      build: () => host([tcp(443, { cidrBlocks: ["10.0.0.0/16"] }), UNKNOWN]),
      violations: 0,
      notes: 1,
      says: "web ingress[1] (rule unknown at preview)",
    },
    {
      name: "bad: two inline rules unknown: two rules, one note each",
      build: () => host([UNKNOWN, UNKNOWN]),
      violations: 0,
      notes: 2,
    },
    {
      name: "bad: whole list unknown on a group three hosts carry: one note per host",
      build: () => host(UNKNOWN, { peers: 2 }),
      violations: 0,
      notes: 3,
    },
    {
      name: "bad: whole list unknown with login ports 22 and 2222: one note per port",
      build: () => host(UNKNOWN),
      config: { ports: [22, 2222] },
      violations: 0,
      notes: 2,
    },
    {
      name: "bad: whole list unknown and allowCidrs 0.0.0.0/0: an unknown rule may admit IPv6 or any group, a note",
      build: () => host(UNKNOWN),
      config: { allowCidrs: ["0.0.0.0/0"] },
      violations: 0,
      notes: 1,
    },
    {
      name: "bad: whole list unknown beside a known SSH rule resource from the VPC: the known one stays a violation",
      build: () =>
        host(UNKNOWN, {
          rules: (b, sg) =>
            b.add(T.sgRule, "ssh", {
              securityGroupId: ref(sg),
              type: "ingress",
              ...tcp(22, { cidrBlocks: ["10.0.0.0/16"] }),
            }),
        }),
      violations: 1,
      notes: 1,
    },
    {
      name: "known rows keep one finding per source: a known rule from an IPv4 and an IPv6 block gives two",
      build: () => host([tcp(22, { cidrBlocks: ["10.0.0.0/16"], ipv6CidrBlocks: ["fd00::/8"] })]),
      violations: 2,
    },
    {
      name: "a rule of unknown type keeps its own sources: two blocks, two notes",
      build: () =>
        host([], {
          rules: (b, sg) =>
            b.add(T.sgRule, "ssh", {
              securityGroupId: ref(sg),
              type: UNKNOWN,
              ...tcp(22, { cidrBlocks: ["10.0.0.0/16", "192.168.0.0/16"] }),
            }),
        }),
      violations: 0,
      notes: 2,
      says: "(rule type unknown at preview)",
    },
    {
      name: "good: whole list unknown on a bastion: nothing",
      build: () => host(UNKNOWN, { tags: { "hardening:role": "bastion" } }),
      violations: 0,
    },
    {
      name: "good: known list admitting only HTTPS from the VPC: nothing",
      build: () => host([tcp(443, { cidrBlocks: ["10.0.0.0/16"], ipv6CidrBlocks: ["fd00::/8"] })]),
      violations: 0,
    },
    {
      name: "good: an empty list: nothing",
      build: () => host([]),
      violations: 0,
    },
  ]);
});

describe("disallow-internet-admin-ports-except-bastions: one finding per host, port and path", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: whole list unknown on an IPv4 host: one note per admin port (22, 3389, 5900, 5985, 5986)",
      build: () => host(UNKNOWN, { placement: "public-ipv4" }),
      violations: 0,
      notes: 5,
      says: RULES,
    },
    {
      name: "bad: whole list unknown on a dual-stack host: one note per admin port and family",
      build: () => host(UNKNOWN, { placement: "public-dual-stack" }),
      violations: 0,
      notes: 10,
      says: RULES,
    },
    {
      name: "known counterpart: 22 and 3389 from 0.0.0.0/0 and ::/0 on a dual-stack host: four violations",
      build: () =>
        host(
          [
            tcp(22, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }),
            tcp(3389, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }),
          ],
          {
            placement: "public-dual-stack",
          },
        ),
      violations: 4,
    },
    {
      name: "good: whole list unknown on a private host: nothing",
      build: () => host(UNKNOWN),
      violations: 0,
    },
  ]);
});

describe("disallow-internet-database-and-high-risk-ports: one finding per host and path", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "bad: whole list unknown on an IPv4 host: one note naming every high-risk port",
      build: () => host(UNKNOWN, { placement: "public-ipv4" }),
      violations: 0,
      notes: 1,
      says: RULES,
    },
    {
      name: "bad: whole list unknown on a dual-stack host: one note per family",
      build: () => host(UNKNOWN, { placement: "public-dual-stack" }),
      violations: 0,
      notes: 2,
    },
    {
      name: "known counterpart: 3306 from 0.0.0.0/0 and ::/0 on a dual-stack host: two violations",
      build: () =>
        host([tcp(3306, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] })], { placement: "public-dual-stack" }),
      violations: 2,
    },
    {
      name: "good: whole list unknown on a private host: nothing",
      build: () => host(UNKNOWN),
      violations: 0,
    },
  ]);
});

describe("internal reach of a rule unknown at preview", () => {
  it("is one row per host and port, from any source, flagged", () => {
    const rows = internalReach(buildNetworkModel(host(UNKNOWN).resources), [22, 5432]);
    expect(rows.map((r) => [r.targetName, r.port, r.from.kind, r.unknownPorts])).toEqual([
      ["web", 22, "any", true],
      ["web", 5432, "any", true],
    ]);
  });

  it("leaves known rules one row per source", () => {
    const b = host([tcp(22, { cidrBlocks: ["10.0.0.0/16"], ipv6CidrBlocks: ["fd00::/8"] })]);
    const rows = internalReach(buildNetworkModel(b.resources));
    expect(rows.map((r) => [r.from.kind, r.from.kind === "cidr" ? r.from.cidr : "", r.unknownPorts ?? false])).toEqual([
      ["cidr", "10.0.0.0/16", false],
      ["cidr", "fd00::/8", false],
    ]);
  });
});
