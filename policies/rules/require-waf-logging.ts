import { defineStackRule, refersTo, StackFinding } from "../lib/stack-rule";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

/** Case step 5: without WAF logs there is no record of what the scanners tried. */
export const requireWafLogging = defineStackRule({
  metadata: {
    name: "require-waf-logging",
    description:
      "Every WAFv2 WebACL in the stack must have a WebAclLoggingConfiguration pointing at it (checked across the stack, since the logging configuration is a separate resource).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Add an aws.wafv2.WebAclLoggingConfiguration with resourceArn set to the WebACL's arn.",
      "Send the logs to a CloudWatch log group, S3 bucket or Firehose whose name starts with aws-waf-logs-.",
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
    return acls
      .filter((acl) => !logs.some((l) => refersTo(l, "resourceArn", acl, ["arn", "id"])))
      .map((acl): StackFinding => ({
        urn: acl.urn,
        message: `WebACL ${acl.name} has no logging configuration`,
      }));
  },
});
