// The Alibaba Cloud product (stack alicloud-prod) previewed offline with the kit's pack, as `npm run preview` does:
// no violation, both regions complete, the standby in its own provider, and nothing exposed but what is meant to be.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { runPreview, type PreviewResult } from "../../engine/preview";
import type { PlannedResource } from "../../engine/model";

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "dist/stacks/index.js");
const PACK = path.join(ROOT, "policies");
const KIT_PACK = "hardening-kit";
const PROBE_PACK = "provider-probe";
const STANDBY_PROVIDER = "secondary-region";

const config = parse(fs.readFileSync(path.join(ROOT, "Pulumi.alicloud-prod.yaml"), "utf8")).config;
const officeCidrs: string[] = config["hardening-kit:bastionAllowedCidrs"];
const wafCidrs: string[] = config["hardening-kit:wafBackToSourceCidrs"];

/**
 * The engine's resource list carries no provider; this pack reports, once, the provider the analyzer sees for each
 * resource. It lives in a temporary directory and loads the same @pulumi/policy copy as the kit's pack.
 */
function writeProbePack(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-probe-"));
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: PROBE_PACK, version: "0.0.1", main: "index.js" }),
  );
  fs.writeFileSync(
    path.join(dir, "index.js"),
    `const { PolicyPack } = require(${JSON.stringify(require.resolve("@pulumi/policy"))});
new PolicyPack(${JSON.stringify(PROBE_PACK)}, {
  policies: [{
    name: "providers",
    description: "Reports the provider of every resource.",
    enforcementLevel: "advisory",
    validateStack: (args, report) =>
      report(JSON.stringify(Object.fromEntries(args.resources.map((r) => [r.urn, r.provider ? r.provider.name : ""])))),
  }],
});
`,
  );
  return dir;
}

let result: PreviewResult;
let providerOf: Record<string, string>;
let probeDir: string;

beforeAll(async () => {
  if (!fs.existsSync(PROGRAM)) throw new Error(`${PROGRAM} is missing: run \`npm run build\` first (npm test does).`);
  probeDir = writeProbePack();
  result = await runPreview({ stack: "alicloud-prod", cwd: ROOT, program: PROGRAM, policyPacks: [PACK, probeDir] });
  const probe = result.diagnostics.filter((d) => d.policyPackName === PROBE_PACK);
  expect(probe).toHaveLength(1);
  // The message is the policy's description followed by what it reported.
  const message = probe[0].message;
  providerOf = JSON.parse(message.slice(message.indexOf("{")));
}, 300_000); // one full preview (165 resources, two packs) on a shared machine

afterAll(() => {
  if (probeDir) fs.rmSync(probeDir, { recursive: true, force: true });
});

const kitDiagnostics = () => result.diagnostics.filter((d) => d.policyPackName === KIT_PACK);
const isStandby = (r: PlannedResource) => r.name.startsWith("standby-");
const custom = (r: PlannedResource) => !r.type.startsWith("hardening:") && !r.type.startsWith("pulumi:");
/** Children of the components built once per product (trail, backups, GTM, RAM, Security Center): not regional. */
const productWide = (r: PlannedResource) =>
  /hardening:alicloud:(AuditTrail|ImmutableBackup|DnsFailover|IdentityBaseline|ThreatDetection)\$/.test(r.urn);
/** Region of a resource as its provider decides it. */
const regionOf = (r: PlannedResource) => (providerOf[r.urn] === STANDBY_PROVIDER ? "standby" : "primary");

it("runs the kit's pack and finds no violation, mandatory or advisory", () => {
  expect(result.packs.map((p) => p.name)).toEqual([KIT_PACK, PROBE_PACK]);
  expect(kitDiagnostics().map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn}: ${d.message}`)).toEqual([]);
  expect(result.summary.mandatory).toBe(0);
});

it("builds every regional resource type in both regions, by provider", () => {
  const regional: Record<string, number> = {
    "alicloud:vpc/network:Network": 1,
    "alicloud:vpc/switch:Switch": 4,
    "alicloud:vpc/natGateway:NatGateway": 1,
    "alicloud:vpc/networkAcl:NetworkAcl": 1,
    "alicloud:vpc/flowLog:FlowLog": 2,
    "alicloud:ecs/instance:Instance": 5,
    "alicloud:ecs/securityGroup:SecurityGroup": 3,
    // 5 ingress; the bastion's 8 egress rules (443 out, 22 to the VPC, Alibaba Cloud's service range, drop the rest).
    "alicloud:ecs/securityGroupRule:SecurityGroupRule": 13,
    "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer": 2,
    "alicloud:slb/listener:Listener": 2,
    "alicloud:slb/acl:Acl": 1,
    "alicloud:rds/instance:Instance": 1,
    "alicloud:vpc/trafficMirrorSession:TrafficMirrorSession": 1,
    "alicloud:oss/bucketWorm:BucketWorm": 1,
  };
  for (const region of ["primary", "standby"]) {
    const counts = Object.fromEntries(
      Object.keys(regional).map((t) => [
        t,
        result.resources.filter((r) => r.type === t && !productWide(r) && regionOf(r) === region).length,
      ]),
    );
    expect({ region, counts }).toEqual({ region, counts: regional });
  }
});

it("composes the regional components twice and the product-wide ones once", () => {
  const components = result.resources.filter((r) => r.type.startsWith("hardening:alicloud:"));
  const names = (type: string) =>
    components
      .filter((r) => r.type === `hardening:alicloud:${type}`)
      .map((r) => r.name)
      .sort();
  expect(names("HardenedVpc")).toEqual(["estate", "standby-estate"]);
  expect(names("Bastion")).toEqual(["ops", "standby-ops"]);
  expect(names("WebFirewall")).toEqual(["standby-web-waf", "web-waf"]);
  expect(names("TrafficForensics")).toEqual(["standby-traffic", "traffic"]);
  for (const once of ["AuditTrail", "IdentityBaseline", "ImmutableBackup", "DnsFailover", "ThreatDetection"]) {
    expect(names(once)).toHaveLength(1);
  }
});

it("blocks SSH guessing on every server and watches sshd_config and root's keys, once, with the default provider", () => {
  const ofType = (t: string) => result.resources.filter((r) => r.type === `alicloud:threatdetection/${t}`);
  const rules = ofType("antiBruteForceRule:AntiBruteForceRule");
  expect(rules.map((r) => [r.name, regionOf(r), r.inputs.defaultRule, r.inputs.protocolType])).toEqual([
    ["threat-anti-brute-force", "primary", true, { ssh: "on", rdp: "on", sqlServer: "on" }],
  ]);
  // require-threat-detection: no looser than 10 failures in 10 minutes, the source blocked ≥ 60 minutes (minutes).
  const { failCount, span, forbiddenTime } = rules[0].inputs as Record<string, number>;
  expect([failCount <= 10, failCount / span <= 10 / 10, forbiddenTime >= 60]).toEqual([true, true, true]);
  const files = ofType("clientFileProtect:ClientFileProtect");
  expect(files.map((f) => [f.name, regionOf(f), f.inputs.ruleAction, f.inputs.alertLevel])).toEqual([
    ["threat-core-files", "primary", "alert", 3],
  ]);
});

it("creates the standby's resources with the standby provider, which targets the standby region", () => {
  const provider = result.resources.find((r) => r.type === "pulumi:providers:alicloud" && r.name === STANDBY_PROVIDER);
  expect(provider?.inputs.region).toBe(config["hardening-kit:standby"].region);
  const standby = result.resources.filter((r) => custom(r) && isStandby(r));
  expect(standby.length).toBeGreaterThan(50);
  // WAF 3.0 has one mainland instance per account, managed through cn-hangzhou: its domains use the default provider.
  const waf = (r: PlannedResource) => r.type.startsWith("alicloud:wafv3/");
  expect(standby.filter((r) => !waf(r) && providerOf[r.urn] !== STANDBY_PROVIDER).map((r) => r.name)).toEqual([]);
  expect(standby.filter(waf).length).toBeGreaterThan(0);
  expect(
    standby
      .filter(waf)
      .filter((r) => !/^default/.test(providerOf[r.urn]))
      .map((r) => r.name),
  ).toEqual([]);
  // Outside the standby's own names, only the backup replica lives in the standby region.
  const primary = result.resources.filter((r) => custom(r) && !isStandby(r));
  expect(
    primary
      .filter((r) => providerOf[r.urn] === STANDBY_PROVIDER)
      .map((r) => r.name)
      .sort(),
  ).toEqual(["backup-replica", "backup-replica-key", "backup-replica-public-access-block", "backup-replica-worm"]);
});

it("places the standby's vSwitches in standby zones and the primary's in primary zones", () => {
  const zones = (standby: boolean) =>
    result.resources
      .filter((r) => r.type === "alicloud:vpc/switch:Switch" && isStandby(r) === standby)
      .map((r) => String(r.inputs.zoneId).replace(/-[a-z]$/, ""));
  expect(new Set(zones(false))).toEqual(new Set([config["alicloud:region"]]));
  expect(new Set(zones(true))).toEqual(new Set([config["hardening-kit:standby"].region]));
});

it("exposes only each bastion's SSH to the office and 80/443 through the internet load balancers", () => {
  const unexpected = result.exposures.filter((e) => {
    const within = (allowed: string[]) => e.sources.every((s) => allowed.includes(s));
    const bastionSsh = e.ports === "22" && /^(standby-)?ops-instance$/.test(e.resourceName) && within(officeCidrs);
    const viaLoadBalancer =
      (e.ports === "80" || e.ports === "443") &&
      /(^|→ )lb:(standby-)?web-slb \(internet-facing\)/.test(e.path) &&
      within(wafCidrs);
    return !(bastionSsh || viaLoadBalancer);
  });
  expect(unexpected.map((e) => e.path)).toEqual([]);
  // Both regions' edges are there: two bastions, two load balancers, four web hosts.
  expect([...new Set(result.exposures.map((e) => e.resourceName))].sort()).toEqual([
    "ops-instance",
    "standby-ops-instance",
    "standby-web-0",
    "standby-web-1",
    "standby-web-slb",
    "web-0",
    "web-1",
    "web-slb",
  ]);
});

it("whitelists each web listener with its region's WebFirewall origin ACL, made by the standby's provider there", () => {
  const byUrn = new Map(result.resources.map((r) => [r.urn, r]));
  const listeners = result.resources.filter((r) => r.type === "alicloud:slb/listener:Listener");
  const seen = listeners
    .map((l) => {
      const acl = byUrn.get((l.propertyDependencies.aclIds ?? [])[0] ?? "");
      return [l.name, l.inputs.aclStatus, l.inputs.aclType, acl?.name, byUrn.get(acl?.parent ?? "")?.type];
    })
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const waf = "hardening:alicloud:WebFirewall";
  expect(seen).toEqual([
    ["standby-web-http", "on", "white", "standby-web-waf-origin-acl", waf],
    ["standby-web-https", "on", "white", "standby-web-waf-origin-acl", waf],
    ["web-http", "on", "white", "web-waf-origin-acl", waf],
    ["web-https", "on", "white", "web-waf-origin-acl", waf],
  ]);
  const acls = result.resources.filter((r) => r.type === "alicloud:slb/acl:Acl");
  expect(
    acls.map((a) => [a.name, regionOf(a), (a.inputs.entryLists as { entry: string }[]).map((e) => e.entry)]),
  ).toEqual(
    expect.arrayContaining([
      ["web-waf-origin-acl", "primary", wafCidrs],
      ["standby-web-waf-origin-acl", "standby", wafCidrs],
    ]),
  );
  expect(acls).toHaveLength(2);
});
