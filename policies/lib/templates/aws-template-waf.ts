// CloudFormation WAFv2 resources as the Pulumi AWS provider's: web ACLs and their rules, the associations that put a
// web ACL in front of a load balancer or API, web ACL logging configurations, and the rule groups, IP sets and regex
// pattern sets rules reference. Rules, logging filters and redacted fields convert key by key
// (aws-template-waf-keys.ts). Each referenceable resource carries its own reference as its `arn`, the input rules and
// WebAclRule resources name it by, so `!GetAtt WebAcl.Arn` links to it.
import { isUnknown, list, UNKNOWN } from "../../../lib/values";
import { defined, tagMap, Translation } from "./embedded-resource";
import { providerShape } from "./aws-template-waf-keys";
import { markingOpen } from "./template-conditional-switches";

const webAcl: Translation = (read, self) => [
  {
    type: "aws:wafv2/webAcl:WebAcl",
    props: defined({
      arn: self,
      name: read("Name"),
      scope: read("Scope"),
      defaultAction: providerShape(read("DefaultAction")),
      rules: providerShape(read("Rules")),
      tags: tagMap(read("Tags")),
    }),
  },
];

const webAclAssociation: Translation = (read) => [
  {
    type: "aws:wafv2/webAclAssociation:WebAclAssociation",
    props: defined({ resourceArn: read("ResourceArn"), webAclArn: read("WebACLArn") }),
  },
];

/**
 * ResourceArn names the web ACL (`!GetAtt WebAcl.Arn`), LogDestinationConfigs the log group, bucket or Firehose stream;
 * LoggingFilter and RedactedFields have the provider's shapes. Destinations unknown at preview are open: which
 * destination, and whether WAF accepts it, is a question the template leaves.
 */
const loggingConfiguration: Translation = (read) => [
  {
    type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    props: markingOpen(
      defined({
        resourceArn: read("ResourceArn"),
        logDestinationConfigs: read("LogDestinationConfigs"),
        loggingFilter: providerShape(read("LoggingFilter")),
        redactedFields: providerShape(read("RedactedFields")),
      }),
      ["logDestinationConfigs"],
    ),
  },
];

const ruleGroup: Translation = (read, self) => [
  {
    type: "aws:wafv2/ruleGroup:RuleGroup",
    props: defined({
      arn: self,
      name: read("Name"),
      scope: read("Scope"),
      capacity: read("Capacity"),
      rules: providerShape(read("Rules")),
      tags: tagMap(read("Tags")),
    }),
  },
];

const ipSet: Translation = (read, self) => [
  {
    type: "aws:wafv2/ipSet:IpSet",
    props: defined({
      arn: self,
      name: read("Name"),
      scope: read("Scope"),
      ipAddressVersion: read("IPAddressVersion"),
      addresses: read("Addresses"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/** `RegularExpressionList: [text]` as the provider's `regularExpressions: [{ regexString }]`. */
function regularExpressions(patterns: unknown): unknown {
  if (patterns === undefined || isUnknown(patterns)) return patterns;
  return list(patterns).map((p) => (isUnknown(p) ? UNKNOWN : { regexString: p }));
}

const regexPatternSet: Translation = (read, self) => [
  {
    type: "aws:wafv2/regexPatternSet:RegexPatternSet",
    props: defined({
      arn: self,
      name: read("Name"),
      scope: read("Scope"),
      regularExpressions: regularExpressions(read("RegularExpressionList")),
      tags: tagMap(read("Tags")),
    }),
  },
];

export const AWS_WAF_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::WAFv2::WebACL", webAcl],
  ["AWS::WAFv2::WebACLAssociation", webAclAssociation],
  ["AWS::WAFv2::LoggingConfiguration", loggingConfiguration],
  ["AWS::WAFv2::RuleGroup", ruleGroup],
  ["AWS::WAFv2::IPSet", ipSet],
  ["AWS::WAFv2::RegexPatternSet", regexPatternSet],
]);
