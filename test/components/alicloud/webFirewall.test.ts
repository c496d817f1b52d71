import * as pulumi from "@pulumi/pulumi";
import { childrenOf, one, ofType, options, recordOptions, settle, thrown } from "./mocks";
import { WebFirewall } from "../../../components/alicloud/webFirewall";
import { SCANNER_USER_AGENTS } from "../../../components/plan/scanners";

/** WAF's back-to-origin blocks as the console lists them (documentation ranges here). */
const backToOriginCidrs = ["198.51.100.0/24"];

describe("WebFirewall", () => {
  beforeAll(async () => {
    new WebFirewall(
      "waf",
      { domains: [{ domain: "www.example.com", backends: ["198.51.100.9"], certId: "cert-1" }], backToOriginCidrs },
      { transformations: [recordOptions] },
    );
    await settle();
  });

  it("protects the domain in front of the given origin", () => {
    const domain = one("waf", "alicloud:wafv3/domain:Domain").inputs;
    expect(domain).toMatchObject({ domain: "www.example.com", instanceId: "waf-instance-id", accessType: "share" });
    expect(domain.listen).toMatchObject({
      httpPorts: [80],
      httpsPorts: [443],
      certId: "cert-1",
      tlsVersion: "tlsv1.2",
    });
    expect(domain.redirect.backends).toEqual(["198.51.100.9"]);
  });

  it("binds core-protection, CC and custom-ACL templates to the protected object", () => {
    const templates = ofType("waf", "alicloud:wafv3/defenseTemplate:DefenseTemplate").map((t) => t.inputs);
    expect(templates.map((t) => t.defenseScene)).toEqual(["cc", "custom_acl", "waf_group"]);
    for (const t of templates) {
      expect(t).toMatchObject({ status: "1", templateType: "user_custom", resources: ["www.example.com-waf"] });
    }
  });

  it("turns core protection on in blocking mode and CC protection on", () => {
    const rules = ofType("waf", "alicloud:wafv3/defenseRule:DefenseRule").map((r) => r.inputs);
    const core = rules.find((r) => r.defenseScene === "waf_group");
    expect(core).toMatchObject({
      ruleStatus: 1,
      defenseType: "template",
      config: { ruleAction: "block", autoUpdate: true },
    });
    expect(rules.find((r) => r.defenseScene === "cc")).toMatchObject({ ruleStatus: 1, config: { mode: 0 } });
  });

  it("rate-limits each client IP", () => {
    const rate = ofType("waf", "alicloud:wafv3/defenseRule:DefenseRule").find((r) => r.name === "waf-rate-limit-rule");
    expect(rate?.inputs.config).toMatchObject({
      ccStatus: 1,
      ruleAction: "block",
      rateLimit: { target: "remoteAddr", interval: 60, threshold: 1000, ttl: 600 },
    });
  });

  it("blocks every scanner User-Agent token", () => {
    const uaRules = ofType("waf", "alicloud:wafv3/defenseRule:DefenseRule").filter((r) => r.name.includes("ua-block"));
    expect(uaRules.every((r) => r.inputs.defenseScene === "custom_acl" && r.inputs.config.ruleAction === "block")).toBe(
      true,
    );
    const tokens = uaRules.flatMap((r) =>
      r.inputs.config.conditions.flatMap((c: any) => (c.key === "User-Agent" ? c.values.split(",") : [])),
    );
    expect(tokens).toEqual([...SCANNER_USER_AGENTS]);
  });

  it("collects WAF logs into SLS for 365 days, retained on delete", () => {
    const audit = one("waf", "alicloud:log/audit:Audit");
    expect(audit.inputs.variableMap).toEqual({ waf_enabled: "true", waf_ttl: "365" });
    expect(audit.inputs.aliuid).toBe("1234567890123456");
    expect(options.get("waf-waf-logs")?.retainOnDelete).toBe(true);
  });

  it("rejects bad domains, short retention and bad rate limits together, creating nothing", () => {
    const message = thrown(
      () =>
        new WebFirewall("bad", {
          domains: [
            { domain: "Not A Host", backends: [] },
            { domain: "api.example.com", backends: ["198.51.100.1"], httpsPorts: [443] },
          ],
          logRetentionDays: 90,
          rateLimit: { threshold: 0, intervalSeconds: 60, blockSeconds: 600 },
          blockedUserAgents: ["ok-token", "a,b"],
          backToOriginCidrs,
        }),
    );
    expect(message).toContain('argument "domains[0].domain" is "Not A Host"');
    expect(message).toContain('argument "domains[0].backends" is []');
    expect(message).toContain('argument "domains[1].certId" is undefined');
    expect(message).toContain('argument "logRetentionDays" is 90');
    expect(message).toContain('argument "rateLimit.threshold" is 0');
    expect(message).toContain('argument "blockedUserAgents[1]" is "a,b"');
    expect(message).toContain("6 invalid arguments");
    expect(childrenOf("bad")).toEqual([]);
  });

  it("warns when the rate limit is looser than the default, and only then", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    const domains = [{ domain: "rate.example.com", backends: ["198.51.100.9"] }];
    const rateLimit = (threshold: number, intervalSeconds: number, blockSeconds: number) => ({
      domains,
      backToOriginCidrs,
      rateLimit: { threshold, intervalSeconds, blockSeconds },
    });
    new WebFirewall("loose", rateLimit(5000, 60, 120));
    new WebFirewall("tight", rateLimit(100, 10, 3600));
    await settle();
    const messages = warn.mock.calls.map((c) => String(c[0])).filter((m) => /rateLimit/.test(m));
    expect(messages).toEqual([
      'WebFirewall "loose": rateLimit is looser than the default (5000 requests per 60 s is more than 1000 per 60 s; ' +
        "a 120 s block is shorter than 600 s)",
    ]);
    warn.mockRestore();
  });

  it("warns, and creates no log collection, when log collection is left to another stack", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    new WebFirewall("shared", {
      instanceId: "waf-existing",
      domains: [{ domain: "shop.example.com", backends: ["198.51.100.9"] }],
      manageLogCollection: false,
      backToOriginCidrs,
    });
    await settle();
    expect(ofType("shared", "alicloud:log/audit:Audit")).toEqual([]);
    expect(ofType("shared", "alicloud:wafv3/instance:Instance")).toEqual([]);
    expect(one("shared", "alicloud:wafv3/domain:Domain").inputs.instanceId).toBe("waf-existing");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("manageLogCollection is false"), expect.anything());
    warn.mockRestore();
  });
});
