// WebFirewall associateArns: each plain string must be the ARN of a resource a regional web ACL attaches to, in the
// web ACL's region; otherwise the association fails at deployment after the web ACL, its log group and key exist.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, ofType, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
import { associableArnRegion, WebFirewall } from "../../../components/aws/webFirewall";
import { registrationFailures } from "../registration-failures";

const ACCOUNT = "123456789012";
const ALB = (region = "us-east-1") =>
  `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;

/** One of each kind AWS WAF lists for AssociateWebACL, in us-east-1. */
const ASSOCIABLE = [
  ALB(),
  "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod",
  `arn:aws:appsync:us-east-1:${ACCOUNT}:apis/abcdefghijklmnopqrstuvwxyz`,
  `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_AbCdEf123`,
  `arn:aws:apprunner:us-east-1:${ACCOUNT}:service/web/8fe1e10304f84fd2b0df550fe98a71fa`,
  `arn:aws:ec2:us-east-1:${ACCOUNT}:verified-access-instance/vai-0ce000c0b7643abea`,
  `arn:aws:amplify:us-east-1:${ACCOUNT}:apps/d2ikx2wwzpn7lq`,
];

const NOT_ASSOCIABLE: [string, string][] = [
  [
    "a Network Load Balancer (the red team's probe)",
    `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/net/x/50dc6c495c0c9188`,
  ],
  ["a Gateway Load Balancer", `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/gwy/x/50dc6c495c0c9188`],
  ["a plain name", "my-alb"],
  [
    "an ALB listener",
    `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
  ],
  ["an ALB ARN with a short account", "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/a/1"],
  ["an API Gateway REST API without its stage", "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5"],
  ["an API Gateway HTTP API stage", "arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5/stages/prod"],
  ["a CloudFront distribution", `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE`],
  ["an availability zone for a region", `arn:aws:elasticloadbalancing:us-east-1a:${ACCOUNT}:loadbalancer/app/web/1`],
];

describe("WebFirewall associateArns that no regional web ACL attaches to", () => {
  it.each(NOT_ASSOCIABLE)("refuses %s before anything is registered", (_, arn) => {
    reset();
    const e = validationErrorOf(() => new WebFirewall("edge", { associateArns: [ALB(), arn] }));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["associateArns[1]", arn]]);
    expect(e.message).toContain(
      `argument "associateArns[1]" is ${JSON.stringify(arn)}; allowed: the ARN of a resource a regional web ACL ` +
        "attaches to: an Application Load Balancer (arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/",
    );
    expect(e.message).toContain(
      "fix: pass the resource's own ARN (e.g. alb.arn or stage.arn); a Network or Gateway Load Balancer, a " +
        "CloudFront distribution and an API Gateway HTTP API take no regional web ACL",
    );
    expect(recorded).toEqual([]);
  });

  it("reports a padded ARN once, as a padded string", () => {
    reset();
    const e = validationErrorOf(() => new WebFirewall("edge", { associateArns: [`${ALB()} `] }));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["associateArns[0]", `${ALB()} `]]);
    expect(e.message).toContain("allowed: a non-empty string without surrounding spaces");
    expect(recorded).toEqual([]);
  });

  it("refuses ARNs of two regions at once, naming the first one's region", () => {
    reset();
    const e = validationErrorOf(() => new WebFirewall("edge", { associateArns: [ALB(), ALB("eu-west-1")] }));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["associateArns[1]", ALB("eu-west-1")]]);
    expect(e.message).toContain("allowed: a resource in the web ACL's one region, like associateArns[0] (us-east-1)");
    expect(e.message).toContain("fix: give each region its own WebFirewall, with that region's provider");
    expect(recorded).toEqual([]);
  });

  it("leaves the list to the CLOUDFRONT refusal there, without judging each entry", () => {
    reset();
    const e = validationErrorOf(() => new WebFirewall("cf", { scope: "CLOUDFRONT", associateArns: ["my-alb"] }));
    expect(e.problems.map((p) => p.argument)).toEqual(["associateArns"]);
  });
});

describe("WebFirewall associateArns in another region than the web ACL", () => {
  it("is refused once the provider's region is known, and no child is registered", async () => {
    reset();
    const failures = await registrationFailures(async () => {
      new WebFirewall("edge", { associateArns: [ALB("eu-west-1")] });
      await settle();
    });
    expect(failures).toEqual([
      expect.stringContaining(
        `argument "associateArns[0]" is "${ALB("eu-west-1")}"; allowed: a resource in the web ACL's region (us-east-1): a ` +
          "regional web ACL attaches only to resources of its region; fix: create this WebFirewall with a provider " +
          "of region eu-west-1, or associate a resource of us-east-1",
      ),
    ]);
    expect(recorded.filter((r) => !r.type.startsWith("hardening:"))).toEqual([]);
  });

  it("is accepted with a provider of the resource's region", async () => {
    reset();
    const ireland = new aws.Provider("ireland", { region: "eu-west-1" });
    new WebFirewall("edge-eu", { associateArns: [ALB("eu-west-1")] }, { provider: ireland });
    await settle();
    expect(ofType("aws:wafv2/webAclAssociation:WebAclAssociation").map((a) => a.inputs.resourceArn)).toEqual([
      ALB("eu-west-1"),
    ]);
  });
});

describe("WebFirewall associateArns a regional web ACL attaches to", () => {
  it("accepts one of each kind AWS WAF lists, and associates each", async () => {
    reset();
    new WebFirewall("edge", { associateArns: ASSOCIABLE });
    await settle();
    expect(ofType("aws:wafv2/webAclAssociation:WebAclAssociation").map((a) => a.inputs.resourceArn)).toEqual(
      ASSOCIABLE,
    );
    expect(ofType("aws:wafv2/webAcl:WebAcl")).toHaveLength(1);
  });

  it("reads the region of each kind, in other partitions too", () => {
    expect(ASSOCIABLE.map(associableArnRegion)).toEqual(ASSOCIABLE.map(() => "us-east-1"));
    expect(associableArnRegion(`arn:aws-cn:elasticloadbalancing:cn-north-1:${ACCOUNT}:loadbalancer/app/w/1`)).toBe(
      "cn-north-1",
    );
    expect(associableArnRegion(`arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/a/stages/b`)).toBe("us-gov-west-1");
  });

  it("passes Outputs as they come, whatever they hold", async () => {
    reset();
    new WebFirewall("edge", { associateArns: [pulumi.output("not-checked"), pulumi.output(ALB("eu-west-1"))] });
    await settle();
    expect(ofType("aws:wafv2/webAclAssociation:WebAclAssociation")).toHaveLength(2);
  });
});
