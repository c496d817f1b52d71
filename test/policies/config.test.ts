import { applyPackSettings, packSettings, packSettingsPolicy } from "../../policies/lib/settings";
import { disallowInternetAdminPorts } from "../../policies/rules/disallow-internet-admin-ports";
import { requireImdsv2 } from "../../policies/rules/require-imdsv2";
import { hardeningRules } from "../../policies/catalog";
import { mandatory, run, UNKNOWN } from "./harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const open22 = { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] };

describe("policy configuration", () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ["ports not a list", { ports: 22 }, /config 'ports' = 22 is invalid; expected a list of port numbers/],
    ["port out of range", { ports: [22, 70000] }, /'ports'/],
    ["bad CIDR", { allowCidrs: ["10.0.0.0/33"] }, /config 'allowCidrs' = \["10.0.0.0\/33"\] is invalid/],
    ["prefix too long", { minPublicPrefixV4: 40 }, /an integer from 0 to 32/],
    ["failClosed not boolean", { failClosed: "yes" }, /'failClosed'/],
    ["ephemeral flag not boolean", { allowNaclEphemeralReturn: 1 }, /'allowNaclEphemeralReturn'/],
  ])("rejects %s with a message naming policy, key and value", async (_n, config, message) => {
    await expect(run(disallowInternetAdminPorts, SG, open22, { config })).rejects.toThrow(message);
    await expect(run(disallowInternetAdminPorts, SG, open22, { config })).rejects.toThrow(
      /policy 'disallow-internet-admin-ports'/,
    );
  });

  it("declares every key it reads in configSchema (usable with --policy-pack-config)", () => {
    for (const rule of hardeningRules) {
      const keys = Object.keys(rule.configSchema?.properties ?? {});
      expect(keys).toEqual(expect.arrayContaining(["failClosed", "exemptions"]));
    }
    expect(Object.keys(disallowInternetAdminPorts.configSchema!.properties)).toEqual(
      expect.arrayContaining(["ports", "allowCidrs", "minPublicPrefixV4", "minPublicPrefixV6"]),
    );
  });
});

describe("fail-closed", () => {
  const unknownTokens = { metadataOptions: { httpTokens: UNKNOWN } };
  afterEach(() => applyPackSettings({}));

  it("is advisory by default", async () => {
    const ds = await run(requireImdsv2, "aws:ec2/instance:Instance", unknownTokens);
    expect(ds.map((d) => [d.level, d.message])).toEqual([
      [
        "advisory",
        "cannot be verified at preview: metadataOptions.httpTokens is unknown — breaks case step 1 (SSH brute-forced in 137 s)",
      ],
    ]);
  });

  it("fails a single policy closed through its own config", async () => {
    const ds = await run(requireImdsv2, "aws:ec2/instance:Instance", unknownTokens, { config: { failClosed: true } });
    expect(mandatory(ds)).toHaveLength(1);
    expect(ds[0].message).toContain("failing closed");
  });

  it("fails the whole pack closed through the settings policy, and a policy can opt out", async () => {
    await run(packSettingsPolicy, "aws:ec2/instance:Instance", {}, { config: { failClosed: true } });
    expect(packSettings().failClosed).toBe(true);
    expect(mandatory(await run(requireImdsv2, "aws:ec2/instance:Instance", unknownTokens))).toHaveLength(1);
    expect(
      mandatory(
        await run(requireImdsv2, "aws:ec2/instance:Instance", unknownTokens, { config: { failClosed: false } }),
      ),
    ).toEqual([]);
  });

  it("follows its config from call to call: other values, other keys, none, the same values in a fresh object", async () => {
    const violations = async (config: Record<string, unknown>) =>
      mandatory(await run(disallowInternetAdminPorts, SG, open22, { config })).length;
    const trusted = ["0.0.0.0/0"];
    expect(await violations({ allowCidrs: trusted })).toBe(0);
    expect(await violations({ allowCidrs: ["10.0.0.0/8"] })).toBe(1);
    expect(await violations({ allowCidrs: trusted })).toBe(0);
    expect(await violations({ allowCidrs: trusted, ports: [3389] })).toBe(0);
    expect(await violations({ ports: [22] })).toBe(1);
    expect(await violations({ allowCidrs: trusted })).toBe(0);
    expect(await violations({})).toBe(1);
    expect(await violations({ allowCidrs: [...trusted] })).toBe(0);
  });

  it("notes a matching exemption on a resource that complies, and only a matching one", async () => {
    const exemption = { reason: "bastion reviewed by the security team", owner: "secops", expires: "2999-12-31" };
    const closed = { ingress: [] };
    const note = async (resource: string) =>
      (await run(disallowInternetAdminPorts, SG, closed, { config: { exemptions: [{ ...exemption, resource }] } }))
        .map((d) => d.message)
        .join();
    expect(await note("no-such-*")).toBe("");
    expect(await note("*")).toContain("exempted until 2999-12-31 by secops");
  });

  it("rejects unknown pack settings", () => {
    expect(() => applyPackSettings({ failclosed: true })).toThrow(/only failClosed/);
  });
});
