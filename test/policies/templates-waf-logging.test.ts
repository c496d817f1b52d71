// require-waf-logging judges the web ACLs and logging configurations raw CloudFormation templates deploy: a template
// web ACL needs a LoggingConfiguration naming it (by GetAtt Arn, or a parameter the program feeds), sending to a log
// group or bucket whose name starts with aws-waf-logs-, with the rule's filter and redaction semantics. A destination
// or a configuration the template leaves open at preview is a note, never a pass; findings land on the container.
import { requireWafLogging } from "../../policies/rules/require-waf-logging";
import { UNKNOWN, urnOf } from "./harness";
import { CFN_STACK, CFN_STACK_SET, TemplateResources } from "./templates-fixtures";
import { cfn, stack, templateTable, VISIBILITY } from "./templates-waf-harness";

const arnOf = (id: string) => ({ "Fn::GetAtt": [id, "Arn"] });

const webAcl = () => ({
  Type: "AWS::WAFv2::WebACL",
  Properties: { Scope: "REGIONAL", DefaultAction: { Allow: {} }, Rules: [], VisibilityConfig: VISIBILITY },
});

const logGroup = (name?: unknown) => ({
  Type: "AWS::Logs::LogGroup",
  Properties: { RetentionInDays: 365, ...(name === undefined ? {} : { LogGroupName: name }) },
});

const logging = (props: Record<string, unknown> = {}) => ({
  Type: "AWS::WAFv2::LoggingConfiguration",
  Properties: { ResourceArn: arnOf("WebAcl"), LogDestinationConfigs: [arnOf("Logs")], ...props },
});

/** A web ACL logged to an aws-waf-logs- log group: the template that does it right. */
const good = (props: Record<string, unknown> = {}): TemplateResources => ({
  WebAcl: webAcl(),
  Logs: logGroup("aws-waf-logs-web"),
  Logging: logging(props),
});

const actionIs = (action: string) => ({ ActionCondition: { Action: action } });
const filter = (behavior: string, ...conditions: unknown[]) => ({
  Behavior: behavior,
  Requirement: "MEETS_ANY",
  Conditions: conditions,
});

const YAML = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WebAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: { Allow: {} }
      VisibilityConfig: { CloudWatchMetricsEnabled: true, MetricName: web, SampledRequestsEnabled: true }
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: NAME
  Logging:
    Type: AWS::WAFv2::LoggingConfiguration
    Properties:
      ResourceArn: !GetAtt WebAcl.Arn
      LogDestinationConfigs: [!GetAtt Logs.Arn]
`;
const yaml = (logGroupName: string) => YAML.replace("NAME", logGroupName);

describe("template web ACLs and their logging configurations", () => {
  templateTable(requireWafLogging, [
    {
      name: "a web ACL without a logging configuration",
      resources: [stack(cfn({ WebAcl: webAcl() }))],
      violations: 1,
      mentions: "template resource WebAcl (AWS::WAFv2::WebACL): WebACL web/WebAcl has no logging configuration",
    },
    {
      name: "a logging configuration to an aws-waf-logs- log group",
      resources: [stack(cfn(good()))],
      violations: 0,
    },
    { name: "the same in a stack set", resources: [{ ...stack(cfn(good())), type: CFN_STACK_SET }], violations: 0 },
    {
      name: "YAML short forms (!GetAtt WebAcl.Arn, !GetAtt Logs.Arn)",
      resources: [stack(yaml("aws-waf-logs-web"))],
      violations: 0,
    },
    {
      name: "YAML: a log group name without the prefix",
      resources: [stack(yaml("web"))],
      violations: 1,
      mentions: "which is named web:",
    },
    {
      name: "the log group named by Ref",
      resources: [stack(cfn(good({ LogDestinationConfigs: [{ Ref: "Logs" }] })))],
      violations: 0,
    },
    {
      name: "a logging configuration naming another web ACL leaves this one unlogged",
      resources: [stack(cfn({ ...good({ ResourceArn: arnOf("Other") }), Other: webAcl() }))],
      violations: 1,
      mentions: "WebACL web/WebAcl has no logging configuration",
    },
    {
      name: "two containers: the one without a logging configuration is reported on its own container",
      resources: [stack(cfn(good())), { ...stack(cfn({ WebAcl: webAcl() })), name: "other" }],
      violations: 1,
      urn: urnOf(CFN_STACK, "other"),
    },
  ]);
});

describe("where a template's logging configuration sends the logs", () => {
  const bucket = (name?: string) => ({
    Type: "AWS::S3::Bucket",
    Properties: name === undefined ? {} : { BucketName: name },
  });
  const toBucket = (name?: string) => ({
    ...good({ LogDestinationConfigs: [arnOf("Bucket")] }),
    Bucket: bucket(name),
  });
  templateTable(requireWafLogging, [
    {
      name: "a log group whose name lacks the prefix",
      resources: [stack(cfn({ ...good(), Logs: logGroup("web-waf") }))],
      violations: 1,
      mentions: "sends to web/Logs, which is named web-waf: WAF accepts only destinations whose name starts with",
    },
    {
      name: "the prefix in capitals is not the prefix",
      resources: [stack(cfn({ ...good(), Logs: logGroup("AWS-WAF-LOGS-web") }))],
      violations: 1,
    },
    {
      name: "a log group left unnamed (CloudFormation names it after the stack)",
      resources: [stack(cfn({ ...good(), Logs: logGroup() }))],
      violations: 1,
      mentions: "has no name, so CloudFormation names it after the stack",
    },
    { name: "an aws-waf-logs- bucket", resources: [stack(cfn(toBucket("aws-waf-logs-web")))], violations: 0 },
    { name: "a bucket whose name lacks the prefix", resources: [stack(cfn(toBucket("web-logs")))], violations: 1 },
    {
      name: "a log group named from a parameter fed by an unknown program output",
      resources: [
        stack(cfn({ ...good(), Logs: logGroup({ Ref: "LogName" }) }, { Parameters: { LogName: { Type: "String" } } }), {
          parameters: { LogName: UNKNOWN },
        }),
      ],
      violations: 0,
      notes: 1,
      mentions: "name of web/Logs is unknown",
    },
    {
      name: "a destination imported from another stack: a note, never a pass",
      resources: [stack(cfn(good({ LogDestinationConfigs: [{ "Fn::ImportValue": "WafLogs" }] })))],
      violations: 0,
      notes: 1,
      mentions: "logDestinationConfigs is unknown",
    },
    {
      name: "a destination ARN built from the account and region",
      resources: [
        stack(
          cfn(
            good({
              LogDestinationConfigs: [
                { "Fn::Sub": "arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:aws-waf-logs-web" },
              ],
            }),
          ),
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "destinations under an Fn::If undecided at preview that may be AWS::NoValue",
      resources: [
        stack(
          cfn(good({ LogDestinationConfigs: { "Fn::If": ["LogOn", [arnOf("Logs")], { Ref: "AWS::NoValue" }] } }), {
            Parameters: { Env: { Type: "String" } },
            Conditions: { LogOn: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
          }),
          { parameters: { Env: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a Firehose stream of the template, which is not read",
      resources: [
        stack(
          cfn({
            ...good({ LogDestinationConfigs: [{ Ref: "Stream" }] }),
            Stream: {
              Type: "AWS::KinesisFirehose::DeliveryStream",
              Properties: { DeliveryStreamName: "aws-waf-logs-web" },
            },
          }),
        ),
      ],
      violations: 0,
      notes: 1,
      mentions: "a template resource the kit does not read",
    },
    {
      name: "a known ARN the program passes is not judged here",
      resources: [
        stack(cfn(good({ LogDestinationConfigs: [{ Ref: "Dest" }] }), { Parameters: { Dest: { Type: "String" } } }), {
          parameters: { Dest: "arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-web" },
        }),
      ],
      violations: 0,
    },
  ]);

  const GROUP = "aws:cloudwatch/logGroup:LogGroup";
  const programGroup = { type: GROUP, name: "waf-logs", props: { name: "aws-waf-logs-edge" } };
  const fedStack = (deps: string[]) =>
    stack(
      cfn(good({ LogDestinationConfigs: [{ Ref: "Dest" }] }), { Parameters: { Dest: { Type: "String" } } }),
      { parameters: { Dest: UNKNOWN } },
      { propertyDependencies: { parameters: deps } },
    );
  templateTable(requireWafLogging, [
    {
      name: "a destination fed through a parameter by a program log group's unknown arn",
      resources: [programGroup, fedStack([urnOf(GROUP, "waf-logs")])],
      violations: 0,
    },
    {
      name: "a destination fed through a parameter unknown at preview with no program resource behind it",
      resources: [programGroup, fedStack([])],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("a template's logging filters and redacted fields", () => {
  templateTable(requireWafLogging, [
    {
      name: "KEEP by default with a DROP filter for every BLOCK record (loses what the scanners tried)",
      resources: [
        stack(cfn(good({ LoggingFilter: { DefaultBehavior: "KEEP", Filters: [filter("DROP", actionIs("BLOCK"))] } }))),
      ],
      violations: 1,
      mentions: "drops every BLOCK request",
    },
    {
      name: "KEEP by default with a DROP filter for every ALLOW record",
      resources: [
        stack(cfn(good({ LoggingFilter: { DefaultBehavior: "KEEP", Filters: [filter("DROP", actionIs("ALLOW"))] } }))),
      ],
      violations: 1,
      mentions: "drops every ALLOW request",
    },
    {
      name: "DROP by default keeping only BLOCK records",
      resources: [
        stack(cfn(good({ LoggingFilter: { DefaultBehavior: "DROP", Filters: [filter("KEEP", actionIs("BLOCK"))] } }))),
      ],
      violations: 1,
      mentions: 'loggingFilter.defaultBehavior "DROP"',
    },
    {
      name: "DROP by default with a KEEP filter for ALLOW ahead of a DROP for BLOCK (loses the BLOCK records)",
      resources: [
        stack(
          cfn(
            good({
              LoggingFilter: {
                DefaultBehavior: "DROP",
                Filters: [filter("KEEP", actionIs("ALLOW")), filter("DROP", actionIs("BLOCK"))],
              },
            }),
          ),
        ),
      ],
      violations: 1,
      mentions: "no KEEP filter logs every BLOCK record (what the scanners tried)",
    },
    {
      name: "DROP by default with KEEP filters for ALLOW and BLOCK ahead of a DROP for COUNT",
      resources: [
        stack(
          cfn(
            good({
              LoggingFilter: {
                DefaultBehavior: "DROP",
                Filters: [
                  filter("KEEP", actionIs("ALLOW")),
                  filter("KEEP", actionIs("BLOCK")),
                  filter("DROP", actionIs("COUNT")),
                ],
              },
            }),
          ),
        ),
      ],
      violations: 0,
    },
    {
      name: "a KEEP filter narrowed by a label does not save the ALLOW records a later DROP loses",
      resources: [
        stack(
          cfn(
            good({
              LoggingFilter: {
                DefaultBehavior: "KEEP",
                Filters: [
                  {
                    ...filter("KEEP", actionIs("ALLOW"), { LabelNameCondition: { LabelName: "awswaf:x" } }),
                    Requirement: "MEETS_ALL",
                  },
                  filter("DROP", actionIs("ALLOW")),
                ],
              },
            }),
          ),
        ),
      ],
      violations: 1,
    },
    {
      name: "a filter behaviour from a parameter fed by an unknown program output",
      resources: [
        stack(
          cfn(good({ LoggingFilter: { DefaultBehavior: { Ref: "Default" }, Filters: [] } }), {
            Parameters: { Default: { Type: "String" } },
          }),
          { parameters: { Default: UNKNOWN } },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the User-Agent header redacted",
      resources: [stack(cfn(good({ RedactedFields: [{ SingleHeader: { Name: "User-Agent" } }] })))],
      violations: 1,
      mentions: "redacts the User-Agent",
    },
    {
      name: "the URI path and query string redacted",
      resources: [stack(cfn(good({ RedactedFields: [{ UriPath: {} }, { QueryString: {} }] })))],
      violations: 2,
    },
    {
      name: "only the authorization header redacted",
      resources: [stack(cfn(good({ RedactedFields: [{ SingleHeader: { Name: "authorization" } }] })))],
      violations: 0,
    },
  ]);
});

describe("logging configurations under conditions and across the program", () => {
  const ENV = {
    Parameters: { Env: { Type: "String", Default: "test" } },
    Conditions: { LogOn: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
  };
  const conditional = cfn({ ...good(), Logging: { ...logging(), Condition: "LogOn" } }, ENV);
  const ACL = "aws:wafv2/webAcl:WebAcl";
  const programAcl = { type: ACL, name: "edge", props: { scope: "REGIONAL", defaultAction: { allow: {} } } };
  const aclUrn = urnOf(ACL, "edge");
  const programLogged = (deps: string[]) =>
    stack(
      cfn(
        { Logs: logGroup("aws-waf-logs-edge"), Logging: logging({ ResourceArn: { Ref: "AclArn" } }) },
        { Parameters: { AclArn: { Type: "String" } } },
      ),
      { parameters: { AclArn: UNKNOWN } },
      { propertyDependencies: { parameters: deps } },
    );
  templateTable(requireWafLogging, [
    {
      name: "a Condition false with the default removes the logging configuration",
      resources: [stack(conditional)],
      violations: 1,
      mentions: "has no logging configuration",
    },
    {
      name: "the Condition true with the parameter the program passes",
      resources: [stack(conditional, { parameters: { Env: "prod" } })],
      violations: 0,
    },
    {
      name: "the Condition undecided at preview: a note, never a pass",
      resources: [stack(conditional, { parameters: { Env: UNKNOWN } })],
      violations: 0,
      notes: 1,
      mentions: "only if condition LogOn holds",
    },
    {
      name: "a program web ACL logged by a template configuration fed its arn through a parameter",
      resources: [programAcl, programLogged([aclUrn])],
      violations: 0,
    },
    {
      name: "the same parameter with no program web ACL behind it leaves the program's web ACL unlogged",
      resources: [programAcl, programLogged([])],
      violations: 1,
      urn: aclUrn,
    },
  ]);
});
