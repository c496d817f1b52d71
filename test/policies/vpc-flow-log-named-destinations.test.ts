// require-vpc-flow-logs-all-traffic on destinations named by value rather than by reference. A literal CloudWatch Logs
// ARN names a log group of the stack by its name in the ARN's region and account: judged as that group when the plan
// shows both, a note saying what the group keeps when it does not. An Alibaba Cloud log store name names a store only
// within the flow log's project: a project unknown at preview leaves an equal name a note, unless the flow log
// depends on the store itself, or both read their project from one log project of the stack.
import { GenericResource } from "../../lib/reachability";
import { storeNaming } from "../../policies/lib/flow-log-stores";
import { requireVpcFlowLogsAllTraffic } from "../../policies/stack/require-vpc-flow-logs-all-traffic";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTableEveryNote } from "./stack-table-every-note";

const rule = requireVpcFlowLogsAllTraffic;
const VPC = "aws:ec2/vpc:Vpc";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ALI_VPC = "alicloud:vpc/network:Network";
const ALI_FLOW_LOG = "alicloud:vpc/flowLog:FlowLog";
const LOG_STORE = "alicloud:log/store:Store";

const PROVIDER = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::home";
const ACCOUNT = "111111111111";
const ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:flow`;

/** The provider both resources use, with the region and the one account it may act in. */
const HOME = { provider: PROVIDER, providerProps: { region: "us-east-1", allowedAccountIds: [ACCOUNT] } };

interface Place {
  provider?: string;
  providerProps?: Record<string, unknown>;
}

/** A VPC, a log group `flow` with these props and place, and the VPC's flow log to `destination`. */
function awsFlowTo(destination: string, groupProps: Record<string, unknown>, place: Place = HOME): StackInput[] {
  return [
    { type: VPC, name: "main", props: { cidrBlock: "10.0.0.0/16" }, ...place },
    { type: LOG_GROUP, name: "flow", props: { name: "flow", ...groupProps }, ...place },
    {
      type: FLOW_LOG,
      name: "flow",
      props: { vpcId: UNKNOWN, trafficType: "ALL", logDestination: destination },
      propertyDependencies: { vpcId: [urnOf(VPC, "main")] },
      ...place,
    },
  ];
}

const OUTSIDE = "log group outside the stack, retention cannot be verified";

describe("2. a literal log group ARN naming a log group of the stack", () => {
  stackTableEveryNote(rule, [
    {
      name: "ARN of group flow, kept 1 day, the provider's region and only account",
      resources: awsFlowTo(ARN, { retentionInDays: 1 }),
      violations: 1,
      mentions: "log group flow keeps logs 1 days, fewer than 180",
    },
    {
      name: "the ARN with the trailing :*",
      resources: awsFlowTo(`${ARN}:*`, { retentionInDays: 1 }),
      violations: 1,
      mentions: "log group flow keeps logs 1 days",
    },
    {
      name: "the group's own region argument matching the ARN's",
      resources: awsFlowTo(
        ARN,
        { retentionInDays: 1, region: "us-east-1" },
        {
          provider: PROVIDER,
          providerProps: { region: "eu-west-1", allowedAccountIds: [ACCOUNT] },
        },
      ),
      violations: 1,
      mentions: "keeps logs 1 days",
    },
    {
      name: "the group's own ARN given, equal to the destination",
      resources: awsFlowTo(`${ARN}:*`, { retentionInDays: 1, arn: ARN }, {}),
      violations: 1,
      mentions: "keeps logs 1 days",
    },
    { name: "kept 365 days", resources: awsFlowTo(ARN, { retentionInDays: 365 }), violations: 0 },
    { name: "kept forever (retention absent)", resources: awsFlowTo(`${ARN}:*`, {}), violations: 0 },
    {
      name: "ARN of another region than the group's",
      resources: awsFlowTo(ARN.replace("us-east-1", "eu-west-1"), { retentionInDays: 1 }),
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "ARN of another account than the provider may act in",
      resources: awsFlowTo(ARN.replace(ACCOUNT, "222222222222"), { retentionInDays: 1 }),
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "ARN of another log group name",
      resources: awsFlowTo(ARN.replace(":flow", ":flow-archive"), { retentionInDays: 1 }),
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "the group's own ARN given, of another account",
      resources: awsFlowTo(ARN, { retentionInDays: 1, arn: ARN.replace(ACCOUNT, "222222222222") }, {}),
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
    {
      name: "no provider shown: region and account unseen, kept 1 day",
      resources: awsFlowTo(ARN, { retentionInDays: 1 }, {}),
      violations: 0,
      notes: 1,
      noteMentions: `log group flow keeps logs 1 days, fewer than 180 if ${ARN} names it`,
    },
    {
      name: "the same, failing closed",
      resources: awsFlowTo(ARN, { retentionInDays: 1 }, {}),
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "region shown, account not: kept 1 day",
      resources: awsFlowTo(ARN, { retentionInDays: 1 }, { provider: PROVIDER, providerProps: { region: "us-east-1" } }),
      violations: 0,
      notes: 1,
      noteMentions: "allowedAccountIds",
    },
    {
      name: "the provider may act in two accounts",
      resources: awsFlowTo(
        ARN,
        { retentionInDays: 1 },
        {
          provider: PROVIDER,
          providerProps: { region: "us-east-1", allowedAccountIds: [ACCOUNT, "222222222222"] },
        },
      ),
      violations: 0,
      notes: 1,
      noteMentions: "keeps logs 1 days",
    },
    {
      name: "the provider's region unknown at preview",
      resources: awsFlowTo(
        ARN,
        { retentionInDays: 1 },
        {
          provider: PROVIDER,
          providerProps: { region: UNKNOWN, allowedAccountIds: [ACCOUNT] },
        },
      ),
      violations: 0,
      notes: 1,
      noteMentions: "region",
    },
    {
      name: "no provider shown, kept 365 days: the ARN may still name a group outside",
      resources: awsFlowTo(ARN, { retentionInDays: 365 }, {}),
      violations: 0,
      notes: 1,
      noteMentions: "may name log group flow of the stack or one outside it",
    },
    {
      name: "the group's retention unknown at preview",
      resources: awsFlowTo(ARN, { retentionInDays: UNKNOWN }),
      violations: 0,
      notes: 1,
      noteMentions: "retention is unknown at preview",
    },
    {
      name: "a destination that is no log group ARN",
      resources: awsFlowTo("arn:aws:logs:us-east-1:111111111111:destination:flow", { retentionInDays: 1 }),
      violations: 0,
      notes: 1,
      noteMentions: OUTSIDE,
    },
  ]);
});

interface AliFlow {
  projectName: unknown;
  /** Flow log inputs holding a reference to the store: their property dependencies name it. */
  propertyDependencies?: Record<string, string[]>;
  dependencies?: string[];
}

/** An Alibaba Cloud VPC, a log store `flow` with these props, and the VPC's flow log to store name "flow". */
function aliFlowTo(storeProps: Record<string, unknown>, flow: AliFlow): StackInput[] {
  return [
    { type: ALI_VPC, name: "vpc", props: {} },
    { type: LOG_STORE, name: "flow", props: { logstoreName: "flow", ...storeProps } },
    {
      type: ALI_FLOW_LOG,
      name: "flow",
      props: {
        resourceType: "VPC",
        resourceId: UNKNOWN,
        trafficType: "All",
        projectName: flow.projectName,
        logStoreName: "flow",
      },
      propertyDependencies: { resourceId: [urnOf(ALI_VPC, "vpc")], ...flow.propertyDependencies },
      dependencies: flow.dependencies,
    },
  ];
}

const STORE = urnOf(LOG_STORE, "flow");

describe("3. an Alibaba Cloud log store named by name needs the flow log's project", () => {
  stackTableEveryNote(rule, [
    {
      name: "project unknown at preview, a store of that name in project other keeping 3650 days",
      resources: aliFlowTo({ projectName: "other", retentionPeriod: 3650 }, { projectName: UNKNOWN }),
      violations: 0,
      notes: 1,
      noteMentions:
        "may name log store flow of the stack or one outside it, retention cannot be verified: flow's projectName is not known at preview",
    },
    {
      name: "the same, failing closed",
      resources: aliFlowTo({ projectName: "other", retentionPeriod: 3650 }, { projectName: UNKNOWN }),
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "project unknown, the store keeping 30 days",
      resources: aliFlowTo({ projectName: "other", retentionPeriod: 30 }, { projectName: UNKNOWN }),
      violations: 0,
      notes: 1,
      noteMentions: 'log store flow keeps logs 30 days, fewer than 180 if logStoreName "flow" names it',
    },
    {
      name: "project unknown but read from the store: the store is the one named, 30 days",
      resources: aliFlowTo(
        { projectName: "other", retentionPeriod: 30 },
        { projectName: UNKNOWN, propertyDependencies: { projectName: [STORE] } },
      ),
      violations: 1,
      mentions: "log store flow keeps logs 30 days",
    },
    {
      name: "project unknown, the flow log depending on the store explicitly, 30 days",
      resources: aliFlowTo(
        { projectName: "other", retentionPeriod: 30 },
        { projectName: UNKNOWN, dependencies: [STORE] },
      ),
      violations: 1,
      mentions: "log store flow keeps logs 30 days",
    },
    {
      name: "project read from the store, 3650 days",
      resources: aliFlowTo(
        { projectName: "other", retentionPeriod: 3650 },
        { projectName: UNKNOWN, propertyDependencies: { projectName: [STORE] } },
      ),
      violations: 0,
    },
    {
      name: "both projects known and equal, 30 days",
      resources: aliFlowTo({ projectName: "audit", retentionPeriod: 30 }, { projectName: "audit" }),
      violations: 1,
      mentions: "log store flow keeps logs 30 days",
    },
    {
      name: "both projects known and equal, 365 days",
      resources: aliFlowTo({ projectName: "audit", retentionPeriod: 365 }, { projectName: "audit" }),
      violations: 0,
    },
    {
      name: "both projects known and different",
      resources: aliFlowTo({ projectName: "other", retentionPeriod: 3650 }, { projectName: "audit" }),
      violations: 0,
      notes: 1,
      noteMentions: "log store outside the stack",
    },
    {
      name: "the store's project unknown at preview",
      resources: aliFlowTo({ projectName: UNKNOWN, retentionPeriod: 3650 }, { projectName: "audit" }),
      violations: 0,
      notes: 1,
      noteMentions: "log store flow's project is not known at preview",
    },
  ]);
});

const LOG_PROJECT = "alicloud:log/project:Project";
const RANDOM = "random:index/randomString:RandomString";
const AUDIT = urnOf(LOG_PROJECT, "audit");
const ARCHIVE = urnOf(LOG_PROJECT, "archive");
const SUFFIX = urnOf(RANDOM, "suffix");

/** One side's project: its value (unknown at preview unless given), what it is read from, and the store's field. */
interface ProjectSide {
  from: string[];
  value?: unknown;
  field?: "projectName" | "project";
}

/**
 * Log projects audit and archive named with one random suffix (unknown at preview), a store "other" in audit, a
 * store "vpc-flow" keeping `retentionPeriod` days, and the VPC's flow log to store name "vpc-flow", each side's
 * project read from `from`.
 */
function projectFlowTo(retentionPeriod: number, store: ProjectSide, flow: ProjectSide): StackInput[] {
  const named = { projectName: UNKNOWN };
  const bySuffix = { projectName: [SUFFIX] };
  const storeField = store.field ?? "projectName";
  return [
    { type: RANDOM, name: "suffix", props: { length: 6 } },
    { type: LOG_PROJECT, name: "audit", props: named, propertyDependencies: bySuffix },
    { type: LOG_PROJECT, name: "archive", props: named, propertyDependencies: bySuffix },
    { type: ALI_VPC, name: "vpc", props: {} },
    {
      type: LOG_STORE,
      name: "other",
      props: { projectName: UNKNOWN, logstoreName: "other", retentionPeriod: 3650 },
      propertyDependencies: { projectName: [AUDIT] },
    },
    {
      type: LOG_STORE,
      name: "vpc-flow",
      props: { [storeField]: "value" in store ? store.value : UNKNOWN, logstoreName: "vpc-flow", retentionPeriod },
      propertyDependencies: { [storeField]: store.from },
    },
    {
      type: ALI_FLOW_LOG,
      name: "flow",
      props: {
        resourceType: "VPC",
        resourceId: UNKNOWN,
        trafficType: "All",
        projectName: "value" in flow ? flow.value : UNKNOWN,
        logStoreName: "vpc-flow",
      },
      propertyDependencies: { resourceId: [urnOf(ALI_VPC, "vpc")], projectName: flow.from },
    },
  ];
}

const MAY_NAME = "may name log store vpc-flow of the stack or one outside it, retention cannot be verified";

describe("4. a log store and a flow log whose projects are read from one log project of the stack", () => {
  stackTableEveryNote(rule, [
    {
      name: "both from project audit, 365 days (known good)",
      resources: projectFlowTo(365, { from: [AUDIT] }, { from: [AUDIT] }),
      violations: 0,
    },
    {
      name: "both from project audit, the store by its deprecated project field (known good)",
      resources: projectFlowTo(365, { from: [AUDIT], field: "project" }, { from: [AUDIT] }),
      violations: 0,
    },
    {
      name: "the flow log's project also built from the suffix, both from audit (known good)",
      resources: projectFlowTo(365, { from: [AUDIT] }, { from: [SUFFIX, AUDIT] }),
      violations: 0,
    },
    {
      name: "both from project audit, 30 days: the store is the one named",
      resources: projectFlowTo(30, { from: [AUDIT] }, { from: [AUDIT] }),
      violations: 1,
      mentions: "log store vpc-flow keeps logs 30 days, fewer than 180",
    },
    {
      name: "the store in archive, the flow log in audit",
      resources: projectFlowTo(365, { from: [ARCHIVE] }, { from: [AUDIT] }),
      violations: 0,
      notes: 1,
      noteMentions: `${MAY_NAME}: flow's projectName is not known at preview`,
    },
    {
      name: "the same, failing closed",
      resources: projectFlowTo(365, { from: [ARCHIVE] }, { from: [AUDIT] }),
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "the store in archive keeping 30 days, the flow log in audit",
      resources: projectFlowTo(30, { from: [ARCHIVE] }, { from: [AUDIT] }),
      violations: 0,
      notes: 1,
      noteMentions: 'log store vpc-flow keeps logs 30 days, fewer than 180 if logStoreName "vpc-flow" names it',
    },
    {
      name: "both built from the random suffix alone: no project in common",
      resources: projectFlowTo(365, { from: [SUFFIX] }, { from: [SUFFIX] }),
      violations: 0,
      notes: 1,
      noteMentions: MAY_NAME,
    },
    {
      name: "both read from another log store, which is no project",
      resources: projectFlowTo(365, { from: [urnOf(LOG_STORE, "other")] }, { from: [urnOf(LOG_STORE, "other")] }),
      violations: 0,
      notes: 1,
      noteMentions: MAY_NAME,
    },
    {
      name: "the flow log's project from audit, the store's a known name",
      resources: projectFlowTo(365, { from: [AUDIT], value: "audit-x" }, { from: [AUDIT] }),
      violations: 0,
      notes: 1,
      noteMentions: `${MAY_NAME}: flow's projectName is not known at preview`,
    },
    {
      name: "the store's project from audit, the flow log's a known name built from it",
      resources: projectFlowTo(365, { from: [AUDIT] }, { from: [AUDIT], value: "audit-x-archive" }),
      violations: 0,
      notes: 1,
      noteMentions: `${MAY_NAME}: log store vpc-flow's project is not known at preview`,
    },
    {
      name: "the flow log's project unknown and read from nothing",
      resources: projectFlowTo(365, { from: [AUDIT] }, { from: [] }),
      violations: 0,
      notes: 1,
      noteMentions: `${MAY_NAME}: flow's projectName is not known at preview`,
    },
  ]);
});

describe("5. a log project declared inside a component", () => {
  // Its URN names the component's type before its own; the harness links only top-level URNs, so read directly.
  const nested = "urn:pulumi:test::hardening-kit::acme:index:Logging$alicloud:log/project:Project::audit";
  const component = "urn:pulumi:test::hardening-kit::acme:index:Logging::logging";
  const resource = (type: string, inputs: Record<string, unknown>, from: string[]): GenericResource => ({
    urn: urnOf(type, "r"),
    type,
    name: "r",
    inputs: { ...inputs, projectName: UNKNOWN },
    propertyDependencies: { projectName: from },
    dependencies: [],
  });
  const linkThrough = (from: string) =>
    storeNaming(
      resource(ALI_FLOW_LOG, { logStoreName: "vpc-flow" }, [from]),
      resource(LOG_STORE, { logstoreName: "vpc-flow" }, [from]),
    ).link;

  it("names the store when both projects are read from it", () => {
    expect(linkThrough(nested)).toBe("yes");
  });
  it("only may name it when both are read from the component, which is no project", () => {
    expect(linkThrough(component)).toBe("maybe");
  });
});
