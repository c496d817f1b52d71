// require-effective-traffic-mirroring: a filter that mirrors something must mirror the case's traffic in full —
// inbound TCP from every public IPv4 address to the watched ports, and the replies outbound.
import { requireEffectiveTrafficMirroring } from "../../policies/stack/require-effective-traffic-mirroring";
import { StackInput, UNKNOWN } from "./harness";
import { ALI_MIRROR, AWS_MIRROR, awsAcceptRule, refersTo } from "./mirror-fixtures";
import { stackTable } from "./stack-table";

const filter: StackInput = { type: AWS_MIRROR.filter, name: "mirror-filter", props: { description: "sensor" } };
const session = (): StackInput => {
  const ref = refersTo(AWS_MIRROR.filter, "mirror-filter");
  return {
    type: AWS_MIRROR.session,
    name: "mirror-session",
    props: { ...ref.props, networkInterfaceId: "eni-app", trafficMirrorTargetId: "tmt-1", sessionNumber: 1 },
    propertyDependencies: ref.propertyDependencies,
  };
};
let n = 0;
/** An AWS filter rule of the one filter: every address and port unless told otherwise. */
const rule = (direction: "ingress" | "egress", props: Record<string, unknown> = {}): StackInput =>
  awsAcceptRule("mirror-filter", `rule-${++n}`, direction, props);
const ports = (fromPort: number, toPort = fromPort) => ({ fromPort, toPort });
const both = [rule("ingress"), rule("egress")];
const aws = (...rules: StackInput[]) => [filter, session(), ...rules];

const aliSession = (): StackInput => {
  const ref = refersTo(ALI_MIRROR.filter, "ali-filter");
  return {
    type: ALI_MIRROR.session,
    name: "ali-session",
    props: { ...ref.props, enabled: true, priority: 1, sourceIds: ["eni-1"], trafficMirrorTargetId: "eni-2" },
    propertyDependencies: ref.propertyDependencies,
  };
};
const aliFilter = (ingressRules: unknown[], egressRules: unknown[]): StackInput => ({
  type: ALI_MIRROR.filter,
  name: "ali-filter",
  props: { ingressRules, egressRules },
});
const aliAll = { protocol: "ALL", sourceCidrBlock: "0.0.0.0/0", destinationCidrBlock: "0.0.0.0/0", action: "accept" };

const gap = (direction: "inbound" | "outbound") => ({
  mentions: `does not mirror all ${direction} TCP`,
  violations: 1,
});

describe("require-effective-traffic-mirroring: the case's traffic mirrored in full", () => {
  stackTable(requireEffectiveTrafficMirroring, [
    // Known good.
    { name: "accept everything both ways", resources: aws(...both), violations: 0 },
    {
      name: "accept only TCP to and from the watched ports (and nothing else)",
      resources: aws(
        rule("ingress", { protocol: 6, destinationPortRange: ports(1, 65535) }),
        rule("egress", { protocol: 6, sourcePortRange: ports(1, 65535) }),
      ),
      violations: 0,
    },
    {
      name: "a reject of private sources ahead of accept-all (internal chatter left out)",
      resources: aws(...both, rule("ingress", { ruleNumber: 10, ruleAction: "reject", sourceCidrBlock: "10.0.0.0/8" })),
      violations: 0,
    },
    {
      name: "a reject of outbound SSH to port 22 ahead of accept-all: not a reply",
      resources: aws(
        ...both,
        rule("egress", { ruleNumber: 10, ruleAction: "reject", protocol: 6, destinationPortRange: ports(22) }),
      ),
      violations: 0,
    },
    {
      name: "a reject of inbound HTTPS ahead of accept-all",
      resources: aws(
        ...both,
        rule("ingress", { ruleNumber: 10, ruleAction: "reject", protocol: 6, destinationPortRange: ports(443) }),
      ),
      violations: 0,
    },
    {
      name: "accept with the destination set to the VPC's block: the host end is one address",
      resources: aws(
        rule("ingress", { destinationCidrBlock: "10.0.0.0/16" }),
        rule("egress", { sourceCidrBlock: "10.0.0.0/16" }),
      ),
      violations: 0,
    },
    {
      name: "the internet in two halves",
      resources: aws(
        rule("ingress", { sourceCidrBlock: "0.0.0.0/1" }),
        rule("ingress", { sourceCidrBlock: "128.0.0.0/1", ruleNumber: 101 }),
        rule("egress"),
      ),
      violations: 0,
    },
    {
      name: "watched ports configured to [443]: a web-only filter passes",
      resources: aws(
        rule("ingress", { protocol: 6, destinationPortRange: ports(443) }),
        rule("egress", { protocol: 6, sourcePortRange: ports(443) }),
      ),
      config: { ports: [443] },
      violations: 0,
    },
    // Known bad.
    {
      name: "a web-only filter misses the remote-login and database ports",
      resources: aws(
        rule("ingress", { protocol: 6, destinationPortRange: ports(443) }),
        rule("egress", { protocol: 6, sourcePortRange: ports(443) }),
      ),
      violations: 2,
      mentions: "ports 22, 3389, 5900, 5985, 5986, 3306, 5432, 1433, 1521, 6379, 27017",
    },
    {
      name: "UDP only",
      resources: aws(rule("ingress", { protocol: 17 }), rule("egress", { protocol: 17 })),
      violations: 2,
      mentions: "does not mirror all",
    },
    {
      name: "inbound from one office only",
      resources: aws(rule("ingress", { sourceCidrBlock: "203.0.113.0/24" }), rule("egress")),
      ...gap("inbound"),
    },
    {
      name: "a reject of inbound SSH ahead of accept-all",
      resources: aws(
        ...both,
        rule("ingress", { ruleNumber: 10, ruleAction: "reject", protocol: 6, destinationPortRange: ports(22) }),
      ),
      violations: 1,
      mentions: "port 22 from",
    },
    {
      name: "a reject of the replies from MySQL ahead of accept-all",
      resources: aws(
        ...both,
        rule("egress", { ruleNumber: 10, ruleAction: "reject", protocol: 6, sourcePortRange: ports(3306) }),
      ),
      violations: 1,
      mentions: "port 3306 to",
    },
    {
      name: "inbound only from high client ports 40000+",
      resources: aws(rule("ingress", { sourcePortRange: ports(40000, 65535) }), rule("egress")),
      ...gap("inbound"),
    },
    {
      name: "only IPv6 both ways",
      resources: aws(
        rule("ingress", { sourceCidrBlock: "::/0", destinationCidrBlock: "::/0" }),
        rule("egress", { sourceCidrBlock: "::/0", destinationCidrBlock: "::/0" }),
      ),
      violations: 2,
    },
    {
      name: "the internet minus one /8 (a reject of 8.0.0.0/8 inbound ahead)",
      resources: aws(...both, rule("ingress", { ruleNumber: 10, ruleAction: "reject", sourceCidrBlock: "8.0.0.0/8" })),
      ...gap("inbound"),
    },
    // Unknown at preview.
    {
      name: "an inbound accept whose source block is unknown",
      resources: aws(rule("ingress", { sourceCidrBlock: UNKNOWN }), rule("egress")),
      violations: 0,
      notes: 1,
    },
    {
      name: "a reject of unknown ports ahead of accept-all",
      resources: aws(
        ...both,
        rule("ingress", { ruleNumber: 10, ruleAction: "reject", protocol: 6, destinationPortRange: UNKNOWN }),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "a reject whose rule number is unknown",
      resources: aws(...both, rule("egress", { ruleNumber: UNKNOWN, ruleAction: "reject", protocol: 6 })),
      violations: 0,
      notes: 1,
    },
    // Alibaba Cloud.
    {
      name: "Alibaba Cloud: accept ALL both ways",
      resources: [aliFilter([{ ...aliAll, priority: 1 }], [{ ...aliAll, priority: 1 }]), aliSession()],
      violations: 0,
    },
    {
      name: "Alibaba Cloud: a drop of inbound TCP 3306 ahead of accept ALL",
      resources: [
        aliFilter(
          [
            { ...aliAll, protocol: "TCP", destinationPortRange: "3306/3306", action: "drop", priority: 1 },
            { ...aliAll, priority: 2 },
          ],
          [{ ...aliAll, priority: 1 }],
        ),
        aliSession(),
      ],
      violations: 1,
      mentions: "port 3306 from",
    },
    {
      name: "Alibaba Cloud: only ICMP inbound",
      resources: [
        aliFilter([{ ...aliAll, protocol: "ICMP", priority: 1 }], [{ ...aliAll, priority: 1 }]),
        aliSession(),
      ],
      ...gap("inbound"),
    },
  ]);
});
