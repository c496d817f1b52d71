import { checkAdminSources } from "../../components/plan/adminSources";
import { FLOW_LOG_V5_FIELDS, flowLogFormat } from "../../components/plan/flowLogFormat";
import { checkDays, checkLogRetention } from "../../components/plan/retention";
import { managedRuleGroupNames, scannerUserAgentStatement } from "../../components/plan/waf";
import { Problems } from "../../components/validation";

function problemsOf(fill: (p: Problems) => void) {
  const p = new Problems("t");
  fill(p);
  return p.list.map((x) => [x.argument, x.value]);
}

describe("checkAdminSources", () => {
  it.each([
    [["203.0.113.0/28"], []],
    [["198.51.100.0/24", "2001:db8:1::/48"], []],
    [["10.0.0.0/8", "192.168.1.0/24"], []],
    [["0.0.0.0/0"], [["a[0]", "0.0.0.0/0"]]],
    [["::/0"], [["a[0]", "::/0"]]],
    [["198.51.100.0/23"], [["a[0]", "198.51.100.0/23"]]],
    [["2001:db8::/32"], [["a[0]", "2001:db8::/32"]]],
    [
      ["0.0.0.0/1", "128.0.0.0/1"],
      [
        ["a[0]", "0.0.0.0/1"],
        ["a[1]", "128.0.0.0/1"],
      ],
    ],
    [["nope", "203.0.113.0/28"], [["a[0]", "nope"]]],
  ])("%j → %j", (cidrs, expected) => {
    expect(problemsOf((p) => checkAdminSources(p, "a", cidrs, { required: true }))).toEqual(expected);
  });

  it("requires a list only when asked", () => {
    expect(problemsOf((p) => checkAdminSources(p, "a", [], { required: true }))).toEqual([["a", []]]);
    expect(problemsOf((p) => checkAdminSources(p, "a", undefined, { required: false }))).toEqual([]);
  });
});

describe("retention", () => {
  it("accepts CloudWatch values of at least 180 days only", () => {
    expect(problemsOf((p) => [180, 365, 3653].forEach((d) => checkLogRetention(p, "r", d)))).toEqual([]);
    expect(problemsOf((p) => [90, 200, 0].forEach((d) => checkLogRetention(p, "r", d)))).toEqual([
      ["r", 90],
      ["r", 200],
      ["r", 0],
    ]);
    expect(problemsOf((p) => checkDays(p, "d", 7.5, 1, 10, "f"))).toEqual([["d", 7.5]]);
  });
});

describe("flow-log format", () => {
  it("lists every field once as a ${field} placeholder", () => {
    const format = flowLogFormat();
    expect(new Set(FLOW_LOG_V5_FIELDS).size).toBe(FLOW_LOG_V5_FIELDS.length);
    expect(format.startsWith("${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr}")).toBe(true);
    expect(format.endsWith("${flow-direction} ${traffic-path}")).toBe(true);
    expect(format.split(" ")).toHaveLength(29);
  });
});

describe("WAF planning", () => {
  it("orders the managed groups with IP reputation first and anonymous IPs optional", () => {
    expect(managedRuleGroupNames({ blockAnonymousIps: false })).toEqual([
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesSQLiRuleSet",
      "AWSManagedRulesLinuxRuleSet",
      "AWSManagedRulesUnixRuleSet",
    ]);
    expect(managedRuleGroupNames({ blockAnonymousIps: true })[1]).toBe("AWSManagedRulesAnonymousIpList");
  });

  it("builds an OR of lower-cased CONTAINS matches, a single match for one token", () => {
    const statement: any = scannerUserAgentStatement(["SQLMap", "sqlmap", "nikto"]);
    expect(statement.orStatement.statements.map((s: any) => s.byteMatchStatement.searchString)).toEqual([
      "sqlmap",
      "nikto",
    ]);
    const single: any = scannerUserAgentStatement(["hydra"]);
    expect(single.byteMatchStatement).toEqual({
      fieldToMatch: { singleHeader: { name: "user-agent" } },
      positionalConstraint: "CONTAINS",
      searchString: "hydra",
      textTransformations: [{ priority: 0, type: "LOWERCASE" }],
    });
    expect(() => scannerUserAgentStatement([])).toThrow(/at least one token/);
  });
});
