// Adversarial forms of traffic mirror filters: numbers given as strings, casings, rejects split to cover an accept
// together, rule order, unknown values at preview, hostile rule sets, and sessions that must pass.
import { requireEffectiveTrafficMirroring } from "../../policies/stack/require-effective-traffic-mirroring";
import { StackInput, UNKNOWN } from "./harness";
import { stackTable } from "./stack-table";
import { ALI_MIRROR, AWS_MIRROR, refersTo } from "./mirror-fixtures";

const AWS = AWS_MIRROR;
const ALI = ALI_MIRROR;

const awsFilter: StackInput = { type: AWS.filter, name: "f", props: { description: "sensor" } };
const awsSession = (props: Record<string, unknown> = {}): StackInput => ({
  type: AWS.session,
  name: "s",
  props: {
    ...refersTo(AWS.filter, "f").props,
    networkInterfaceId: "eni-1",
    trafficMirrorTargetId: "tmt-1",
    sessionNumber: 1,
    ...props,
  },
  propertyDependencies: refersTo(AWS.filter, "f").propertyDependencies,
});
const awsRule = (name: string, props: Record<string, unknown> = {}): StackInput => ({
  type: AWS.rule,
  name,
  props: {
    ...refersTo(AWS.filter, "f").props,
    trafficDirection: "ingress",
    ruleNumber: 100,
    ruleAction: "accept",
    sourceCidrBlock: "0.0.0.0/0",
    destinationCidrBlock: "0.0.0.0/0",
    ...props,
  },
  propertyDependencies: refersTo(AWS.filter, "f").propertyDependencies,
});
const bothWays = [awsRule("in"), awsRule("out", { trafficDirection: "egress" })];
const rejectOut = (name: string, props: Record<string, unknown> = {}) =>
  awsRule(name, { trafficDirection: "egress", ruleAction: "reject", ruleNumber: 50, ...props });

describe("adversarial AWS traffic mirror filters", () => {
  stackTable(requireEffectiveTrafficMirroring, [
    {
      name: "two rejects, each half of IPv4, together cover the egress accept",
      resources: [
        awsFilter,
        awsSession(),
        ...bothWays,
        rejectOut("low", { sourceCidrBlock: "0.0.0.0/1" }),
        rejectOut("high", { sourceCidrBlock: "128.0.0.0/1", ruleNumber: 60 }),
      ],
      violations: 1,
    },
    {
      name: "rule numbers given as strings: the reject still runs first",
      resources: [
        awsFilter,
        awsSession(),
        awsRule("in"),
        awsRule("out", { trafficDirection: "egress", ruleNumber: "100" }),
        rejectOut("r", { ruleNumber: "50" }),
      ],
      violations: 1,
    },
    {
      name: "a reject of every protocol (0) covers a TCP accept",
      resources: [
        awsFilter,
        awsSession(),
        awsRule("in"),
        awsRule("out", { trafficDirection: "egress", protocol: 6 }),
        rejectOut("r", { protocol: 0 }),
      ],
      violations: 1,
    },
    {
      name: "a reject after the accept shadows nothing",
      resources: [awsFilter, awsSession(), ...bothWays, rejectOut("r", { ruleNumber: 200 })],
      violations: 0,
    },
    {
      name: "a reject of IPv6 only does not cover an IPv4 accept",
      resources: [
        awsFilter,
        awsSession(),
        ...bothWays,
        rejectOut("r", { sourceCidrBlock: "::/0", destinationCidrBlock: "::/0" }),
      ],
      violations: 0,
    },
    {
      name: "a reject whose action is unknown at preview ahead of the accept is a note",
      resources: [awsFilter, awsSession(), ...bothWays, rejectOut("r", { ruleAction: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "the accept's direction in upper case",
      resources: [
        awsFilter,
        awsSession(),
        awsRule("in", { trafficDirection: "INGRESS" }),
        awsRule("out", { trafficDirection: "EGRESS" }),
      ],
      violations: 0,
    },
    {
      name: "a session whose filter id is unknown with no dependency is a note",
      resources: [awsFilter, ...bothWays, { ...awsSession(), propertyDependencies: {} }],
      violations: 0,
      notes: 1,
    },
    {
      name: "a hostile filter: forty distinct egress rejects ahead of the accept",
      resources: [
        awsFilter,
        awsSession(),
        ...bothWays,
        ...Array.from({ length: 40 }, (_, i) =>
          rejectOut(`r${i}`, { ruleNumber: i + 1, sourceCidrBlock: `10.${i}.0.0/16` }),
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a hostile rule: port range a string",
      resources: [awsFilter, awsSession(), ...bothWays, rejectOut("r", { destinationPortRange: "1-65535" })],
      violations: 0,
    },
  ]);
});

const ALL = {
  protocol: "ALL",
  sourceCidrBlock: "0.0.0.0/0",
  destinationCidrBlock: "0.0.0.0/0",
  sourcePortRange: "-1/-1",
  destinationPortRange: "-1/-1",
  action: "accept",
  priority: 2,
};
const aliFilter = (props: Record<string, unknown> = {}): StackInput => ({
  type: ALI.filter,
  name: "af",
  props: { trafficMirrorFilterName: "af", ingressRules: [ALL], egressRules: [ALL], ...props },
});
const aliSession = (props: Record<string, unknown> = {}): StackInput => ({
  type: ALI.session,
  name: "as",
  props: {
    ...refersTo(ALI.filter, "af").props,
    trafficMirrorSourceIds: ["eni-a"],
    trafficMirrorTargetId: "lb-1",
    trafficMirrorTargetType: "SLB",
    priority: 1,
    enabled: true,
    ...props,
  },
  propertyDependencies: refersTo(ALI.filter, "af").propertyDependencies,
});

describe("adversarial Alibaba Cloud traffic mirror filters", () => {
  stackTable(requireEffectiveTrafficMirroring, [
    {
      name: "enabled given as the string true",
      resources: [aliFilter(), aliSession({ enabled: "true" })],
      violations: 0,
    },
    {
      name: "enabled given as the string false",
      resources: [aliFilter(), aliSession({ enabled: "false" })],
      violations: 1,
    },
    {
      name: "an inline drop of everything at a lower priority, given as a string",
      resources: [aliFilter({ egressRules: [{ ...ALL, action: "drop", priority: "1" }, ALL] }), aliSession()],
      violations: 1,
    },
    {
      name: "a separate drop rule using the deprecated ruleAction",
      resources: [
        aliFilter(),
        aliSession(),
        {
          type: ALI.egress,
          name: "drop",
          props: { ...refersTo(ALI.filter, "af").props, ...ALL, action: undefined, ruleAction: "drop", priority: 1 },
          propertyDependencies: refersTo(ALI.filter, "af").propertyDependencies,
        },
      ],
      violations: 1,
    },
    {
      name: "protocol and action in lower and mixed case",
      resources: [aliFilter({ ingressRules: [{ ...ALL, protocol: "all", action: "Accept" }] }), aliSession()],
      violations: 0,
    },
    {
      name: "the kit-style filter mirroring both families both ways",
      resources: [
        aliFilter({
          ingressRules: [ALL, { ...ALL, sourceCidrBlock: "::/0", destinationCidrBlock: "::/0", priority: 3 }],
          egressRules: [ALL, { ...ALL, sourceCidrBlock: "::/0", destinationCidrBlock: "::/0", priority: 3 }],
        }),
        aliSession(),
      ],
      violations: 0,
    },
    {
      name: "a hostile inline list: entries null and numbers",
      resources: [aliFilter({ ingressRules: [null, 7, ALL], egressRules: "ALL" }), aliSession()],
      violations: 1,
    },
  ]);
});
