import * as pulumi from "@pulumi/pulumi";
import { childrenOf, ofType, one, recorded, settle, thrown } from "./mocks";
import { ThreatDetection, type ThreatDetectionArgs } from "../../../components/alicloud/threatDetection";
import { PROTECTED_PATHS } from "../../../components/plan/alicloud-threat";

const BRUTE_FORCE = "alicloud:threatdetection/antiBruteForceRule:AntiBruteForceRule";
const FILE_PROTECT = "alicloud:threatdetection/clientFileProtect:ClientFileProtect";
const EVENT_RULE = "alicloud:cms/eventRule:EventRule";
const UUID = "032b618f-b220-4a0d-bd37-fbdc6ef58b6a";

/**
 * The contract of the pack's `require-threat-detection` for Alibaba Cloud, restated from its inputs: SSH covered on
 * every server (default rule) or on named ones, no looser than 10 failures in 10 minutes (failCount ≤ 10 and
 * failCount / span ≤ 1 per minute: a longer span is stricter), the source blocked ≥ 60 minutes.
 */
function meetsDetectionContract(inputs: Record<string, any>): boolean {
  const sshOn = (inputs.protocolType?.ssh ?? "on") === "on";
  const covers = inputs.defaultRule === true || (inputs.uuidLists ?? []).length > 0;
  return (
    sshOn && covers && inputs.failCount <= 10 && inputs.failCount / inputs.span <= 10 / 10 && inputs.forbiddenTime >= 60
  );
}

/** Warnings logged while `create` runs. */
function warningsOf(create: () => void): string[] {
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    create();
    return warn.mock.calls.map((c) => String(c[0]));
  } finally {
    warn.mockRestore();
  }
}

describe("ThreatDetection defaults", () => {
  let warnings: string[];
  beforeAll(async () => {
    warnings = warningsOf(() => new ThreatDetection("sas"));
    await settle();
  });

  it("blocks SSH, RDP and SQL Server guessing on every server: 5 failures in 10 minutes, blocked 6 hours", () => {
    const rule = one("sas", BRUTE_FORCE).inputs;
    expect(rule).toEqual({
      antiBruteForceRuleName: "sas-anti-brute-force",
      defaultRule: true,
      uuidLists: [],
      failCount: 5,
      span: 10,
      forbiddenTime: 360,
      protocolType: { ssh: "on", rdp: "on", sqlServer: "on" },
    });
    expect(meetsDetectionContract(rule)).toBe(true);
  });

  it("alerts high-risk on any process changing sshd_config or root's keys, and allows no writer", () => {
    expect(one("sas", FILE_PROTECT).inputs).toEqual({
      ruleName: "sas-core-files",
      filePaths: [...PROTECTED_PATHS],
      fileOps: ["WRITE", "DELETE", "RENAME", "CHMOD"],
      procPaths: ["*"],
      ruleAction: "alert",
      alertLevel: 3,
      status: 1,
    });
    expect(PROTECTED_PATHS).toEqual(
      expect.arrayContaining(["/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d/*", "/root/.ssh/authorized_keys"]),
    );
  });

  it("buys no Security Center edition, routes no alert without responders, and warns about nothing", () => {
    expect(
      childrenOf("sas")
        .map((r) => r.type)
        .sort(),
    ).toEqual([BRUTE_FORCE, FILE_PROTECT].sort());
    expect(recorded.filter((r) => r.type === "alicloud:threatdetection/instance:Instance")).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe("ThreatDetection options that keep or raise the bar", () => {
  it("names servers beside the default rule, Outputs included", async () => {
    new ThreatDetection("named", { serverUuids: [UUID, pulumi.output("7567806c-4ec5-4597-9543-7c9543381a13")] });
    await settle();
    expect(one("named", BRUTE_FORCE).inputs.uuidLists).toEqual([UUID, "7567806c-4ec5-4597-9543-7c9543381a13"]);
  });

  it("accepts stricter thresholds and extra paths without a warning", async () => {
    const warnings = warningsOf(
      () =>
        new ThreatDetection("strict", {
          failCount: 3,
          spanMinutes: 15,
          forbiddenTimeMinutes: 1440,
          extraProtectedPaths: ["/etc/pam.d/*", "/etc/systemd/system/*"],
        }),
    );
    await settle();
    expect(warnings).toEqual([]);
    expect(one("strict", BRUTE_FORCE).inputs).toMatchObject({ failCount: 3, span: 15, forbiddenTime: 1440 });
    expect(one("strict", FILE_PROTECT).inputs.filePaths).toEqual([
      ...PROTECTED_PATHS,
      "/etc/pam.d/*",
      "/etc/systemd/system/*",
    ]);
  });

  it("reads a shorter window by the rate it lets pass: 2 in 5 minutes is stricter than 5 in 10", async () => {
    const warnings = warningsOf(() => new ThreatDetection("rate", { failCount: 2, spanMinutes: 5 }));
    await settle();
    expect(warnings).toEqual([]);
    expect(one("rate", BRUTE_FORCE).inputs).toMatchObject({ failCount: 2, span: 5 });
  });

  it("routes red, yellow and blue to their contact groups as CRITICAL, WARN and INFO Security Center events", async () => {
    new ThreatDetection("levels", {
      responders: { red: ["sec-oncall", "cto"], yellow: ["sec-team"], blue: ["ops-mail"] },
    });
    await settle();
    const rules = ofType("levels", EVENT_RULE).map((r) => [
      r.name,
      r.inputs.eventPattern.product,
      r.inputs.eventPattern.levelLists,
      r.inputs.contactParameters.map((c: { contactGroupName: string }) => c.contactGroupName),
      r.inputs.status,
    ]);
    expect(rules).toEqual([
      ["levels-blue", "Sas", ["INFO"], ["ops-mail"], "ENABLED"],
      ["levels-red", "Sas", ["CRITICAL"], ["sec-oncall", "cto"], "ENABLED"],
      ["levels-yellow", "Sas", ["WARN"], ["sec-team"], "ENABLED"],
    ]);
  });

  it("makes only the levels given", async () => {
    new ThreatDetection("redonly", { responders: { red: ["sec-oncall"] } });
    await settle();
    expect(ofType("redonly", EVENT_RULE).map((r) => r.name)).toEqual(["redonly-red"]);
  });
});

describe("ThreatDetection weakened settings", () => {
  const rows: [string, ThreatDetectionArgs, string][] = [
    ["more failures", { failCount: 10 }, "failCount is 10, weaker than the default 5"],
    [
      "a shorter window",
      { spanMinutes: 1 },
      "spanMinutes is 1 with failCount 5, looser than the default 5 failures in 10",
    ],
    ["fewer failures in a much shorter window", { failCount: 3, spanMinutes: 2 }, "spanMinutes is 2 with failCount 3"],
    ["a shorter block", { forbiddenTimeMinutes: 60 }, "forbiddenTimeMinutes is 60, weaker than the default 360"],
    ["RDP off", { protocols: { rdp: false } }, "protocols.rdp is false"],
    ["SSH off", { protocols: { ssh: false } }, "protocols.ssh is false"],
    ["named servers only", { defaultRule: false, serverUuids: [UUID] }, "defaultRule is false"],
    ["no file protection", { fileProtection: false }, "fileProtection is false"],
    ["a lower alert level", { alertLevel: 2 }, "alertLevel is 2, weaker than the default 3"],
    ["an allowed writer", { allowedWriters: ["/usr/bin/salt-minion"] }, "allowedWriters lets /usr/bin/salt-minion"],
  ];
  it.each(rows)("warns about %s, naming the argument", async (_label, args, expected) => {
    const name = `weak-${rows.findIndex((r) => r[1] === args)}`;
    const warnings = warningsOf(() => new ThreatDetection(name, args));
    await settle();
    expect(warnings).toEqual([expect.stringContaining(expected)]);
    expect(warnings[0]).toContain(`ThreatDetection "${name}"`);
  });

  it("applies the weakened values it warned about", async () => {
    warningsOf(() => new ThreatDetection("weakset", { protocols: { ssh: false }, forbiddenTimeMinutes: 30 }));
    await settle();
    const rule = one("weakset", BRUTE_FORCE).inputs;
    expect(rule.protocolType).toEqual({ ssh: "off", rdp: "on", sqlServer: "on" });
    expect(rule.forbiddenTime).toBe(30);
    expect(meetsDetectionContract(rule)).toBe(false);
  });

  it("adds an allowed writer as a separate pass rule over the same files, leaving the alert rule for everyone", async () => {
    warningsOf(() => new ThreatDetection("writers", { allowedWriters: ["/usr/bin/salt-minion", "/opt/puppet/*"] }));
    await settle();
    const [watch, pass] = ofType("writers", FILE_PROTECT);
    expect([watch.name, watch.inputs.ruleAction, watch.inputs.procPaths]).toEqual([
      "writers-core-files",
      "alert",
      ["*"],
    ]);
    expect(pass.inputs).toMatchObject({
      ruleName: "writers-core-files-writers",
      ruleAction: "pass",
      procPaths: ["/usr/bin/salt-minion", "/opt/puppet/*"],
      filePaths: watch.inputs.filePaths,
      fileOps: watch.inputs.fileOps,
    });
  });

  it("makes no file rule with fileProtection false", async () => {
    warningsOf(() => new ThreatDetection("nofiles", { fileProtection: false }));
    await settle();
    expect(childrenOf("nofiles").map((r) => r.type)).toEqual([BRUTE_FORCE]);
  });
});

describe("ThreatDetection argument checks", () => {
  /** Each row: arguments, the argument the error names, text of the value as shown, text of the fix. */
  const rows: [string, unknown, string, string, string][] = [
    ["a misspelled key", { failcount: 5 }, "failcount", "5", "did you mean failCount?"],
    ["an undocumented failCount", { failCount: 6 }, "failCount", "6", "use 5 (the default) or fewer"],
    ["failCount as a string", { failCount: "5" }, "failCount", '"5"', "use 5"],
    ["a span in seconds", { spanMinutes: 60 }, "spanMinutes", "60", "use 10 (the default) or 15"],
    ["a block in hours", { forbiddenTimeMinutes: 6 }, "forbiddenTimeMinutes", "6", "use 360"],
    ["defaultRule as a string", { defaultRule: "false" }, "defaultRule", '"false"', "pass a boolean"],
    ["a protocol as on/off", { protocols: { ssh: "on" } }, "protocols.ssh", '"on"', "pass a boolean"],
    ["an unknown protocol", { protocols: { telnet: true } }, "protocols.telnet", "true", "remove telnet"],
    [
      "every protocol off",
      { protocols: { ssh: false, rdp: false, sqlServer: false } },
      "protocols",
      '"ssh":false',
      "leave SSH on",
    ],
    ["a bad agent UUID", { serverUuids: ["i-bp1abc"] }, "serverUuids[0]", '"i-bp1abc"', "Security Center > Assets"],
    ["a repeated UUID", { serverUuids: [UUID, UUID] }, "serverUuids[1]", UUID, "remove the duplicate"],
    ["a rule for nobody", { defaultRule: false }, "defaultRule", "false", "list the servers in serverUuids"],
    ["a relative path", { extraProtectedPaths: ["etc/passwd"] }, "extraProtectedPaths[0]", "etc/passwd", "full path"],
    ["a dotted path", { extraProtectedPaths: ["/etc/ssh/../shadow"] }, "extraProtectedPaths[0]", "..", "as the host"],
    ["a padded path", { extraProtectedPaths: ["/etc/ssh/ x"] }, "extraProtectedPaths[0]", "/etc/ssh/ x", "as the host"],
    ["every path", { extraProtectedPaths: ["/*"] }, "extraProtectedPaths[0]", '"/*"', "name the directory"],
    [
      "a default path again",
      { extraProtectedPaths: ["/root/.ssh/*"] },
      "extraProtectedPaths[0]",
      "/root/.ssh/*",
      "one of the defaults",
    ],
    ["a path list as a string", { extraProtectedPaths: "/etc/x" }, "extraProtectedPaths", '"/etc/x"', "pass e.g."],
    ["every process as writer", { allowedWriters: ["*"] }, "allowedWriters[0]", '"*"', "full path"],
    ["every process by /**", { allowedWriters: ["/**"] }, "allowedWriters[0]", '"/**"', "name the directory"],
    ["a writer by name only", { allowedWriters: ["salt-minion"] }, "allowedWriters[0]", "salt-minion", "full path"],
    ["alert level none", { alertLevel: 0 }, "alertLevel", "0", "use 3"],
    [
      "an alert level without the rule",
      { fileProtection: false, alertLevel: 3 },
      "alertLevel",
      "3",
      "remove alertLevel, or omit fileProtection",
    ],
    ["an unknown level", { responders: { purple: ["x"] } }, "responders.purple", "purple", "red, yellow or blue"],
    ["groups as a string", { responders: { red: "oncall" } }, "responders.red", '"oncall"', "pass e.g."],
    ["too many groups", { responders: { red: ["a", "b", "c", "d", "e", "f"] } }, "responders.red", '"f"', "pass e.g."],
    ["a blank group", { responders: { blue: [" ops"] } }, "responders.blue[0]", '" ops"', "Alert Contact Group"],
    ["a threshold as an Output", { failCount: pulumi.output(5) }, "failCount", "pulumi.Output", "not a pulumi.Output"],
  ];

  it.each(rows)("refuses %s, naming argument, value and fix, and creates nothing", (label, args, arg, value, fix) => {
    const name = `bad-${rows.findIndex((r) => r[0] === label)}`;
    const message = thrown(() => new ThreatDetection(name, args as ThreatDetectionArgs));
    const line = message.split("\n").find((l) => l.includes(`argument "${arg}" is`));
    expect(line).toBeDefined();
    expect(line).toContain(value);
    expect(line).toContain(`fix: `);
    expect(line!.slice(line!.indexOf("fix: "))).toContain(fix);
    expect(recorded.filter((r) => r.name === name || r.name.startsWith(`${name}-`))).toEqual([]);
  });

  it("reports every bad argument in one error", () => {
    const message = thrown(
      () =>
        new ThreatDetection("many", {
          failCount: 7,
          spanMinutes: 3,
          forbiddenTimeMinutes: 45,
          extraProtectedPaths: ["tmp"],
        }),
    );
    expect(message).toContain("4 invalid arguments");
    expect(recorded.filter((r) => r.name.startsWith("many"))).toEqual([]);
  });
});
