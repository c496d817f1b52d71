// Starts the compiled pack exactly as the Pulumi CLI does (run-policy-pack, gRPC analyzer protocol) and sends it
// resources as the engine sends them. Needs the build (`npm run build`), which `npm test` runs first.
import * as fs from "fs";
import * as path from "path";
import { startPolicyPack, type PolicyHost } from "../../engine/policy-host";
import type { PolicyPackConfigFile } from "../../engine/policy-config";
import { UNKNOWN } from "../../lib/values";
import { sgRule } from "./protocol-fixtures";

const PACK = path.join(__dirname, "..", "..", "policies");
const BUILT = path.join(PACK, "dist", "index.js");

describe("the pack over the analyzer protocol", () => {
  let host: PolicyHost;

  beforeAll(async () => {
    if (!fs.existsSync(BUILT)) throw new Error(`${BUILT} is missing: run npm run build first`);
    const config: PolicyPackConfigFile = {
      "require-imdsv2": { enforcementLevel: "remediate" },
      "disallow-public-high-risk-ports": {
        exemptions: [
          {
            resource: "partner-*",
            reason: "partner VPN concentrator terminates here until migration",
            owner: "netops",
            expires: "2999-01-01",
          },
        ],
      },
    };
    host = await startPolicyPack(PACK, { config });
  }, 120_000);
  afterAll(() => host?.close());

  it("declares every policy with its level and config schema", () => {
    const info = host.info();
    expect(info.name).toBe("hardening-kit");
    const admin = info.policies.find((p) => p.name === "disallow-internet-admin-ports");
    expect(admin).toMatchObject({ enforcementLevel: "mandatory", severity: "critical", type: "resource" });
    expect(Object.keys(admin!.configSchema!.properties)).toEqual(
      expect.arrayContaining(["ports", "exemptions", "failClosed"]),
    );
  });

  it("blocks SSH from the internet with a mandatory violation, despite an unknown group id", async () => {
    const ds = await host.analyze(sgRule("ssh", { fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }));
    expect(ds.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName)).toEqual([
      "disallow-internet-admin-ports",
      "disallow-public-high-risk-ports",
    ]);
  });

  it("passes HTTPS and notes an unknown source explicitly", async () => {
    expect(
      await host.analyze(sgRule("https", { fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0", "::/0"] })),
    ).toEqual([]);
    const ds = await host.analyze(sgRule("ssh-dynamic", { fromPort: 22, toPort: 22, cidrBlocks: [UNKNOWN] }));
    expect(ds.map((d) => [d.enforcementLevel, d.message])).toContainEqual([
      "advisory",
      "cannot be verified at preview: rule source CIDR is unknown — breaks case step 1 (SSH brute-forced in 137 s)",
    ]);
    expect(ds.map((d) => [d.enforcementLevel, d.message])).toContainEqual([
      "advisory",
      "cannot be verified at preview: rule source CIDR is unknown — breaks case step 3 (databases reached from 12 internet IPs)",
    ]);
  });

  it("applies exemptions from --policy-pack-config and reports them", async () => {
    const ds = await host.analyze(
      sgRule("partner-db", { fromPort: 5432, toPort: 5432, cidrBlocks: ["198.51.0.0/16"] }),
    );
    expect(ds.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["disallow-public-high-risk-ports", "advisory"],
    ]);
    expect(ds[0].message).toContain("exempted until 2999-01-01 by netops");
  });

  it("remediates IMDSv1 to required when the policy runs at the remediate level", async () => {
    const instance = {
      urn: "urn:pulumi:dev::hardening-kit::aws:ec2/instance:Instance::web",
      type: "aws:ec2/instance:Instance",
      name: "web",
      inputs: { ami: UNKNOWN, instanceType: "t3.micro" },
    };
    const { remediations, inputs } = await host.remediate(instance);
    expect(remediations.map((r) => r.policyName)).toContain("require-imdsv2");
    expect(inputs).toMatchObject({ metadataOptions: { httpTokens: "required" } });
  });

  it("checks stack rules with links from property dependencies", async () => {
    const acl = {
      urn: "urn:pulumi:dev::hardening-kit::aws:wafv2/webAcl:WebAcl::edge",
      type: "aws:wafv2/webAcl:WebAcl",
      name: "edge",
      inputs: { scope: "REGIONAL" },
    };
    const ds = await host.analyzeStack([acl]);
    expect(ds.filter((d) => d.policyName === "require-waf-logging").map((d) => [d.enforcementLevel, d.urn])).toEqual([
      ["mandatory", acl.urn],
    ]);
    const log = {
      urn: "urn:pulumi:dev::hardening-kit::aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration::edge-logs",
      type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
      name: "edge-logs",
      inputs: { resourceArn: UNKNOWN, logDestinationConfigs: [UNKNOWN] },
      propertyDependencies: { resourceArn: [acl.urn] },
    };
    expect((await host.analyzeStack([acl, log])).filter((d) => d.policyName === "require-waf-logging")).toEqual([]);
  });
});

describe("pack-wide settings and config errors over the protocol", () => {
  it("fails the whole pack closed and rejects a bad CIDR with a clear error", async () => {
    const config: PolicyPackConfigFile = {
      "configure-hardening-kit-pack": { failClosed: true },
      "disallow-internet-admin-ports": { allowCidrs: ["banana"] },
    };
    const host = await startPolicyPack(PACK, { config });
    try {
      const ds = await host.analyze({
        urn: "urn:pulumi:dev::hardening-kit::aws:ec2/instance:Instance::i",
        type: "aws:ec2/instance:Instance",
        name: "i",
        inputs: { metadataOptions: { httpTokens: UNKNOWN } },
      });
      // Fail-closed for the whole pack: the unknown token is now a mandatory violation.
      expect(ds.map((d) => [d.policyName, d.enforcementLevel])).toEqual([["require-imdsv2", "mandatory"]]);
      await expect(
        host.analyze(sgRule("ssh", { fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] })),
      ).rejects.toThrow(
        /policy 'disallow-internet-admin-ports': config 'allowCidrs' = \["banana"\] is invalid; expected a list of CIDR blocks/,
      );
    } finally {
      host.close();
    }
  }, 120_000);
});
