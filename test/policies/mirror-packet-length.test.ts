// require-effective-traffic-mirroring: a session's packetLength truncates every mirrored packet. Cut shorter than the
// Ethernet, IP and TCP headers (54 bytes over IPv4, 74 over IPv6) it keeps no addresses or ports, so the capture
// cannot show who connected where.
import { requireEffectiveTrafficMirroring } from "../../policies/stack/require-effective-traffic-mirroring";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { ALI_MIRROR, AWS_MIRROR, awsAcceptRule, refersTo } from "./mirror-fixtures";
import { stackTable } from "./stack-table";

const ENI = "aws:ec2/networkInterface:NetworkInterface";

// AWS: a filter accepting every packet both ways over both families, so only the session's own settings matter.
const awsFilter: StackInput = { type: AWS_MIRROR.filter, name: "forensics", props: {} };
const v6 = { sourceCidrBlock: "::/0", destinationCidrBlock: "::/0", ruleNumber: 110 };
const acceptAll = [
  awsAcceptRule("forensics", "in4", "ingress"),
  awsAcceptRule("forensics", "out4", "egress"),
  awsAcceptRule("forensics", "in6", "ingress", v6),
  awsAcceptRule("forensics", "out6", "egress", v6),
];
const eni = (props: Record<string, unknown> = {}): StackInput => ({
  type: ENI,
  name: "app-eni",
  props: { subnetId: "subnet-1", ...props },
});
/** A session on the stack's interface (its id unknown at preview), or on a known interface id outside the stack. */
function awsSession(props: Record<string, unknown> = {}, name = "mirror", sessionNumber = 1): StackInput {
  const ref = refersTo(AWS_MIRROR.filter, "forensics");
  const onEni = props.networkInterfaceId === undefined;
  return {
    type: AWS_MIRROR.session,
    name,
    props: { ...ref.props, networkInterfaceId: UNKNOWN, trafficMirrorTargetId: "tmt-1", sessionNumber, ...props },
    propertyDependencies: {
      ...ref.propertyDependencies,
      ...(onEni ? { networkInterfaceId: [urnOf(ENI, "app-eni")] } : {}),
    },
  };
}
const AWS_SESSION = urnOf(AWS_MIRROR.session, "mirror");
const ipv4Only = eni();
const dualStack = eni({ ipv6AddressCount: 1 });

describe("require-effective-traffic-mirroring: AWS packetLength", () => {
  stackTable(requireEffectiveTrafficMirroring, [
    // Known bad.
    {
      name: "1 byte keeps nothing of the headers",
      resources: [ipv4Only, awsFilter, ...acceptAll, awsSession({ packetLength: 1 })],
      violations: 1,
      urn: AWS_SESSION,
      mentions: "packetLength 1 keeps only the first 1 bytes of each mirrored packet, fewer than the 54",
    },
    {
      name: "53 bytes cut the TCP header short",
      resources: [ipv4Only, awsFilter, ...acceptAll, awsSession({ packetLength: 53 })],
      violations: 1,
      mentions: "cannot show which addresses and ports connected",
    },
    {
      name: "a length written as a string is read as the number",
      resources: [ipv4Only, awsFilter, ...acceptAll, awsSession({ packetLength: "20" })],
      violations: 1,
      mentions: "packetLength 20",
    },
    {
      name: "64 bytes on a source with IPv6 addresses cut the IPv6 headers short",
      resources: [dualStack, awsFilter, ...acceptAll, awsSession({ packetLength: 64 })],
      violations: 1,
      urn: AWS_SESSION,
      mentions: "its source has IPv6 addresses: fewer than the 74",
    },
    {
      name: "too short on a dual-stack source: the fix names the IPv6 length",
      resources: [dualStack, awsFilter, ...acceptAll, awsSession({ packetLength: 40 })],
      violations: 1,
      mentions: "set it to at least 74",
    },
    {
      name: "a truncating session is reported even beside one mirroring whole packets on the same interface",
      resources: [ipv4Only, awsFilter, ...acceptAll, awsSession({ packetLength: 1 }), awsSession({}, "full", 2)],
      violations: 1,
      urn: AWS_SESSION,
    },
    {
      name: "a session on an interface outside the stack is judged by IPv4 headers",
      resources: [awsFilter, ...acceptAll, awsSession({ networkInterfaceId: "eni-0abc", packetLength: 32 })],
      violations: 1,
      mentions: "at least 54",
    },
    // Known good.
    {
      name: "packetLength unset mirrors whole packets",
      resources: [ipv4Only, awsFilter, ...acceptAll, awsSession()],
      violations: 0,
    },
    {
      name: "exactly 54 bytes keep an IPv4 TCP packet's headers",
      resources: [ipv4Only, awsFilter, ...acceptAll, awsSession({ packetLength: 54 })],
      violations: 0,
    },
    {
      name: "64 bytes on an IPv4-only source",
      resources: [ipv4Only, awsFilter, ...acceptAll, awsSession({ packetLength: 64 })],
      violations: 0,
    },
    {
      name: "exactly 74 bytes on a dual-stack source",
      resources: [dualStack, awsFilter, ...acceptAll, awsSession({ packetLength: 74 })],
      violations: 0,
    },
    {
      name: "the NLB target's 8500",
      resources: [dualStack, awsFilter, ...acceptAll, awsSession({ packetLength: 8500 })],
      violations: 0,
    },
    // Unknown at preview.
    {
      name: "packetLength unknown at preview",
      resources: [ipv4Only, awsFilter, ...acceptAll, awsSession({ packetLength: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "64 bytes where whether the source has IPv6 addresses is unknown",
      resources: [eni({ ipv6AddressCount: UNKNOWN }), awsFilter, ...acceptAll, awsSession({ packetLength: 64 })],
      violations: 0,
      notes: 1,
    },
    {
      name: "too short for IPv4 whatever the source: a violation even when IPv6 is unknown",
      resources: [eni({ ipv6AddressCount: UNKNOWN }), awsFilter, ...acceptAll, awsSession({ packetLength: 10 })],
      violations: 1,
      mentions: "fewer than the 54",
    },
  ]);
});

// Alibaba Cloud: an inline filter accepting everything both ways, an enabled session.
const ALL = {
  protocol: "ALL",
  sourceCidrBlock: "0.0.0.0/0",
  destinationCidrBlock: "0.0.0.0/0",
  sourcePortRange: "-1/-1",
  destinationPortRange: "-1/-1",
  action: "accept",
  priority: 1,
};
const aliFilter: StackInput = {
  type: ALI_MIRROR.filter,
  name: "ali-filter",
  props: { trafficMirrorFilterName: "ali-filter", ingressRules: [ALL], egressRules: [ALL] },
};
function aliSession(props: Record<string, unknown> = {}): StackInput {
  const ref = refersTo(ALI_MIRROR.filter, "ali-filter");
  return {
    type: ALI_MIRROR.session,
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
const ALI_SESSION = urnOf(ALI_MIRROR.session, "ali-session");

describe("require-effective-traffic-mirroring: Alibaba Cloud packetLength", () => {
  stackTable(requireEffectiveTrafficMirroring, [
    {
      name: "1 byte keeps nothing of the headers",
      resources: [aliFilter, aliSession({ packetLength: 1 })],
      violations: 1,
      urn: ALI_SESSION,
      mentions: "ali-session: packetLength 1 keeps only the first 1 bytes",
    },
    {
      name: "disabled and truncated: both reported",
      resources: [aliFilter, aliSession({ packetLength: 1, enabled: false })],
      violations: 2,
      urn: ALI_SESSION,
    },
    { name: "the provider's default (1500)", resources: [aliFilter, aliSession()], violations: 0 },
    { name: "exactly 54 bytes", resources: [aliFilter, aliSession({ packetLength: 54 })], violations: 0 },
    { name: "64 bytes", resources: [aliFilter, aliSession({ packetLength: 64 })], violations: 0 },
    {
      name: "packetLength unknown at preview",
      resources: [aliFilter, aliSession({ packetLength: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
  ]);
});
