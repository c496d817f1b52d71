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

const AMPLIFY = (region = "us-east-1", app = "d2ikx2wwzpn7lq") => `arn:aws:amplify:${region}:${ACCOUNT}:apps/${app}`;

/** One of each kind AWS WAF lists for AssociateWebACL with a regional web ACL, in us-east-1. */
const ASSOCIABLE = [
  ALB(),
  "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod",
  `arn:aws:appsync:us-east-1:${ACCOUNT}:apis/abcdefghijklmnopqrstuvwxyz`,
  `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_AbCdEf123`,
  `arn:aws:apprunner:us-east-1:${ACCOUNT}:service/web/8fe1e10304f84fd2b0df550fe98a71fa`,
  `arn:aws:ec2:us-east-1:${ACCOUNT}:verified-access-instance/vai-0ce000c0b7643abea`,
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
});

// Amplify Hosting's firewall guide: the web ACL of an Amplify app must be a global (CloudFront) one; a regional web
// ACL is not compatible with Amplify, and apps sharing a web ACL must be in one region.
describe("WebFirewall associateArns of Amplify apps", () => {
  it("refuses an Amplify app under REGIONAL, naming scope CLOUDFRONT as the fix", () => {
    reset();
    const e = validationErrorOf(() => new WebFirewall("edge", { associateArns: [ALB(), AMPLIFY()] }));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["associateArns[1]", AMPLIFY()]]);
    expect(e.message).toContain(
      "fix: an Amplify app takes only a global web ACL: use scope CLOUDFRONT (with a us-east-1 provider) for it",
    );
    expect(recorded).toEqual([]);
  });

  it("associates Amplify apps of any one region with a CLOUDFRONT web ACL in us-east-1", async () => {
    reset();
    const arns = [AMPLIFY("eu-west-1"), AMPLIFY("eu-west-1", "d3abcdefghijkl")];
    const failures = await registrationFailures(async () => {
      new WebFirewall("amp", { scope: "CLOUDFRONT", associateArns: arns });
      await settle();
    });
    expect(failures).toEqual([]);
    expect(ofType("aws:wafv2/webAcl:WebAcl").map((a) => a.inputs.scope)).toEqual(["CLOUDFRONT"]);
    expect(ofType("aws:wafv2/webAclAssociation:WebAclAssociation").map((a) => a.inputs.resourceArn)).toEqual(arns);
  });

  it.each([
    ["an ALB", ALB(), "a regional resource takes a REGIONAL web ACL"],
    ["a plain name", "my-alb", "set webAclId on the CloudFront distribution instead"],
    ["a CloudFront distribution", `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE`, "set webAclId"],
  ])("refuses %s under CLOUDFRONT, with the fix for its kind", (_, arn, fix) => {
    reset();
    const e = validationErrorOf(() => new WebFirewall("cf", { scope: "CLOUDFRONT", associateArns: [AMPLIFY(), arn] }));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["associateArns[1]", arn]]);
    expect(e.message).toContain("allowed: the ARN of an Amplify app (arn:aws:amplify:<region>:<account>:apps/<id>)");
    expect(e.message).toContain(`fix: ${fix}`);
    expect(recorded).toEqual([]);
  });

  it("refuses Amplify apps of two regions on one CLOUDFRONT web ACL", () => {
    reset();
    const e = validationErrorOf(
      () => new WebFirewall("cf", { scope: "CLOUDFRONT", associateArns: [AMPLIFY(), AMPLIFY("eu-west-1", "d9")] }),
    );
    expect(e.problems.map((p) => p.argument)).toEqual(["associateArns[1]"]);
    expect(e.message).toContain("apps sharing a web ACL must be in one region");
    expect(e.message).toContain("fix: give the Amplify apps of each region their own WebFirewall");
  });
});

describe("WebFirewall associateArns in another region than the web ACL", () => {
  it("is refused once the provider's region is known, and no child is registered", async () => {
    reset();
    const failures = await registrationFailures(async () => {
      new WebFirewall("edge", { associateArns: [ALB("eu-west-1")] });
      await settle();
    });
    // One message, in the component's own words, not wrapped by Pulumi's serializer at each waiting input.
    expect(failures).toEqual([expect.stringMatching(/^WebFirewall edge: /)]);
    expect(failures[0]).toContain(
      `argument "associateArns[0]" is "${ALB("eu-west-1")}"; allowed: a resource in the web ACL's region (us-east-1): a ` +
        "regional web ACL attaches only to resources of its region; fix: create this WebFirewall with a provider " +
        "of region eu-west-1, or associate a resource of us-east-1",
    );
    expect(failures[0]).not.toContain("error serializing");
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
    expect(ASSOCIABLE.map((arn) => associableArnRegion(arn))).toEqual(ASSOCIABLE.map(() => "us-east-1"));
    expect(associableArnRegion(`arn:aws-cn:elasticloadbalancing:cn-north-1:${ACCOUNT}:loadbalancer/app/w/1`)).toBe(
      "cn-north-1",
    );
    expect(associableArnRegion(`arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/a/stages/b`)).toBe("us-gov-west-1");
    // The European Sovereign Cloud's regions start with four letters.
    expect(
      associableArnRegion(`arn:aws-eusc:elasticloadbalancing:eusc-de-east-1:${ACCOUNT}:loadbalancer/app/w/1`),
    ).toBe("eusc-de-east-1");
    expect(associableArnRegion(AMPLIFY("eu-west-1"), "CLOUDFRONT")).toBe("eu-west-1");
    expect([associableArnRegion(AMPLIFY()), associableArnRegion(ALB(), "CLOUDFRONT")]).toEqual([undefined, undefined]);
    // Still a region, not any word: a zone, upper case and a three-letter prefix are refused.
    for (const region of ["eusc-de-east-1a", "EUSC-DE-EAST-1", "eus-de-east-1"]) {
      const arn = `arn:aws-eusc:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/w/1`;
      expect([region, associableArnRegion(arn)]).toEqual([region, undefined]);
    }
  });

  it("passes Outputs as they come, whatever they hold", async () => {
    reset();
    new WebFirewall("edge", { associateArns: [pulumi.output("not-checked"), pulumi.output(ALB("eu-west-1"))] });
    await settle();
    expect(ofType("aws:wafv2/webAclAssociation:WebAclAssociation")).toHaveLength(2);
  });
});
