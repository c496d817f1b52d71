// WAFv2 shapes shared by the tests of the core-rule-set checks: the web ACL type, the core rule set used in blocking
// mode, and a statement that matches every request.
export const ACL = "aws:wafv2/webAcl:WebAcl";
export const WAF_RULE = "aws:wafv2/webAclRule:WebAclRule";
export const GROUP = "AWSManagedRulesCommonRuleSet";

export const visibilityConfig = { cloudwatchMetricsEnabled: true, metricName: "m", sampledRequestsEnabled: true };

/** The AWS core rule set as an inline rule, blocking (overrideAction none), at the given priority. */
export const crs = (priority: unknown = 10) => ({
  name: "crs",
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name: GROUP } },
  visibilityConfig,
});

export const uriPath = { uriPath: {} };

/** Every URI path is at least 0 bytes long. */
export const everyPath = { sizeConstraintStatement: { comparisonOperator: "GE", size: 0, fieldToMatch: uriPath } };
