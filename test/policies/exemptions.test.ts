import { findExemption, isExpired, isSubstantialReason, parseExemptions } from "../../policies/lib/exemptions";
import { requireImdsv2 } from "../../policies/rules/require-imdsv2";
import { advisory, mandatory, remediate, run, urnOf } from "./harness";

const EC2 = "aws:ec2/instance:Instance";
const insecure = { ami: "a", metadataOptions: { httpTokens: "optional" } };
const exemption = (extra: Record<string, unknown> = {}) => ({
  resource: "legacy-*",
  reason: "vendor appliance AMI cannot read IMDSv2 tokens until firmware 4.2",
  owner: "platform-team",
  expires: "2999-12-31",
  ...extra,
});

describe("exemptions", () => {
  it("exempts a matching resource by name glob and reports the exemption", async () => {
    const ds = await run(requireImdsv2, EC2, insecure, {
      name: "legacy-appliance",
      config: { exemptions: [exemption()] },
    });
    expect(mandatory(ds)).toEqual([]);
    expect(advisory(ds)).toHaveLength(1);
    expect(advisory(ds)[0].message).toMatch(
      /^exempted until 2999-12-31 by platform-team: vendor appliance .*would report: metadataOptions\.httpTokens/,
    );
  });

  it("matches URNs with wildcards and leaves other resources checked", async () => {
    const byUrn = exemption({ resource: "urn:pulumi:*::aws:ec2/instance:Instance::legacy-appliance" });
    const config = { exemptions: [byUrn] };
    expect(mandatory(await run(requireImdsv2, EC2, insecure, { name: "legacy-appliance", config }))).toEqual([]);
    expect(mandatory(await run(requireImdsv2, EC2, insecure, { name: "web", config }))).toHaveLength(1);
  });

  it("reports an exemption in use even when the resource complies", async () => {
    const ds = await run(
      requireImdsv2,
      EC2,
      { metadataOptions: { httpTokens: "required" } },
      { name: "legacy-1", config: { exemptions: [exemption()] } },
    );
    expect(ds.map((d) => [d.level, d.message.includes("resource complies")])).toEqual([["advisory", true]]);
  });

  it("turns an expired exemption into a violation and checks the resource again", async () => {
    const ds = await run(requireImdsv2, EC2, insecure, {
      name: "legacy-1",
      config: { exemptions: [exemption({ expires: "2020-01-31" })] },
    });
    expect(mandatory(ds).map((d) => d.message.split("\n")[1])).toEqual([
      "exemption expired on 2020-01-31 (owner platform-team): fix the resource or renew it — breaks case step 1 (SSH brute-forced in 137 s)",
      'metadataOptions.httpTokens is "optional": IMDSv1 stays open — breaks case step 1 (SSH brute-forced in 137 s)',
    ]);
  });

  it("does not remediate an exempted resource", async () => {
    expect(
      await remediate(requireImdsv2, EC2, insecure, { name: "legacy-1", config: { exemptions: [exemption()] } }),
    ).toBeUndefined();
  });

  it.each([
    ["too short", "temp"],
    ["a placeholder word first", "todo: explain why this is needed here"],
    ["n/a", "n/a"],
    ["few words", "needed-for-the-legacy-appliance"],
  ])("rejects a trivial reason (%s)", (_n, reason) => {
    expect(isSubstantialReason(reason)).toBe(false);
    expect(() => parseExemptions("p", [exemption({ reason })])).toThrow(/exemptions\[0\]\.reason/);
  });

  it.each([
    ["missing owner", { owner: undefined }, /owner/],
    ["bad date", { expires: "31/12/2026" }, /expires/],
    ["impossible date", { expires: "2026-02-30" }, /expires/],
    ["unknown key", { ticket: "X-1" }, /only resource, reason, owner and expires/],
    ["empty pattern", { resource: " " }, /resource/],
  ])("rejects %s", (_n, extra, message) => {
    expect(() => parseExemptions("require-imdsv2", [exemption(extra)])).toThrow(message);
  });

  it("expires at the end of the stated day (UTC)", () => {
    const e = parseExemptions("p", [exemption({ expires: "2026-03-01" })])[0];
    expect(isExpired(e, new Date("2026-03-01T23:00:00Z"))).toBe(false);
    expect(isExpired(e, new Date("2026-03-02T00:00:01Z"))).toBe(true);
  });

  it("finds the first matching exemption by URN or name", () => {
    const list = parseExemptions("p", [exemption({ resource: "db-?" }), exemption()]);
    expect(findExemption(list, urnOf(EC2, "db-1"), "db-1")?.resource).toBe("db-?");
    expect(findExemption(list, urnOf(EC2, "db-10"), "db-10")).toBeUndefined();
  });
});
