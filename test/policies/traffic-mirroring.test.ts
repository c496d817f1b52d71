import { requireEffectiveTrafficMirroring } from "../../policies/stack/require-effective-traffic-mirroring";
import { mandatory, runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { ALI_MIRROR, AWS_MIRROR, awsAcceptRule, refersTo } from "./mirror-fixtures";

const AWS = AWS_MIRROR;
const ALI = ALI_MIRROR;

// AWS ------------------------------------------------------------------------------------------------------------

const awsFilter: StackInput = { type: AWS.filter, name: "mirror-filter", props: { description: "sensor" } };

function awsSession(props: Record<string, unknown> = {}, name = "mirror-session"): StackInput {
  const ref = refersTo(AWS.filter, "mirror-filter");
  return {
    type: AWS.session,
    name,
    props: { ...ref.props, networkInterfaceId: "eni-app", trafficMirrorTargetId: "tmt-1", sessionNumber: 1, ...props },
    propertyDependencies: ref.propertyDependencies,
  };
}

function awsRule(name: string, props: Record<string, unknown> = {}): StackInput {
  return awsAcceptRule("mirror-filter", name, "ingress", props);
}

const awsIn = (props: Record<string, unknown> = {}) => awsRule("accept-in", props);
const awsOut = (props: Record<string, unknown> = {}) => awsRule("accept-out", { trafficDirection: "egress", ...props });
const awsRejectAllOut = (ruleNumber: number, props: Record<string, unknown> = {}) =>
  awsRule("reject-out", { trafficDirection: "egress", ruleAction: "reject", ruleNumber, ...props });
const SESSION_URN = urnOf(AWS.session, "mirror-session");

describe("require-effective-traffic-mirroring: AWS", () => {
  stackTable(requireEffectiveTrafficMirroring, [
    // Known bad.
    {
      name: "a filter without rules mirrors nothing either way",
      resources: [awsFilter, awsSession()],
      violations: 2,
      mentions: "no accept rule",
      urn: SESSION_URN,
    },
    {
      name: "only ingress accepted",
      resources: [awsFilter, awsSession(), awsIn()],
      violations: 1,
      mentions: "mirror-session: its filter mirror-filter mirrors no outbound (egress) traffic: no accept rule",
    },
    {
      name: "only egress accepted",
      resources: [awsFilter, awsSession(), awsOut()],
      violations: 1,
      mentions: "mirrors no inbound (ingress) traffic: no accept rule",
    },
    {
      name: "reject-all with a lower number shadows the egress accept",
      resources: [awsFilter, awsSession(), awsIn(), awsOut(), awsRejectAllOut(50)],
      violations: 1,
      mentions: "accept-out (rule number 100) by reject-out (rule number 50)",
    },
    {
      name: "reject-all written as protocol 0 and empty port ranges shadows too",
      resources: [awsFilter, awsSession(), awsIn(), awsOut(), awsRejectAllOut(50, { protocol: 0 })],
      violations: 1,
      mentions: "shadowed by reject rules ahead of it",
    },
    {
      name: "a rule action the cloud refuses leaves no accept",
      resources: [awsFilter, awsSession(), awsIn(), awsOut({ ruleAction: "allow" })],
      violations: 1,
      mentions: "no accept rule",
    },
    {
      name: "an accept with a block that is not a CIDR accepts nothing",
      resources: [awsFilter, awsSession(), awsIn(), awsOut({ sourceCidrBlock: "everywhere" })],
      violations: 1,
      mentions: 'no valid accept rule (accept-out: accept-out.sourceCidrBlock is "everywhere", not a CIDR block)',
    },
    {
      name: "each session using the empty filter is reported",
      resources: [awsFilter, awsSession(), awsSession({}, "second-session"), awsIn()],
      violations: 2,
      mentions: "no outbound (egress) traffic",
    },
    // Known good.
    { name: "both directions accepted", resources: [awsFilter, awsSession(), awsIn(), awsOut()], violations: 0 },
    {
      name: "a partial reject (SSH only) ahead of accept-all",
      resources: [
        awsFilter,
        awsSession(),
        awsIn(),
        awsOut(),
        awsRejectAllOut(50, { protocol: 6, destinationPortRange: { fromPort: 22, toPort: 22 } }),
      ],
      violations: 0,
    },
    {
      name: "a reject of one network ahead of accept-all",
      resources: [
        awsFilter,
        awsSession(),
        awsIn(),
        awsOut(),
        awsRejectAllOut(50, { destinationCidrBlock: "10.0.0.0/8" }),
      ],
      violations: 0,
    },
    {
      name: "reject-all after the accept",
      resources: [awsFilter, awsSession(), awsIn(), awsOut(), awsRejectAllOut(200)],
      violations: 0,
    },
    {
      name: "an IPv4 reject-all ahead leaves only the IPv6 accept: the IPv4 replies go unmirrored",
      resources: [
        awsFilter,
        awsSession(),
        awsIn(),
        awsOut(),
        awsRule("accept-out-v6", {
          trafficDirection: "egress",
          ruleNumber: 110,
          sourceCidrBlock: "::/0",
          destinationCidrBlock: "::/0",
        }),
        awsRejectAllOut(50),
      ],
      violations: 1,
      mentions: "does not mirror all outbound TCP from the watched ports to the internet",
    },
    {
      name: "a packetLength of 64 keeps an IPv4 TCP packet's headers (54 bytes), so it still shows each flow",
      resources: [awsFilter, awsSession({ packetLength: 64 }), awsIn(), awsOut()],
      violations: 0,
    },
    {
      name: "rules of another filter do not count, and do not shadow",
      resources: [
        awsFilter,
        { type: AWS.filter, name: "other-filter", props: {} },
        awsSession(),
        awsIn(),
        awsOut(),
        { ...awsRejectAllOut(1), propertyDependencies: { trafficMirrorFilterId: [urnOf(AWS.filter, "other-filter")] } },
      ],
      violations: 0,
    },
    {
      name: "after deployment: known ids, linked by property dependencies",
      resources: [
        awsFilter,
        awsSession({ trafficMirrorFilterId: "tmf-0abc" }),
        awsIn({ trafficMirrorFilterId: "tmf-0abc" }),
      ],
      violations: 1,
      mentions: "no outbound (egress) traffic",
    },
    // Outside the stack.
    {
      name: "a literal filter id of a filter not in the stack cannot be judged",
      resources: [{ ...awsSession({ trafficMirrorFilterId: "tmf-0existing" }), propertyDependencies: {} }],
      violations: 0,
    },
    // Unknown at preview.
    {
      name: "an unknown filter id with no dependency is a note",
      resources: [awsFilter, { ...awsSession(), propertyDependencies: {} }, awsIn(), awsOut()],
      violations: 0,
      notes: 1,
    },
    {
      name: "a filter id depending on two filters is a note",
      resources: [
        awsFilter,
        { type: AWS.filter, name: "other-filter", props: {} },
        {
          ...awsSession(),
          propertyDependencies: {
            trafficMirrorFilterId: [urnOf(AWS.filter, "mirror-filter"), urnOf(AWS.filter, "other-filter")],
          },
        },
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the only egress rule's action unknown",
      resources: [awsFilter, awsSession(), awsIn(), awsOut({ ruleAction: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a rule ahead of the egress accept whose action is unknown",
      resources: [awsFilter, awsSession(), awsIn(), awsOut(), awsRejectAllOut(50, { ruleAction: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a reject-all whose number is unknown",
      resources: [awsFilter, awsSession(), awsIn(), awsOut(), awsRejectAllOut(50, { ruleNumber: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "an accept whose block comes from a new VPC, behind a reject of 10.0.0.0/8",
      resources: [
        awsFilter,
        awsSession(),
        awsIn(),
        awsOut({ destinationCidrBlock: UNKNOWN }),
        awsRejectAllOut(50, { destinationCidrBlock: "10.0.0.0/8" }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      // Mirrored something either way, but a VPC's block would not hold the internet: whether the replies are kept depends.
      name: "an accept whose block comes from a new VPC, with nothing ahead",
      resources: [awsFilter, awsSession(), awsIn(), awsOut({ destinationCidrBlock: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a rule of unknown direction",
      resources: [awsFilter, awsSession(), awsIn(), awsRule("either", { trafficDirection: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "an accept whose filter id names nothing resolvable may be this filter's",
      resources: [awsFilter, awsSession(), awsIn(), { ...awsOut(), propertyDependencies: {} }],
      violations: 0,
      notes: 1,
    },
    {
      name: "more distinct rules than any cloud allows is a note, not a verdict",
      resources: [
        awsFilter,
        awsSession(),
        awsIn(),
        ...Array.from({ length: 40 }, (_, i) =>
          awsRule(`out-${i}`, {
            trafficDirection: "egress",
            ruleNumber: 100 + i,
            destinationCidrBlock: `10.${i}.0.0/16`,
          }),
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "known bad whatever else is unknown: no egress accept, an unknown ingress action",
      resources: [awsFilter, awsSession(), awsIn({ ruleAction: UNKNOWN })],
      violations: 1,
      notes: 1,
      mentions: "no outbound (egress) traffic",
    },
  ]);

  it("fails closed on request", async () => {
    const resources = [awsFilter, awsSession(), awsIn(), awsOut({ ruleAction: UNKNOWN })];
    const ds = mandatory(await runStack(requireEffectiveTrafficMirroring, resources, { failClosed: true }));
    expect(ds.map((d) => d.message.split("\n")[1])).toEqual([
      "cannot be verified at preview: mirror-session: whether its filter mirror-filter mirrors outbound (egress) traffic depends on values not known at preview: accept-out.ruleAction; failing closed — breaks case step 5 (the response needed audit logs, mirrored traffic and backups)",
    ]);
  });

  it("ends its messages with the case step", async () => {
    const ds = mandatory(await runStack(requireEffectiveTrafficMirroring, [awsFilter, awsSession(), awsIn()]));
    expect(ds.map((d) => d.message.split("\n")[1])).toEqual([
      "mirror-session: its filter mirror-filter mirrors no outbound (egress) traffic: no accept rule — breaks case step 5 (the response needed audit logs, mirrored traffic and backups)",
    ]);
  });

  it("honours an exemption of the session", async () => {
    const exemptions = [
      {
        resource: "mirror-session",
        reason: "this sensor only inspects the inbound brute force",
        owner: "secops",
        expires: "2999-01-01",
      },
    ];
    const ds = await runStack(requireEffectiveTrafficMirroring, [awsFilter, awsSession(), awsIn()], { exemptions });
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
  });
});

// Alibaba Cloud ---------------------------------------------------------------------------------------------------

const ALL = {
  protocol: "ALL",
  sourceCidrBlock: "0.0.0.0/0",
  destinationCidrBlock: "0.0.0.0/0",
  sourcePortRange: "-1/-1",
  destinationPortRange: "-1/-1",
  action: "accept",
  priority: 1,
};

const aliFilter = (props: Record<string, unknown> = {}): StackInput => ({
  type: ALI.filter,
  name: "ali-filter",
  props: { trafficMirrorFilterName: "ali-filter", ...props },
});
const inline = (props: Record<string, unknown> = {}) =>
  aliFilter({ ingressRules: [ALL], egressRules: [ALL], ...props });

function aliSession(props: Record<string, unknown> = {}): StackInput {
  const ref = refersTo(ALI.filter, "ali-filter");
  return {
    type: ALI.session,
    name: "ali-session",
    props: {
      ...ref.props,
      trafficMirrorSourceIds: ["eni-a"],
      trafficMirrorTargetId: "lb-1",
      trafficMirrorTargetType: "SLB",
      priority: 1,
      enabled: true,
      ...props,
    },
    propertyDependencies: ref.propertyDependencies,
  };
}

function aliRule(direction: "ingress" | "egress", name: string, props: Record<string, unknown> = {}): StackInput {
  const ref = refersTo(ALI.filter, "ali-filter");
  return {
    type: direction === "ingress" ? ALI.ingress : ALI.egress,
    name,
    props: { ...ref.props, ...ALL, ...props },
    propertyDependencies: ref.propertyDependencies,
  };
}

describe("require-effective-traffic-mirroring: Alibaba Cloud", () => {
  stackTable(requireEffectiveTrafficMirroring, [
    // Known bad.
    {
      name: "session enabled false",
      resources: [inline(), aliSession({ enabled: false })],
      violations: 1,
      mentions: "ali-session: enabled is false, so it mirrors nothing",
    },
    {
      name: "session enabled unset (the provider's default is false)",
      resources: [inline(), aliSession({ enabled: undefined })],
      violations: 1,
      mentions: "enabled is unset and the provider's default is false",
    },
    {
      name: "inline drop-all ahead of accept-all",
      resources: [
        inline({
          ingressRules: [
            { ...ALL, action: "drop", priority: 1 },
            { ...ALL, priority: 2 },
          ],
        }),
        aliSession(),
      ],
      violations: 1,
      mentions:
        "mirrors no inbound (ingress) traffic: every accept rule is shadowed by drop rules ahead of it: ali-filter.ingressRules[1] (priority 2) by ali-filter.ingressRules[0] (priority 1)",
    },
    {
      name: "inline ingress only",
      resources: [inline({ egressRules: undefined }), aliSession()],
      violations: 1,
      mentions: "no outbound (egress) traffic: no accept rule",
    },
    {
      name: "a filter without any rule",
      resources: [aliFilter(), aliSession()],
      violations: 2,
      mentions: "no accept rule",
    },
    {
      name: "a separate egress drop rule ahead of the egress accept",
      resources: [
        aliFilter(),
        aliSession(),
        aliRule("ingress", "in"),
        aliRule("egress", "out", { priority: 2 }),
        aliRule("egress", "drop-out", { action: "drop", priority: 1 }),
      ],
      violations: 1,
      mentions: "out (priority 2) by drop-out (priority 1)",
    },
    {
      name: "a separate drop rule shadows an inline accept",
      resources: [
        inline({ ingressRules: [{ ...ALL, priority: 2 }] }),
        aliSession(),
        aliRule("ingress", "drop-in", { action: "drop", priority: 1 }),
      ],
      violations: 1,
      mentions: "inbound (ingress)",
    },
    // Known good.
    { name: "inline accept-all both ways", resources: [inline(), aliSession()], violations: 0 },
    {
      name: "separate accept rules both ways (the component's shape)",
      resources: [aliFilter(), aliSession(), aliRule("ingress", "in"), aliRule("egress", "out")],
      violations: 0,
    },
    {
      name: "the deprecated ruleAction still accepts",
      resources: [
        aliFilter(),
        aliSession(),
        aliRule("ingress", "in", { action: undefined, ruleAction: "accept" }),
        aliRule("egress", "out", { action: undefined, ruleAction: "accept" }),
      ],
      violations: 0,
    },
    {
      name: "a partial drop (TCP 22) ahead of accept-all",
      resources: [
        inline({
          egressRules: [
            { ...ALL, protocol: "TCP", destinationPortRange: "22/22", action: "drop", priority: 1 },
            { ...ALL, priority: 2 },
          ],
        }),
        aliSession(),
      ],
      violations: 0,
    },
    {
      name: "an inline rule without blocks reads as every address",
      resources: [inline({ egressRules: [{ protocol: "ALL", action: "accept", priority: 1 }] }), aliSession()],
      violations: 0,
    },
    // Unknown at preview.
    { name: "enabled unknown", resources: [inline(), aliSession({ enabled: UNKNOWN })], violations: 0, notes: 1 },
    {
      name: "an unknown inline rule list",
      resources: [inline({ ingressRules: UNKNOWN }), aliSession()],
      violations: 0,
      notes: 1,
    },
    {
      name: "a separate rule's action unknown",
      resources: [aliFilter(), aliSession(), aliRule("ingress", "in"), aliRule("egress", "out", { action: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "an unknown filter id with no dependency",
      resources: [inline(), { ...aliSession(), propertyDependencies: {} }],
      violations: 0,
      notes: 1,
    },
    {
      name: "a literal filter id of a filter not in the stack",
      resources: [{ ...aliSession({ trafficMirrorFilterId: "tmf-existing" }), propertyDependencies: {} }],
      violations: 0,
    },
    {
      name: "disabled is known bad even with an unknown filter",
      resources: [{ ...aliSession({ enabled: false }), propertyDependencies: {} }],
      violations: 1,
    },
  ]);
});

describe("require-effective-traffic-mirroring: hostile values", () => {
  it.each([
    ["null everywhere", { trafficMirrorFilterId: null, enabled: null }],
    ["numbers for strings", { trafficMirrorFilterId: 7, enabled: 1 }],
    ["objects for strings", { trafficMirrorFilterId: { a: 1 }, enabled: {} }],
  ])("reports rather than throws: %s", async (_n, props) => {
    const resources: StackInput[] = [
      aliFilter({ ingressRules: [null, 3, "x", { priority: NaN, protocol: {}, action: [] }], egressRules: "nope" }),
      aliSession(props),
      aliRule("ingress", "odd", { sourcePortRange: { from: 1 }, priority: Infinity, sourceCidrBlock: 12 }),
      awsFilter,
      awsSession(props),
      awsRule("odd", { destinationPortRange: "22", protocol: -1, ruleNumber: "x", trafficDirection: ["ingress"] }),
    ];
    await expect(runStack(requireEffectiveTrafficMirroring, resources)).resolves.toBeDefined();
  });
});

describe("require-effective-traffic-mirroring: size", () => {
  it("judges thousands of repeated inline rules with one short finding", async () => {
    const drops = Array.from({ length: 3000 }, () => ({ ...ALL, action: "drop" }));
    const ds = mandatory(
      await runStack(requireEffectiveTrafficMirroring, [inline({ egressRules: drops }), aliSession()]),
    );
    expect(ds).toHaveLength(1);
    // The finding follows the policy's description: it must not list the thousands of rules.
    expect(ds[0].message.split("\n").slice(1).join("\n").length).toBeLessThan(500);
  });
});

// Several sessions on one source --------------------------------------------------------------------------------

/** An AWS filter of its own name with one accept-all rule in `direction`, and a session using it on `eni`. */
function awsOneWay(direction: "ingress" | "egress", eni: unknown, eniDeps?: string[]): StackInput[] {
  const filterName = `${direction}-filter`;
  const ref = refersTo(AWS.filter, filterName);
  const sessionDeps: Record<string, string[]> = eniDeps ? { networkInterfaceId: eniDeps } : {};
  return [
    { type: AWS.filter, name: filterName, props: {} },
    awsAcceptRule(filterName, `${direction}-accept`, direction),
    {
      type: AWS.session,
      name: `${direction}-session`,
      props: { ...ref.props, networkInterfaceId: eni, trafficMirrorTargetId: "tmt-1", sessionNumber: 1 },
      propertyDependencies: { ...ref.propertyDependencies, ...sessionDeps },
    },
  ];
}

/** An Alibaba Cloud filter accepting everything one way only, and an enabled session using it on `sources`. */
function aliOneWay(direction: "ingress" | "egress", sources: unknown, props: Record<string, unknown> = {}) {
  const filterName = `${direction}-only`;
  const ref = refersTo(ALI.filter, filterName);
  const rules = direction === "ingress" ? { ingressRules: [ALL] } : { egressRules: [ALL] };
  return [
    { type: ALI.filter, name: filterName, props: { trafficMirrorFilterName: filterName, ...rules } },
    {
      type: ALI.session,
      name: `${direction}-session`,
      props: { ...ref.props, trafficMirrorSourceIds: sources, trafficMirrorTargetId: "lb-1", enabled: true, ...props },
      propertyDependencies: ref.propertyDependencies,
    },
  ];
}

const INSTANCE_URN = urnOf("aws:ec2/instance:Instance", "app");
/** New instances whose interface ids the sessions take: unknown at preview, linked by property dependency. */
const instances: StackInput[] = ["app", "db"].map((name) => ({ type: "aws:ec2/instance:Instance", name, props: {} }));

describe("require-effective-traffic-mirroring: one direction per session on the same source", () => {
  stackTable(requireEffectiveTrafficMirroring, [
    // Known good: the interface's sessions together mirror both ways.
    {
      name: "AWS: an ingress-only and an egress-only session on one interface",
      resources: [...awsOneWay("ingress", "eni-app"), ...awsOneWay("egress", "eni-app")],
      violations: 0,
    },
    {
      name: "AWS at preview: both sessions on the same new instance's interface",
      resources: [
        ...instances,
        ...awsOneWay("ingress", UNKNOWN, [INSTANCE_URN]),
        ...awsOneWay("egress", UNKNOWN, [INSTANCE_URN]),
      ],
      violations: 0,
    },
    {
      name: "Alibaba Cloud: an ingress-only and an egress-only session on one interface",
      resources: [...aliOneWay("ingress", ["eni-a"]), ...aliOneWay("egress", ["eni-a"])],
      violations: 0,
    },
    // Known bad: a source left without one direction.
    {
      name: "AWS: the sessions are on different interfaces",
      resources: [...awsOneWay("ingress", "eni-app"), ...awsOneWay("egress", "eni-db")],
      violations: 2,
    },
    {
      name: "AWS at preview: interfaces of different new instances",
      resources: [
        ...instances,
        ...awsOneWay("ingress", UNKNOWN, [INSTANCE_URN]),
        ...awsOneWay("egress", UNKNOWN, [urnOf("aws:ec2/instance:Instance", "db")]),
      ],
      violations: 2,
    },
    {
      name: "AWS at preview: an interface id with no dependency cannot be matched",
      resources: [...awsOneWay("ingress", UNKNOWN), ...awsOneWay("egress", UNKNOWN)],
      violations: 2,
    },
    {
      name: "Alibaba Cloud: one of the ingress session's two sources has no egress session",
      resources: [...aliOneWay("ingress", ["eni-a", "eni-b"]), ...aliOneWay("egress", ["eni-a"])],
      violations: 1,
      mentions: "ingress-session: its filter ingress-only mirrors no outbound (egress) traffic",
    },
    {
      name: "Alibaba Cloud: the egress session is disabled",
      resources: [...aliOneWay("ingress", ["eni-a"]), ...aliOneWay("egress", ["eni-a"], { enabled: false })],
      violations: 2,
    },
    {
      name: "Alibaba Cloud: sources unknown at preview cannot be matched",
      resources: [...aliOneWay("ingress", [UNKNOWN, UNKNOWN]), ...aliOneWay("egress", [UNKNOWN, UNKNOWN])],
      violations: 2,
    },
    {
      name: "Alibaba Cloud: the egress session mirrors web traffic only",
      resources: [
        ...aliOneWay("ingress", ["eni-a"]),
        ...aliOneWay("egress", ["eni-a"]).map((r) =>
          r.type === ALI.filter
            ? { ...r, props: { ...r.props, egressRules: [{ ...ALL, protocol: "TCP", sourcePortRange: "443/443" }] } }
            : r,
        ),
      ],
      // The ingress session lacks egress, the egress session misses the replies from the watched ports.
      violations: 2,
    },
  ]);
});
