// How require-waf-logging links a raw template's WAFv2 LoggingConfiguration to the web ACL its ResourceArn names.
// `Fn::GetAtt [WebAcl, Arn]` (or `Fn::Sub "${WebAcl.Arn}"` alone) links for certain. A ResourceArn left unknown at
// preview makes the web ACLs it may name unverifiable (a note): those of the template it is built from, those the
// program feeds a parameter it reads from, those another template may export when it imports. It names no other: a
// parameter is set before the template's own web ACL exists, an import never names the importing stack's resources,
// and a literal ARN names a web ACL that exists already (a note only when name and scope agree).
import { requireWafLogging } from "../../policies/rules/require-waf-logging";
import { UNKNOWN, urnOf } from "./harness";
import { CFN_STACK, TemplateResources } from "./templates-fixtures";
import { cfn, stack, templateTable, VISIBILITY } from "./templates-waf-harness";

const arnOf = (id: string) => ({ "Fn::GetAtt": [id, "Arn"] });

const webAcl = (name = "web", scope = "REGIONAL") => ({
  Type: "AWS::WAFv2::WebACL",
  Properties: { Name: name, Scope: scope, DefaultAction: { Allow: {} }, Rules: [], VisibilityConfig: VISIBILITY },
});

/** A web ACL and its aws-waf-logs- log group, logged by a configuration whose ResourceArn is `resourceArn`. */
const logged = (resourceArn: unknown, more: TemplateResources = {}): TemplateResources => ({
  WebAcl: webAcl(),
  Logs: { Type: "AWS::Logs::LogGroup", Properties: { LogGroupName: "aws-waf-logs-web" } },
  Logging: {
    Type: "AWS::WAFv2::LoggingConfiguration",
    Properties: { ResourceArn: resourceArn, LogDestinationConfigs: [arnOf("Logs")] },
  },
  ...more,
});

/** The same configuration in a template without a web ACL of its own. */
const loggingOnly = (resourceArn: unknown): TemplateResources => {
  const { Logs, Logging } = logged(resourceArn);
  return { Logs, Logging };
};

const ARN_PARAMETER = { Parameters: { AclArn: { Type: "String" } } };
const ENV = {
  Parameters: { Env: { Type: "String" } },
  Conditions: { Prod: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
};
const eitherAcl = { "Fn::If": ["Prod", arnOf("WebAcl"), arnOf("Other")] };
const existingArn = (name: string, scope = "regional") =>
  `arn:aws:wafv2:eu-west-1:111122223333:${scope}/webacl/${name}/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`;

const YAML_SUB = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WebAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: { Allow: {} }
      VisibilityConfig: { CloudWatchMetricsEnabled: true, MetricName: web, SampledRequestsEnabled: true }
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: aws-waf-logs-web }
  Logging:
    Type: AWS::WAFv2::LoggingConfiguration
    Properties:
      ResourceArn: !Sub "\${WebAcl.Arn}"
      LogDestinationConfigs: [!GetAtt Logs.Arn]
`;

const OTHER = urnOf(CFN_STACK, "other");
const UNLOGGED = "WebACL web/WebAcl has no logging configuration";

describe("a template ResourceArn that names its web ACL for certain", () => {
  templateTable(requireWafLogging, [
    { name: "Fn::GetAtt [WebAcl, Arn]", resources: [stack(cfn(logged(arnOf("WebAcl"))))], violations: 0 },
    {
      name: "Fn::GetAtt WebAcl.Arn (dotted)",
      resources: [stack(cfn(logged({ "Fn::GetAtt": "WebAcl.Arn" })))],
      violations: 0,
    },
    { name: 'Fn::Sub "${WebAcl.Arn}"', resources: [stack(cfn(logged({ "Fn::Sub": "${WebAcl.Arn}" })))], violations: 0 },
    { name: 'YAML !Sub "${WebAcl.Arn}"', resources: [stack(YAML_SUB)], violations: 0 },
    {
      name: "a one-part Fn::Join of the GetAtt",
      resources: [stack(cfn(logged({ "Fn::Join": ["", [arnOf("WebAcl")]] })))],
      violations: 0,
    },
    {
      name: "Fn::If decided by the parameter the program passes: the branch taken",
      resources: [stack(cfn(logged(eitherAcl, { Other: webAcl("other") }), ENV), { parameters: { Env: "prod" } })],
      violations: 1,
      mentions: "WebACL web/Other has no logging configuration",
    },
    {
      name: "the GetAtt of another web ACL leaves this one unlogged",
      resources: [stack(cfn(logged(arnOf("Other"), { Other: webAcl("other") })))],
      violations: 1,
      mentions: UNLOGGED,
    },
  ]);
});

describe("a template ResourceArn unknown at preview: the web ACLs it may name are a note", () => {
  templateTable(requireWafLogging, [
    {
      name: "an ARN built with Fn::Sub from the web ACL's id",
      resources: [
        stack(
          cfn(
            logged({
              "Fn::Sub":
                "arn:${AWS::Partition}:wafv2:${AWS::Region}:${AWS::AccountId}:regional/webacl/web/${WebAcl.Id}",
            }),
          ),
        ),
      ],
      violations: 0,
      notes: 1,
      mentions: "resourceArn of web/Logging is unknown (it is built from web/WebAcl, so it may name WebACL web/WebAcl",
    },
    {
      name: "Fn::Sub with a variable map built from the web ACL",
      resources: [
        stack(
          cfn(
            logged({
              "Fn::Sub": [
                "arn:aws:wafv2:${AWS::Region}:${AWS::AccountId}:regional/webacl/${Name}/${Id}",
                { Name: "web", Id: { "Fn::GetAtt": ["WebAcl", "Id"] } },
              ],
            }),
          ),
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "Fn::If undecided at preview between two web ACLs: each may be unlogged",
      resources: [stack(cfn(logged(eitherAcl, { Other: webAcl("other") }), ENV), { parameters: { Env: UNKNOWN } })],
      violations: 0,
      notes: 2,
    },
    {
      name: "a known ARN of an existing web ACL with this one's name and scope",
      resources: [stack(cfn(logged(existingArn("web"))))],
      violations: 0,
      notes: 1,
      mentions: "it is the ARN of an existing web ACL named web",
    },
  ]);
});

describe("a template ResourceArn that cannot name the web ACL leaves it unlogged", () => {
  templateTable(requireWafLogging, [
    {
      name: "a known ARN of a web ACL with another name",
      resources: [stack(cfn(logged(existingArn("legacy"))))],
      violations: 1,
      mentions: UNLOGGED,
    },
    {
      name: "a known ARN with this name in the CloudFront scope",
      resources: [stack(cfn(logged(existingArn("web", "global"))))],
      violations: 1,
    },
    {
      name: "an ARN built from the account with a literal id (a web ACL that exists already)",
      resources: [
        stack(
          cfn(logged({ "Fn::Sub": "arn:aws:wafv2:${AWS::Region}:${AWS::AccountId}:regional/webacl/legacy/0123-abcd" })),
        ),
      ],
      violations: 1,
    },
    {
      name: "an import never names the importing template's own web ACL",
      resources: [stack(cfn(logged({ "Fn::ImportValue": "shared-web-acl-arn" })))],
      violations: 1,
      mentions: UNLOGGED,
    },
    {
      name: "a parameter the program feeds with no web ACL behind it never names the template's own web ACL",
      resources: [stack(cfn(logged({ Ref: "AclArn" }), ARN_PARAMETER), { parameters: { AclArn: UNKNOWN } })],
      violations: 1,
      mentions: UNLOGGED,
    },
  ]);
});

describe("ResourceArn naming a web ACL of another template", () => {
  const otherAcl = { ...stack(cfn({ WebAcl: webAcl("other") })), name: "other" };
  templateTable(requireWafLogging, [
    {
      name: "an import may name the web ACL another template exports",
      resources: [stack(cfn(loggingOnly({ "Fn::ImportValue": "shared-web-acl-arn" }))), otherAcl],
      violations: 0,
      notes: 1,
      mentions: "it imports a value another stack exports",
      urn: OTHER,
    },
    {
      name: "a parameter the program feeds from the other template's stack",
      resources: [
        stack(
          cfn(loggingOnly({ Ref: "AclArn" }), ARN_PARAMETER),
          { parameters: { AclArn: UNKNOWN } },
          { propertyDependencies: { parameters: [OTHER] } },
        ),
        otherAcl,
      ],
      violations: 0,
      notes: 1,
      mentions: "it reads parameter AclArn, which the program feeds from other",
      urn: OTHER,
    },
    {
      name: "a parameter fed from elsewhere leaves the other template's web ACL unlogged",
      resources: [
        stack(
          cfn(loggingOnly({ Ref: "AclArn" }), ARN_PARAMETER),
          { parameters: { AclArn: UNKNOWN } },
          { propertyDependencies: { parameters: [] } },
        ),
        otherAcl,
      ],
      violations: 1,
      mentions: "WebACL other/WebAcl has no logging configuration",
      urn: OTHER,
    },
  ]);
});

describe("ResourceArn built from a parameter the program feeds from its own web ACL", () => {
  const ACL = "aws:wafv2/webAcl:WebAcl";
  const aclUrn = urnOf(ACL, "edge");
  const programAcl = {
    type: ACL,
    name: "edge",
    props: { name: "edge", scope: "REGIONAL", defaultAction: { allow: {} } },
  };
  const builtFrom = (deps: string[]) =>
    stack(
      cfn(loggingOnly({ "Fn::Sub": "arn:aws:wafv2:${AWS::Region}:${AWS::AccountId}:regional/webacl/edge/${AclId}" }), {
        Parameters: { AclId: { Type: "String" } },
      }),
      { parameters: { AclId: UNKNOWN } },
      { propertyDependencies: { parameters: deps } },
    );
  templateTable(requireWafLogging, [
    {
      name: "the web ACL's id fed into an ARN built with Fn::Sub",
      resources: [programAcl, builtFrom([aclUrn])],
      violations: 0,
      notes: 1,
      mentions: "it reads parameter AclId, which the program feeds from edge",
      urn: aclUrn,
    },
    {
      name: "the parameter fed from something else",
      resources: [programAcl, builtFrom([])],
      violations: 1,
      mentions: "WebACL edge has no logging configuration",
      urn: aclUrn,
    },
  ]);
});
