import { requireWafLogging } from "../../policies/rules/require-waf-logging";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const ACL = "aws:wafv2/webAcl:WebAcl";
const LOG = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

const acl: StackInput = { type: ACL, name: "edge", props: { scope: "REGIONAL", arn: UNKNOWN } };
const logging = (loggingFilter?: unknown): StackInput => ({
  type: LOG,
  name: "edge-logs",
  props: { resourceArn: UNKNOWN, logDestinationConfigs: [UNKNOWN], loggingFilter },
  propertyDependencies: { resourceArn: [urnOf(ACL, "edge")] },
});
const keepBlocked = {
  behavior: "KEEP",
  requirement: "MEETS_ANY",
  conditions: [{ actionCondition: { action: "BLOCK" } }],
};

describe("require-waf-logging: logging filters", () => {
  const onLogging = { urn: urnOf(LOG, "edge-logs") };
  stackTable(requireWafLogging, [
    { name: "logging without a filter", resources: [acl, logging()], violations: 0 },
    {
      name: "KEEP by default, dropping known noise",
      resources: [acl, logging({ defaultBehavior: "KEEP", filters: [{ ...keepBlocked, behavior: "DROP" }] })],
      violations: 0,
    },
    {
      name: "DROP by default, keeping only blocked requests",
      resources: [acl, logging({ defaultBehavior: "DROP", filters: [keepBlocked] })],
      violations: 1,
      mentions: "only requests its KEEP filters match",
      ...onLogging,
    },
    {
      name: "DROP by default without filters",
      resources: [acl, logging({ defaultBehavior: "drop", filters: [] })],
      violations: 1,
      mentions: "logs nothing",
      ...onLogging,
    },
    {
      name: "unknown default behaviour is a note",
      resources: [acl, logging({ defaultBehavior: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    { name: "unknown filter is a note", resources: [acl, logging(UNKNOWN)], violations: 0, notes: 1 },
  ] as StackCase[]);
});
