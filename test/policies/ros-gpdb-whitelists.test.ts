// ROS AnalyticDB for PostgreSQL whitelists: an instance's own SecurityIPList (reserved or elastic storage) and the
// ALIYUN::GPDB::DBInstanceIPArray groups naming it are judged on the instance; a group naming an instance outside the
// template is judged alone; entries unknown at preview are notes, never passes.
import { Case, table, UNKNOWN } from "./harness";
import { ROS_STACK, ROS_STACK_GROUP, rule, TemplateResources } from "./templates-fixtures";

const databases = rule("disallow-public-managed-databases");

const INSTANCE = "ALIYUN::GPDB::DBInstance";
const ELASTIC = "ALIYUN::GPDB::ElasticDBInstance";
const IP_ARRAY = "ALIYUN::GPDB::DBInstanceIPArray";

const IPS = { Ips: { Type: "String" } };

/** An instance `Db` of `type` admitting `own` (left out when undefined). */
const instance = (own: unknown, type = INSTANCE) => ({
  Type: type,
  Properties: {
    EngineVersion: "6.0",
    DBInstanceClass: "gpdb.group.segsdx1",
    ZoneId: "cn-hangzhou-h",
    ...(own === undefined ? {} : { SecurityIPList: own }),
  },
});

/** A whitelist group of `entries` naming `link` (the template's `Db` unless told otherwise). */
const ipArray = (entries: unknown, link: unknown = { Ref: "Db" }) => ({
  Type: IP_ARRAY,
  Properties: { DBInstanceId: link, DBInstanceIPArrayName: "app_tier", SecurityIpList: entries },
});

interface Row {
  name: string;
  resources: TemplateResources;
  violations: number;
  notes?: number;
  mentions?: string;
  /** The container's `parameters` input: values the program passes, possibly unknown at preview. */
  passed?: Record<string, unknown>;
}

/** Each row on a stack and a stack group, the template declaring the `Ips` parameter. */
const rows = (all: Row[]): Case[] =>
  all.flatMap((r) =>
    [ROS_STACK, ROS_STACK_GROUP].map((type) => ({
      name: `${type === ROS_STACK ? "stack" : "stack group"}: ${r.name}`,
      type,
      props: {
        templateBody: JSON.stringify({
          ROSTemplateFormatVersion: "2015-09-01",
          Parameters: IPS,
          Resources: r.resources,
        }),
        ...(r.passed ? { parameters: r.passed } : {}),
      },
      violations: r.violations,
      notes: r.notes,
      mentions: r.mentions,
    })),
  );

describe("disallow-public-managed-databases reads ROS AnalyticDB for PostgreSQL instances", () => {
  table(
    databases,
    rows([
      {
        name: "an instance admitting 0.0.0.0/0",
        resources: { Db: instance("0.0.0.0/0") },
        violations: 1,
        mentions: `template resource Db (${INSTANCE})`,
      },
      { name: "its twin admitting the VPC", resources: { Db: instance("10.0.0.0/8,192.168.0.0/16") }, violations: 0 },
      { name: "its twin with no whitelist (only 127.0.0.1)", resources: { Db: instance(undefined) }, violations: 0 },
      {
        name: "0.0.0.0/0 after a closed entry in the comma-separated list",
        resources: { Db: instance("10.0.0.0/8, 0.0.0.0/0") },
        violations: 1,
      },
      { name: "an instance admitting ::/0", resources: { Db: instance("10.0.0.0/8,::/0") }, violations: 1 },
      {
        name: "an elastic-storage instance admitting 0.0.0.0/0",
        resources: { Db: instance("0.0.0.0/0", ELASTIC) },
        violations: 1,
        mentions: `template resource Db (${ELASTIC})`,
      },
      { name: "its elastic twin admitting the VPC", resources: { Db: instance("10.0.0.0/8", ELASTIC) }, violations: 0 },
      {
        name: "the whitelist from a parameter without a value",
        resources: { Db: instance({ Ref: "Ips" }) },
        violations: 0,
        notes: 1,
      },
    ]),
  );
});

describe("disallow-public-managed-databases reads ROS AnalyticDB for PostgreSQL whitelist groups", () => {
  table(
    databases,
    rows([
      {
        name: "a group admitting 0.0.0.0/0, judged on its instance",
        resources: { Db: instance("10.0.0.0/8"), Group: ipArray(["0.0.0.0/0"]) },
        violations: 1,
        mentions: `template resource Db (${INSTANCE})`,
      },
      {
        name: "its twin admitting the VPC",
        resources: { Db: instance("10.0.0.0/8"), Group: ipArray(["172.16.0.0/12", "10.1.2.3"]) },
        violations: 0,
      },
      {
        name: "the open entry written as one comma-separated string",
        resources: { Db: instance("10.0.0.0/8"), Group: ipArray("10.0.0.0/8,0.0.0.0/0") },
        violations: 1,
      },
      {
        name: "a group admitting ::/0",
        resources: { Db: instance("10.0.0.0/8"), Group: ipArray(["::/0"]) },
        violations: 1,
      },
      {
        name: "a group on an instance named by Fn::GetAtt DBInstanceId",
        resources: {
          Db: instance("10.0.0.0/8"),
          Group: ipArray(["0.0.0.0/0"], { "Fn::GetAtt": ["Db", "DBInstanceId"] }),
        },
        violations: 1,
        mentions: `template resource Db (${INSTANCE})`,
      },
      {
        name: "a group on an elastic-storage instance",
        resources: { Db: instance(undefined, ELASTIC), Group: ipArray(["0.0.0.0/0"]) },
        violations: 1,
        mentions: `template resource Db (${ELASTIC})`,
      },
      {
        // ROS names the elastic type's id DBInstanceId, as the plain type's: the group joins its instance.
        name: "a group on an elastic-storage instance named by Fn::GetAtt DBInstanceId",
        resources: {
          Db: instance(undefined, ELASTIC),
          Group: ipArray(["0.0.0.0/0"], { "Fn::GetAtt": ["Db", "DBInstanceId"] }),
        },
        violations: 1,
        mentions: `template resource Db (${ELASTIC})`,
      },
      {
        name: "an open group on an instance outside the template",
        resources: { Group: ipArray(["0.0.0.0/0"], "gp-existing") },
        violations: 1,
        mentions: `template resource Group (${IP_ARRAY})`,
      },
      {
        name: "a closed group on an instance outside the template",
        resources: { Group: ipArray(["10.0.0.0/8"], "gp-existing") },
        violations: 0,
      },
      {
        name: "a group entry from a parameter the program feeds with an unknown output",
        resources: { Db: instance("10.0.0.0/8"), Group: ipArray([{ Ref: "Ips" }]) },
        passed: { Ips: UNKNOWN },
        violations: 0,
        notes: 1,
      },
      {
        name: "an open group beside an entry unknown at preview still fails",
        resources: { Db: instance("10.0.0.0/8"), Group: ipArray([{ Ref: "Ips" }, "0.0.0.0/0"]) },
        passed: { Ips: UNKNOWN },
        violations: 1,
      },
    ]),
  );
});
