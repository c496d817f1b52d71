// Case step 5: the investigation stood on mirrored traffic in both directions, the inbound brute force and what the
// servers sent out afterwards. A session whose filter accepts nothing, or nothing one way, looks like evidence
// collection and records nothing; so does an Alibaba Cloud session left disabled (the provider's default). One that
// mirrors only some traffic must still record the case's: logins and database sessions from the internet, both ways.
// A source may carry several sessions (AWS: up to three per interface); a direction one session leaves out is not
// missing when another session on each of its sources mirrors that direction in full.
import { GenericResource, isUnknown, Resolver } from "../../lib/reachability/internals";
import { bool, unwrap } from "../../lib/reachability/resource";
import { PORTS_SCHEMA } from "../lib/config";
import { unverifiable } from "../lib/findings";
import { CoverageVerdict, coverageVerdict, Family } from "../lib/mirror-coverage";
import { DUAL_STACK_TYPES, sourceHasIpv6 } from "../lib/mirror-dual-stack";
import { Proof } from "../lib/proof";
import { Direction, DIRECTIONS, DirectedRule, mirrorVerdict, rulesIn, RuleWords } from "../lib/mirror-filter-rules";
import { ALICLOUD_RULE_WORDS, alicloudInlineRules, alicloudRuleResource } from "../lib/mirror-rules-alicloud";
import { AWS_RULE_WORDS, awsFilterRule } from "../lib/mirror-rules-aws";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { ADMIN_PORTS } from "../../lib/ports";
import { FLOW_HEADER_BYTES, packetLengthFindings } from "../lib/mirror-packet-length";
import { coveredElsewhere, SessionVerdict, sourceKeys } from "../lib/mirror-sources";

const T = {
  awsSession: "aws:ec2/trafficMirrorSession:TrafficMirrorSession",
  awsFilter: "aws:ec2/trafficMirrorFilter:TrafficMirrorFilter",
  awsRule: "aws:ec2/trafficMirrorFilterRule:TrafficMirrorFilterRule",
  aliSession: "alicloud:vpc/trafficMirrorSession:TrafficMirrorSession",
  aliFilter: "alicloud:vpc/trafficMirrorFilter:TrafficMirrorFilter",
  aliIngressRule: "alicloud:vpc/trafficMirrorFilterIngressRule:TrafficMirrorFilterIngressRule",
  aliEgressRule: "alicloud:vpc/trafficMirrorFilterEgressRule:TrafficMirrorFilterEgressRule",
};

const FILTER_ID = "trafficMirrorFilterId";
const TRAFFIC: Record<Direction, string> = { ingress: "inbound (ingress)", egress: "outbound (egress)" };

/** SSH, RDP and the database ports the case saw reached from the internet. */
const WATCHED_PORTS = [...ADMIN_PORTS, 3306, 5432, 1433, 1521, 6379, 27017];

interface MirroringConfig {
  ports: number[];
}

/** What one cloud contributes: its types, how its filter's rules are gathered, how its rules are worded. */
interface Cloud {
  session: string;
  filter: string;
  rulesOf: (res: Resolver, filter: GenericResource) => DirectedRule[];
  words: RuleWords;
  /** The session's field naming what it mirrors, and whether it holds a list of sources. */
  sources: { field: string; list: boolean };
  /** Findings about the session itself, and whether it mirrors anything at all. */
  sessionState?: (session: GenericResource) => SessionState;
  /** Whether the session's source is reached over IPv6 too (absent: the cloud's filters match IPv4 only). */
  ipv6Source?: (res: Resolver, session: GenericResource) => Proof;
}

interface SessionState {
  findings: StackFinding[];
  mirrors: boolean;
}

const AWS: Cloud = {
  session: T.awsSession,
  filter: T.awsFilter,
  rulesOf: (res, filter) =>
    res.ofType(T.awsRule).flatMap((r) => {
      const member = membership(res, r, filter);
      return member === undefined ? [] : [awsFilterRule(r, member)];
    }),
  words: AWS_RULE_WORDS,
  sources: { field: "networkInterfaceId", list: false },
  ipv6Source: sourceHasIpv6,
};

const ALICLOUD: Cloud = {
  session: T.aliSession,
  filter: T.aliFilter,
  rulesOf: (res, filter) => [
    ...alicloudInlineRules(filter),
    ...(
      [
        [T.aliIngressRule, "ingress"],
        [T.aliEgressRule, "egress"],
      ] as const
    ).flatMap(([type, direction]) =>
      res.ofType(type).flatMap((r) => {
        const member = membership(res, r, filter);
        return member === undefined ? [] : [alicloudRuleResource(r, direction, member)];
      }),
    ),
  ],
  words: ALICLOUD_RULE_WORDS,
  sources: { field: "trafficMirrorSourceIds", list: true },
  sessionState: enablement,
};

export const requireEffectiveTrafficMirroring = defineStackRule({
  metadata: {
    name: "require-effective-traffic-mirroring",
    description:
      "Traffic mirror sessions must mirror internet traffic to and from the watched ports (login and database ports by default) in both directions, keeping at least packet headers.",
    details: `Every traffic mirror session mirrors both directions, the inbound attack and the outbound traffic that follows it: its filter has, for ingress and for egress, an accept rule that the reject (Alibaba Cloud: drop) rules evaluated before it do not cover entirely, and an Alibaba Cloud session is enabled; a direction one session leaves out may be mirrored by another enabled session on each of its sources (the same interface id, or at preview the same resource's output). The filter must also mirror the case's traffic in full: inbound TCP from every public IPv4 address and client port (1024-65535) to the watched ports (remote login — SSH, RDP, VNC, WinRM — and database ports by default), and the replies, outbound TCP from those ports to every public IPv4 address and client port, and the same over IPv6 for an AWS session whose source interface has IPv6 addresses (ipv6AddressCount, ipv6Addresses, or a subnet in the stack with assignIpv6AddressOnCreation; an instance's primaryNetworkInterfaceId counts as the instance); the mirrored host's own address is not in the plan, so one host address covered is enough. A session that truncates packets (packetLength) keeps at least their headers, so the mirror still shows which addresses and ports connected: ${FLOW_HEADER_BYTES.ipv4} bytes (Ethernet 14, IPv4 20, TCP 20), or ${FLOW_HEADER_BYTES.ipv6} for an AWS session whose source has IPv6 addresses (IPv6 header 40); a session is reported even when another on the same source mirrors in full, since the first session whose filter matches a packet is the one that mirrors it.`,
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Give the session's filter an accept rule in each direction (ingress and egress), e.g. every protocol from 0.0.0.0/0 to 0.0.0.0/0 and from ::/0 to ::/0; the kit's TrafficForensics component does this by default.",
      "Move reject (Alibaba Cloud: drop) rules that cover an accept rule behind it (a higher rule number or priority), or narrow them to the traffic that should stay out of the capture.",
      "On Alibaba Cloud set enabled: true on the TrafficMirrorSession; the provider's default is false, which mirrors nothing.",
      `Leave packetLength unset to mirror whole packets, or set it to at least ${FLOW_HEADER_BYTES.ipv4} (${FLOW_HEADER_BYTES.ipv6} where the source has IPv6 addresses): a shorter truncation keeps no addresses or ports.`,
      "AWS sources with IPv6 addresses: give the filter accept rules for ::/0 in both directions beside the 0.0.0.0/0 ones (a rule holds one address family).",
      "A filter narrowed to some traffic (web ports, one office's addresses) must still accept TCP from 0.0.0.0/0 to the watched ports inbound and from them outbound, or set `ports` in the policy config to the ports this estate must keep evidence of.",
    ],
    controls: [
      { framework: "MLPS 2.0 L3", id: "8.1.3.3 (intrusion prevention)" },
      { framework: "MLPS 2.0 L3", id: "8.1.3.5 (security audit)" },
      { framework: "PRC Cybersecurity Law", id: "Art. 21(3)" },
    ],
    caseStep: 5,
    resourceTypes: [...Object.values(T), ...Object.values(DUAL_STACK_TYPES)],
  },
  configSchema: {
    ports: {
      ...PORTS_SCHEMA,
      description: "Ports whose internet traffic every session must mirror in full, both ways.",
    },
  },
  parseConfig: (r): MirroringConfig => ({ ports: r.ports("ports", WATCHED_PORTS) }),
  check: ({ resources, config }) => {
    const res = new Resolver(resources);
    return [AWS, ALICLOUD].flatMap((cloud) => {
      const judged = new Map<string, FilterJudgement>();
      const verdicts = res.ofType(cloud.session).map((session) => sessionVerdict(cloud, res, session, judged, config));
      return verdicts.flatMap((v) => [
        ...v.own,
        ...DIRECTIONS.flatMap((d) => (coveredElsewhere(v, d, verdicts) ? [] : v.directions[d])),
      ]);
    });
  },
});

type FilterJudgement = (session: GenericResource) => Record<Direction, StackFinding[]>;

/** A session's own findings, and its filter's per direction (none when it mirrors nothing or names no filter here). */
function sessionVerdict(
  cloud: Cloud,
  res: Resolver,
  session: GenericResource,
  judged: Map<string, FilterJudgement>,
  config: MirroringConfig,
): SessionVerdict {
  const state = cloud.sessionState?.(session) ?? { findings: [], mirrors: true };
  // A session that truncates packets to less than their headers is reported whatever other sessions mirror: the
  // first session whose filter matches a packet is the one that mirrors it.
  const truncation = packetLengthFindings(session, cloud.ipv6Source?.(res, session) ?? "no");
  const own = { ...state, findings: [...state.findings, ...truncation] };
  const verdict = (directions: Record<Direction, StackFinding[]>, mirrors: boolean): SessionVerdict => ({
    session,
    own: own.findings,
    directions,
    mirrors,
    sources: sourceKeys(session, cloud.sources.field, cloud.sources.list),
  });
  const nothing = { ingress: [], egress: [] };
  if (!own.mirrors) return verdict(nothing, false);
  const ref = filterOf(res, session, cloud.filter);
  if (ref === "outside") return verdict(nothing, false);
  if (ref === "unknown") {
    const note = {
      urn: session.urn,
      ...unverifiable(`${session.name}.${FILTER_ID}`, "it names no filter in the stack, whose rules decide"),
    };
    return { ...verdict(nothing, false), own: [...own.findings, note] };
  }
  if (!judged.has(ref.urn)) judged.set(ref.urn, judgeFilter(cloud, res, ref, config.ports));
  return verdict(judged.get(ref.urn)!(session), true);
}

/** The filter a session or rule names; "outside" for a known id of none in the stack (nothing to judge). */
function filterOf(res: Resolver, from: GenericResource, type: string): GenericResource | "outside" | "unknown" {
  const value = from.inputs[FILTER_ID];
  const urn = res.one(from, FILTER_ID, value, [type]);
  if (urn !== undefined) return res.get(urn)!;
  return isUnknown(unwrap(value)) ? "unknown" : "outside";
}

/** true: the rule is the filter's; false: its unknown filter id may name it; undefined: it is another filter's. */
function membership(res: Resolver, rule: GenericResource, filter: GenericResource): boolean | undefined {
  const ref = filterOf(res, rule, filter.type);
  if (ref === "unknown") return false;
  return ref !== "outside" && ref.urn === filter.urn ? true : undefined;
}

/** The filter's verdict per direction, worded for each session that uses it. */
function judgeFilter(cloud: Cloud, res: Resolver, filter: GenericResource, ports: readonly number[]): FilterJudgement {
  const rules = cloud.rulesOf(res, filter);
  const verdicts = DIRECTIONS.map((d) => {
    const directed = rulesIn(d, rules);
    const v = mirrorVerdict(directed, cloud.words);
    return [d, v, v.kind === "mirrored" ? coverageVerdict(d, directed, ports) : undefined] as const;
  });
  // IPv6 coverage is worked out only for filters whose sessions' sources have IPv6 addresses.
  const ipv6 = new Map<Direction, CoverageVerdict>();
  const ipv6Coverage = (d: Direction) => {
    if (!ipv6.has(d)) ipv6.set(d, coverageVerdict(d, rulesIn(d, rules), ports, "ipv6"));
    return ipv6.get(d)!;
  };
  return (session) => {
    const dualStack = cloud.ipv6Source?.(res, session) ?? "no";
    const findings = (
      d: Direction,
      v: (typeof verdicts)[number][1],
      coverage: CoverageVerdict | undefined,
    ): StackFinding[] => {
      const about = `${session.name}: its filter ${filter.name}`;
      if (coverage && dualStack !== "no") {
        const overIpv6 = coverageFindings(session, filter, d, ipv6Coverage(d), "ipv6");
        const asked = dualStack === "yes" ? overIpv6 : overIpv6.map(ipv6Unverified(session));
        return [...coverageFindings(session, filter, d, coverage, "ipv4"), ...asked];
      }
      if (coverage) return coverageFindings(session, filter, d, coverage, "ipv4");
      if (v.kind === "none")
        return [{ urn: session.urn, message: `${about} mirrors no ${TRAFFIC[d]} traffic: ${v.reason}` }];
      if (v.kind === "depends")
        return [
          {
            urn: session.urn,
            message: `cannot be verified at preview: ${session.name}: whether its filter ${filter.name} mirrors ${TRAFFIC[d]} traffic depends on values not known at preview: ${v.fields.join(", ")}`,
            unverifiable: true,
          },
        ];
      if (v.kind === "too-complex")
        return [
          {
            urn: session.urn,
            message: `cannot be verified at preview: ${about} has ${v.count} distinct ${d} rules, too many or too fragmented to evaluate`,
            unverifiable: true,
          },
        ];
      return [];
    };
    const byDirection = verdicts.map(([d, v, coverage]) => [d, findings(d, v, coverage)] as const);
    return Object.fromEntries(byDirection) as Record<Direction, StackFinding[]>;
  };
}

/** A gap over IPv6 for a source whose IPv6 addresses are unknown at preview is a question, not a violation. */
const ipv6Unverified =
  (session: GenericResource) =>
  (f: StackFinding): StackFinding =>
    f.unverifiable
      ? f
      : {
          urn: f.urn,
          message: `cannot be verified at preview: ${session.name}: whether its source has IPv6 addresses (ipv6AddressCount, ipv6Addresses or the subnet's assignIpv6AddressOnCreation) is unknown, and its filter leaves IPv6 gaps: ${f.message.replace(/; its source has IPv6 addresses:.*$/, "")}`,
          unverifiable: true,
        };

/** Findings about a filter that mirrors some traffic of a direction: is the case's traffic all of it? */
function coverageFindings(
  session: GenericResource,
  filter: GenericResource,
  d: Direction,
  coverage: CoverageVerdict,
  family: Family,
): StackFinding[] {
  const internet = family === "ipv4" ? "the internet" : "the IPv6 internet";
  const what =
    d === "ingress"
      ? `inbound TCP from ${internet} to the watched ports`
      : `outbound TCP from the watched ports to ${internet}`;
  const about = `${session.name}: its filter ${filter.name}`;
  switch (coverage.kind) {
    case "covered":
      return [];
    case "gaps":
      return [
        {
          urn: session.urn,
          message: `${about} does not mirror all ${what}: port${coverage.ports.length > 1 ? "s" : ""} ${coverage.ports.join(", ")} ${d === "ingress" ? "from" : "to"} some internet addresses would leave no evidence${family === "ipv6" ? "; its source has IPv6 addresses: add accept rules for ::/0 beside the 0.0.0.0/0 ones" : ""}`,
        },
      ];
    case "depends":
      return [
        {
          urn: session.urn,
          message: `cannot be verified at preview: ${session.name}: whether its filter ${filter.name} mirrors all ${what} depends on values not known at preview: ${coverage.fields.join(", ")}`,
          unverifiable: true,
        },
      ];
    case "too-complex":
      return [
        {
          urn: session.urn,
          message: `cannot be verified at preview: ${about} has ${d} rules too fragmented to tell whether it mirrors all ${what}`,
          unverifiable: true,
        },
      ];
  }
}

/** Alibaba Cloud creates a session disabled unless `enabled` is true. */
function enablement(session: GenericResource): SessionState {
  const value = session.inputs.enabled;
  const b = bool(value);
  if (b === true) return { findings: [], mirrors: true };
  const at = `${session.name}.enabled`;
  if (b === "unknown")
    return {
      findings: [{ urn: session.urn, ...unverifiable(at, "a disabled session mirrors nothing") }],
      mirrors: true,
    };
  const why =
    value === undefined || value === null
      ? "is unset and the provider's default is false"
      : b === false
        ? "is false"
        : "is not true";
  return {
    findings: [{ urn: session.urn, message: `${session.name}: enabled ${why}, so it mirrors nothing` }],
    mirrors: false,
  };
}
