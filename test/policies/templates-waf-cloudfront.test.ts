// A CloudFront distribution's webAclId unknown at preview: in a program it is an output (a web ACL's arn) and counts
// as set, as before; in a raw template it may be left out (an undecided Fn::If with AWS::NoValue, an import), so it is
// a note, never a pass, unless a parameter the program feeds gives it.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { CFN_STACK } from "./templates-fixtures";
import { templateTable } from "./templates-waf-harness";

const CLOUDFRONT = "aws:cloudfront/distribution:Distribution";
const ACL = "aws:wafv2/webAcl:WebAcl";
const ACL_ARN = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1";

const ENV = {
  Parameters: { Env: { Type: "String", Default: "test" }, AclArn: { Type: "String", Default: ACL_ARN } },
  Conditions: { WafOn: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
};

/** A template with one distribution whose WebACLId is `webAclId`. */
const cdnTemplate = (webAclId: unknown) =>
  JSON.stringify({
    AWSTemplateFormatVersion: "2010-09-09",
    ...ENV,
    Resources: {
      Cdn: {
        Type: "AWS::CloudFront::Distribution",
        Properties: {
          DistributionConfig: {
            Enabled: true,
            WebACLId: webAclId,
            Origins: [
              { Id: "site", DomainName: "example.com", CustomOriginConfig: { OriginProtocolPolicy: "https-only" } },
            ],
          },
        },
      },
    },
  });

const stack = (webAclId: unknown, parameters: Record<string, unknown> = {}, more: Partial<StackInput> = {}) => ({
  type: CFN_STACK,
  name: "web",
  props: { templateBody: cdnTemplate(webAclId), parameters },
  ...more,
});

const ifWafOn = { "Fn::If": ["WafOn", { Ref: "AclArn" }, { Ref: "AWS::NoValue" }] };
const programAcl = { type: ACL, name: "edge", props: { scope: "CLOUDFRONT", defaultAction: { allow: {} } } };
const aclUrn = urnOf(ACL, "edge");

describe("a template distribution's WebACLId", () => {
  templateTable(requireWafOnInternetEndpoints, [
    {
      name: "Fn::If with AWS::NoValue under a condition undecided at preview: a note, never a pass",
      resources: [stack(ifWafOn, { Env: UNKNOWN })],
      violations: 0,
      notes: 1,
      mentions:
        "template resource Cdn (AWS::CloudFront::Distribution): webAclId is unknown (the template may leave WebACLId out",
    },
    { name: "the same condition true", resources: [stack(ifWafOn, { Env: "prod" })], violations: 0 },
    {
      name: "the same condition false (the default)",
      resources: [stack(ifWafOn)],
      violations: 1,
      mentions: "web/Cdn: CloudFront distribution has no WAF",
    },
    {
      name: "imported from another stack",
      resources: [stack({ "Fn::ImportValue": "EdgeAcl" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a parameter fed by a program web ACL's unknown arn",
      resources: [
        programAcl,
        stack({ Ref: "AclArn" }, { AclArn: UNKNOWN }, { propertyDependencies: { parameters: [aclUrn] } }),
      ],
      violations: 0,
    },
    {
      name: "a parameter unknown at preview with no program resource behind it",
      resources: [stack({ Ref: "AclArn" }, { AclArn: UNKNOWN }, { propertyDependencies: { parameters: [] } })],
      violations: 0,
      notes: 1,
    },
    { name: "a known ARN by the parameter's default", resources: [stack({ Ref: "AclArn" })], violations: 0 },
    { name: "a blank known value", resources: [stack(" ")], violations: 1 },
  ]);
});

describe("a program distribution's webAclId unknown at preview (unchanged)", () => {
  const cdn = (propertyDependencies?: Record<string, string[]>) => ({
    type: CLOUDFRONT,
    name: "cdn",
    props: { enabled: true, webAclId: UNKNOWN },
    ...(propertyDependencies ? { propertyDependencies } : {}),
  });
  templateTable(requireWafOnInternetEndpoints, [
    {
      name: "webAclId: acl.arn (a property dependency on the web ACL)",
      resources: [programAcl, cdn({ webAclId: [aclUrn] })],
      violations: 0,
    },
    { name: "unknown with no dependency the SDK sent", resources: [cdn()], violations: 0 },
    {
      name: "no webAclId at all",
      resources: [{ type: CLOUDFRONT, name: "cdn", props: { enabled: true } }],
      violations: 1,
      urn: urnOf(CLOUDFRONT, "cdn"),
    },
  ]);
});
