// The aws-prod stack through the offline preview engine and the policy pack: the acceptance check.
// Needs the build (`npm test` builds before jest); skipped when the engine has not been built.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "../../..");
const cli = path.join(root, "dist/engine/cli.js");
const run = fs.existsSync(cli) ? describe : describe.skip;

run("offline preview of aws-prod", () => {
  let report: any;
  beforeAll(() => {
    const out = execFileSync(process.execPath, [cli, "--stack", "aws-prod", "--json"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 240_000,
    });
    report = JSON.parse(out);
  }, 250_000);

  it("has no policy violation, mandatory or advisory", () => {
    expect(report.summary.mandatory).toBe(0);
    expect(report.summary.advisory).toBe(0);
  });

  it("contains every component and the protections they promise", () => {
    const types = new Set(report.resources.map((r: any) => r.type));
    for (const t of [
      "hardening:aws:HardenedVpc",
      "hardening:aws:Bastion",
      "hardening:aws:WebFirewall",
      "hardening:aws:TrafficForensics",
      "hardening:aws:DnsFailover",
      "hardening:aws:AuditTrail",
      "hardening:aws:ImmutableBackup",
      "hardening:aws:IdentityBaseline",
      "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
      "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
      "aws:wafv2/webAclAssociation:WebAclAssociation",
      "aws:ec2/trafficMirrorSession:TrafficMirrorSession",
    ]) {
      expect(types).toContain(t);
    }
    const flowLogs = report.resources.filter((r: any) => r.type === "aws:ec2/flowLog:FlowLog");
    expect(flowLogs.map((f: any) => [f.inputs.trafficType, f.inputs.logDestinationType]).sort()).toEqual([
      ["ALL", "cloud-watch-logs"],
      ["ALL", "s3"],
    ]);
  });

  it("exposes SSH only on the bastion, only to the operator block, and nothing of the database", () => {
    const ssh = report.exposures.filter((e: any) => String(e.ports).split(",").includes("22"));
    expect(ssh.map((e: any) => [e.resourceName, e.sources])).toEqual([["bastion-host", ["203.0.113.0/28"]]]);
    expect(report.exposures.filter((e: any) => /data-db/.test(e.urn))).toEqual([]);
    const exposed = new Set(report.exposures.map((e: any) => e.resourceName));
    expect([...exposed].sort()).toEqual(["bastion-host", "web-alb", "web-app-0"]);
  });
});
