import { GenericResource } from "../../lib/reachability";
import { isUnknown, obj } from "../../lib/values";
import { at } from "../lib/expect";
import { Finding, unverifiable, violation } from "../lib/findings";
import { defineStackRule, refersTo, StackFinding } from "../lib/stack-rule";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

/**
 * A DROP default logs only what a KEEP filter foresaw, and loses the requests nobody anticipated: the ones a
 * forensic review needs (what the scanners tried and what got through). Mandatory like a missing configuration:
 * noise is cut as well with a KEEP default and DROP filters, and a deliberate allow-list can take an exemption.
 */
function dropsByDefault(log: GenericResource): Finding[] {
  const behavior = at(log.inputs, "loggingFilter.defaultBehavior");
  if (isUnknown(behavior)) return [unverifiable("loggingFilter.defaultBehavior")];
  if (typeof behavior !== "string" || behavior.toUpperCase() !== "DROP") return [];
  const kept = obj(log.inputs.loggingFilter)?.filters;
  const what = Array.isArray(kept) && kept.length > 0 ? "only requests its KEEP filters match" : "nothing";
  return [violation(`logging configuration ${log.name} has loggingFilter.defaultBehavior "DROP": it logs ${what}`)];
}

/** Case step 5: without WAF logs there is no record of what the scanners tried. */
export const requireWafLogging = defineStackRule({
  metadata: {
    name: "require-waf-logging",
    description:
      'Every WAFv2 WebACL in the stack must have a WebAclLoggingConfiguration pointing at it (checked across the stack, since the logging configuration is a separate resource), and the configuration must not drop requests by default (loggingFilter.defaultBehavior "DROP").',
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Add an aws.wafv2.WebAclLoggingConfiguration with resourceArn set to the WebACL's arn.",
      "Send the logs to a CloudWatch log group, S3 bucket or Firehose whose name starts with aws-waf-logs-.",
      'Keep loggingFilter.defaultBehavior "KEEP" (or leave loggingFilter out) and drop only known noise with DROP filters.',
    ],
    controls: [
      { framework: "AWS FSBP", id: "WAF.11" },
      { framework: "CIS Alibaba Cloud v2.0", id: "2.7" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
    ],
    caseStep: 5,
    resourceTypes: [WEB_ACL, LOGGING],
  },
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources }) => {
    const acls = resources.filter((r) => r.type === WEB_ACL);
    const logs = resources.filter((r) => r.type === LOGGING);
    const unlogged = acls
      .filter((acl) => !logs.some((l) => refersTo(l, "resourceArn", acl, ["arn", "id"])))
      .map((acl): StackFinding => ({
        urn: acl.urn,
        message: `WebACL ${acl.name} has no logging configuration`,
      }));
    // Reported on the logging configuration: that is the resource to change.
    const dropping = logs.flatMap((l) => dropsByDefault(l).map((f): StackFinding => ({ ...f, urn: l.urn })));
    return [...unlogged, ...dropping];
  },
});
