// ROS AnalyticDB for PostgreSQL public connections (ALIYUN::GPDB::InstancePublicConnection) put the instance's
// whitelist in front of the internet, as the program's gpdb.Connection does: the stack rule reports an open whitelist
// only on an instance with such a connection, reserved or elastic storage, named by Ref or Fn::GetAtt DBInstanceId.
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { ros, stacksNamed } from "./template-bodies";
import { ROS_STACK, ROS_STACK_GROUP, TemplateResources } from "./templates-fixtures";

const INSTANCE = "ALIYUN::GPDB::DBInstance";
const ELASTIC = "ALIYUN::GPDB::ElasticDBInstance";
const stack = stacksNamed("app");

/** An instance `Db` of `type` admitting `ips`, with a public connection naming it by `link` when given. */
const gpdb = (ips: unknown, link?: unknown, type = INSTANCE): TemplateResources => ({
  Db: {
    Type: type,
    Properties: {
      EngineVersion: "6.0",
      DBInstanceClass: "gpdb.group.segsdx1",
      ZoneId: "cn-hangzhou-h",
      SecurityIPList: ips,
    },
  },
  ...(link === undefined
    ? {}
    : {
        Public: {
          Type: "ALIYUN::GPDB::InstancePublicConnection",
          Properties: { DBInstanceId: link, ConnectionStringPrefix: "gp-public", Port: 5432 },
        },
      }),
});

describe("disallow-internet-database-and-high-risk-ports reads ROS AnalyticDB for PostgreSQL public connections", () => {
  stackTable(disallowInternetDatabaseAndHighRiskPorts, [
    // Known bad.
    {
      name: "an instance admitting 0.0.0.0/0 behind a public connection (Ref)",
      resources: [stack(ROS_STACK, ros(gpdb("0.0.0.0/0", { Ref: "Db" })))],
      violations: 1,
      mentions: `template resource Db (${INSTANCE})`,
      urn: urnOf(ROS_STACK, "app"),
    },
    {
      name: "its twin naming the instance by Fn::GetAtt DBInstanceId, on a stack group",
      resources: [stack(ROS_STACK_GROUP, ros(gpdb("10.0.0.0/8,0.0.0.0/0", { "Fn::GetAtt": ["Db", "DBInstanceId"] })))],
      violations: 1,
    },
    {
      name: "an elastic-storage instance admitting ::/0 behind a public connection",
      resources: [stack(ROS_STACK, ros(gpdb("::/0", { Ref: "Db" }, ELASTIC)))],
      violations: 1,
      mentions: `template resource Db (${ELASTIC})`,
    },
    // Known good.
    {
      name: "its twin without a public connection",
      resources: [stack(ROS_STACK, ros(gpdb("0.0.0.0/0")))],
      violations: 0,
    },
    {
      name: "a public connection in front of a VPC whitelist",
      resources: [stack(ROS_STACK, ros(gpdb("10.0.0.0/8", { Ref: "Db" })))],
      violations: 0,
    },
    {
      name: "a public connection naming an instance outside the template",
      resources: [stack(ROS_STACK, ros({ ...gpdb("0.0.0.0/0", "gp-existing") }))],
      violations: 0,
    },
  ]);
});
