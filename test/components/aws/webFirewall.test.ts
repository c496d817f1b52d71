import * as pulumi from "@pulumi/pulumi";
import { installMocks, ofType, one, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
import { WebFirewall } from "../../../components/aws/webFirewall";
import { SCANNER_USER_AGENTS } from "../../../components/plan/scanners";

describe("WebFirewall", () => {
  beforeAll(async () => {
    reset();
    new WebFirewall("edge", {
      associateArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1"],
      rateLimit: 500,
    });
    await settle();
  });

  it("runs the managed groups, the per-IP rate rule and the scanner block, in this order", () => {
    const acl = one("aws:wafv2/webAcl:WebAcl");
    expect(acl.inputs.scope).toBe("REGIONAL");
    expect(acl.inputs.defaultAction).toEqual({ allow: {} });
    const rules: any[] = acl.inputs.rules;
    expect(rules.map((r) => [r.priority, r.name])).toEqual([
      [0, "AWSManagedRulesAmazonIpReputationList"],
      [1, "AWSManagedRulesCommonRuleSet"],
      [2, "AWSManagedRulesKnownBadInputsRuleSet"],
      [3, "AWSManagedRulesSQLiRuleSet"],
      [4, "AWSManagedRulesLinuxRuleSet"],
      [5, "AWSManagedRulesUnixRuleSet"],
      [6, "rate-limit-per-ip"],
      [7, "block-scanner-user-agents"],
    ]);
    for (const r of rules.slice(0, 6)) {
      expect(r.statement).toEqual({ managedRuleGroupStatement: { vendorName: "AWS", name: r.name } });
      expect(r.overrideAction).toEqual({ none: {} });
    }
    expect(rules[6].statement).toEqual({ rateBasedStatement: { limit: 500, aggregateKeyType: "IP" } });
    expect(rules[6].action).toEqual({ block: {} });
    expect(rules[7].action).toEqual({ block: {} });
    const ors: any[] = rules[7].statement.orStatement.statements;
    expect(ors.map((s) => s.byteMatchStatement.searchString)).toEqual([...SCANNER_USER_AGENTS]);
    for (const s of ors) {
      expect(s.byteMatchStatement).toMatchObject({
        fieldToMatch: { singleHeader: { name: "user-agent" } },
        positionalConstraint: "CONTAINS",
        textTransformations: [{ priority: 0, type: "LOWERCASE" }],
      });
    }
  });

  it("logs to an aws-waf-logs- group kept 365 days and associates the given ARN", () => {
    const group = one("aws:cloudwatch/logGroup:LogGroup");
    expect(group.inputs).toMatchObject({ name: "aws-waf-logs-edge", retentionInDays: 365 });
    const logging = one("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
    expect(logging.inputs.resourceArn).toBe("arn:aws:mock:us-east-1:123456789012:wafv2/webAcl/edge-acl");
    expect(logging.inputs.logDestinationConfigs).toEqual([
      "arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-edge",
    ]);
    expect(ofType("aws:wafv2/webAclAssociation:WebAclAssociation").map((a) => a.inputs)).toEqual([
      {
        resourceArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1",
        webAclArn: "arn:aws:mock:us-east-1:123456789012:wafv2/webAcl/edge-acl",
      },
    ]);
  });

  it("adds the anonymous-IP group right after IP reputation when asked", async () => {
    reset();
    new WebFirewall("anon", { blockAnonymousIps: true });
    await settle();
    const names = one("aws:wafv2/webAcl:WebAcl").inputs.rules.map((r: any) => r.name);
    expect(names.slice(0, 3)).toEqual([
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesAnonymousIpList",
      "AWSManagedRulesCommonRuleSet",
    ]);
  });

  it("warns when rateLimit is raised above the default, and only then", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      reset();
      new WebFirewall("loose", { rateLimit: 50_000 });
      new WebFirewall("tight", { rateLimit: 500 });
      await settle();
      const messages = warn.mock.calls.map((c) => String(c[0]));
      expect(messages.filter((m) => /rateLimit/.test(m))).toEqual([
        expect.stringMatching(/WebFirewall loose: rateLimit 50000 is above the default 1000/),
      ]);
      const limits = ofType("aws:wafv2/webAcl:WebAcl").map(
        (a) => a.inputs.rules.find((r: any) => r.name === "rate-limit-per-ip").statement.rateBasedStatement.limit,
      );
      expect(limits).toEqual([50_000, 500]);
    } finally {
      warn.mockRestore();
    }
  });

  it("rejects bad arguments all at once, creating nothing", async () => {
    reset();
    const e = validationErrorOf(
      () =>
        new WebFirewall("bad", {
          scope: "GLOBAL" as any,
          rateLimit: 5,
          blockedUserAgents: ["ok-tool", "x"],
          logRetentionDays: 90,
        }),
    );
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([
      ["scope", "GLOBAL"],
      ["rateLimit", 5],
      ["blockedUserAgents[1]", "x"],
      ["logRetentionDays", 90],
    ]);
    const cf = validationErrorOf(() => new WebFirewall("cf", { scope: "CLOUDFRONT", associateArns: ["arn:x"] }));
    expect(cf.message).toMatch(/associateArns.*fix: set webAclId on the CloudFront distribution/);
    await settle();
    expect(recorded).toEqual([]);
  });
});
