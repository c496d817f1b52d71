// A tiny program using the CloudFront origin lock, previewed offline: the engine answers the prefix-list lookup in
// the ALB's region, and the reachability model reads the locked ALB (its group admits only CloudFront's AWS-managed
// list, which is not in the stack, and its listener forwards only requests carrying the distribution's secret header
// through the WebFirewall's origin request gate) next to an ALB left open to the internet in the same network, each
// the origin of a CloudFront distribution with the WebFirewall's web ACL: the WAF rule passes the locked one and
// reports the open one.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Registration } from "../../engine/model";
import { LocalMonitor } from "../../engine/monitor";
import { runPreview, type PreviewResult } from "../../engine/preview";
import { hardeningStackRules, resourcePolicies } from "../../policies/catalog";
import { stackPolicies } from "../../policies/stack";
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { run } from "../policies/harness";
import { mandatory, Reported, runStackPolicy } from "../reachability/policy-harness";
import { UNKNOWN } from "./helpers";

const REPO = path.join(__dirname, "../..");
/** The gate's secret: 64 hex digits (a kit user reads it with config.requireSecret). */
const ORIGIN_SECRET = "6f1d0c3b9a8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817065f4e";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const LISTENER = "aws:lb/listener:Listener";
const LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";

/** The program, in TypeScript as a kit user writes it; it imports the component from this repository. */
const PROGRAM = `
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { WebFirewall } from ${JSON.stringify(path.join(REPO, "components/aws/webFirewall"))};

const edge = new aws.Provider("edge", { region: "us-east-1" });
const origin = new aws.Provider("origin", { region: "eu-central-1" });
const inOrigin = { provider: origin };

const vpc = new aws.ec2.Vpc("app", { cidrBlock: "10.0.0.0/16" }, inOrigin);
const igw = new aws.ec2.InternetGateway("app", { vpcId: vpc.id }, inOrigin);
const table = new aws.ec2.RouteTable(
  "public",
  { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] },
  inOrigin,
);
const subnets = ["a", "b"].map((zone, i) => {
  const subnet = new aws.ec2.Subnet(
    "public-" + zone,
    { vpcId: vpc.id, cidrBlock: "10.0." + i + ".0/24", availabilityZone: "eu-central-1" + zone },
    inOrigin,
  );
  new aws.ec2.RouteTableAssociation("public-" + zone, { subnetId: subnet.id, routeTableId: table.id }, inOrigin);
  return subnet;
});

/** An ALB with one HTTPS listener; gated: its default action the gate's 403, else a forward to its targets. */
function alb(name: string, gated: boolean) {
  const group = new aws.ec2.SecurityGroup(name, { vpcId: vpc.id, description: name + " ALB" }, inOrigin);
  const balancer = new aws.lb.LoadBalancer(
    name,
    { loadBalancerType: "application", internal: false, subnets: subnets.map((s) => s.id), securityGroups: [group.id] },
    inOrigin,
  );
  const targets = new aws.lb.TargetGroup(name, { vpcId: vpc.id, port: 8080, protocol: "HTTP" }, inOrigin);
  const listener = new aws.lb.Listener(
    name,
    {
      loadBalancerArn: balancer.arn,
      port: 443,
      protocol: "HTTPS",
      certificateArn: "arn:aws:acm:eu-central-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
      defaultActions: [gated ? WebFirewall.originGateDefaultAction() : { type: "forward", targetGroupArn: targets.arn }],
    },
    inOrigin,
  );
  return { group, balancer, listener, targets };
}

const waf = new WebFirewall("cdn", { scope: "CLOUDFRONT" }, { provider: edge });

/** A distribution inspecting requests with the web ACL, whose origin is the ALB's host name, sending \`customHeaders\`. */
function distribution(
  name: string,
  balancer: aws.lb.LoadBalancer,
  customHeaders: { name: string; value: pulumi.Input<string> }[] = [],
) {
  return new aws.cloudfront.Distribution(
    name,
    {
      enabled: true,
      webAclId: waf.webAclArn,
      origins: [
        {
          originId: "alb",
          domainName: balancer.dnsName,
          customHeaders,
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "https-only",
            originSslProtocols: ["TLSv1.2"],
          },
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: "alb",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    },
    { provider: edge },
  );
}

const locked = alb("locked", true);
waf.originIngressRules("locked", locked.group.id, { provider: origin });
const gate = waf.originRequestGate("locked", {
  listenerArn: locked.listener.arn,
  targetGroupArn: locked.targets.arn,
  secret: pulumi.secret("${ORIGIN_SECRET}"),
  provider: origin,
});
distribution("locked-cdn", locked.balancer, [gate.customHeader]);

const open = alb("open", false);
new aws.vpc.SecurityGroupIngressRule(
  "open-https",
  { securityGroupId: open.group.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 },
  inOrigin,
);
distribution("open-cdn", open.balancer);
`;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node",
    esModuleInterop: true,
    strict: true,
    skipLibCheck: true,
  },
};

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "origin-lock-preview-"));
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "package.json"), '{"name":"p","main":"index.ts"}\n');
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\nmain: index.ts\n");
  fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), "config:\n  aws:region: eu-central-1\n");
  fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
  return dir;
}

describe("offline preview of a program using the CloudFront origin lock", () => {
  let dir: string;
  let result: PreviewResult;
  /** The engine's own registrations: they carry the provider reference the result leaves out. */
  let registrations: Registration[];
  const named = (type: string, name: string) => result.resources.filter((r) => r.type === type && r.name === name);

  beforeAll(async () => {
    dir = project();
    const finish = jest.spyOn(LocalMonitor.prototype, "finish");
    try {
      result = await runPreview({ stack: "s", cwd: dir });
      registrations = finish.mock.results[0].value as Registration[];
    } finally {
      finish.mockRestore();
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("plans the lock's rule under the WebFirewall with the Frankfurt list id from the offline lookup", () => {
    const [rule] = named(RULE, "cdn-origin-locked-443");
    expect(rule).toBeDefined();
    expect(rule.parent).toBe(result.resources.find((r) => r.type === "hardening:aws:WebFirewall")?.urn);
    expect(rule.inputs).toMatchObject({
      prefixListId: "pl-a3a144ca",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
    });
    // The ALB's group is new, so its id is unknown at preview; the list id is not.
    expect(rule.inputs.securityGroupId).toBe(UNKNOWN);
    expect(rule.inputs.cidrIpv4).toBeUndefined();
  });

  it("creates the rule with the origin region's provider, not the WebFirewall's us-east-1 one", () => {
    const rule = registrations.find((r) => r.type === RULE && r.name === "cdn-origin-locked-443");
    expect(rule?.provider).toMatch(/::pulumi:providers:aws::origin::/);
    const acl = registrations.find((r) => r.name === "cdn-acl");
    expect(acl?.provider).toMatch(/::pulumi:providers:aws::edge::/);
    expect(acl?.inputs.scope).toBe("CLOUDFRONT");
  });

  it("shows the open ALB on 443 from the internet and nothing for the locked one", () => {
    const byName = (name: string) => result.exposures.filter((e) => e.resourceName === name);
    // The open one: its listener port, and the target port behind it (no target in the stack is published).
    expect(byName("open").map((e) => [e.type, e.ports, e.sources])).toEqual([
      ["aws:lb/listener:Listener", "8080", ["0.0.0.0/0"]],
      ["aws:lb/loadBalancer:LoadBalancer", "443", ["0.0.0.0/0"]],
    ]);
    expect(byName("locked")).toEqual([]);
    // The locked ALB's only source is CloudFront's AWS-managed list: no row names it at all.
    expect(result.exposures.filter((e) => e.path.includes("pl-a3a144ca"))).toEqual([]);
  });

  it("links each distribution to its ALB through the origin's property dependency", () => {
    const [cdn] = named(DISTRIBUTION, "locked-cdn");
    const [balancer] = named(LB, "locked");
    expect(cdn.propertyDependencies.origins).toEqual([balancer.urn]);
    expect(cdn.inputs.webAclId).toBe(UNKNOWN);
  });

  it("plans the origin request gate: its rule on the locked listener, its header on the locked distribution's origin", () => {
    const rule = registrations.find((r) => r.type === LISTENER_RULE && r.name === "cdn-origin-gate-locked");
    expect(rule?.propertyDependencies.listenerArn).toEqual([named(LISTENER, "locked")[0].urn]);
    const secretValue = expect.objectContaining({ value: ORIGIN_SECRET });
    expect(rule?.inputs.conditions).toEqual([
      { httpHeader: { httpHeaderName: "X-Origin-Verify", values: [secretValue] } },
    ]);
    const cdn = registrations.find((r) => r.type === DISTRIBUTION && r.name === "locked-cdn");
    expect((cdn?.inputs.origins as { customHeaders: unknown }[])[0].customHeaders).toEqual([
      { name: "X-Origin-Verify", value: secretValue },
    ]);
    // What the preview result shows people hides the secret; policy packs get the engine's registrations.
    expect(named(LISTENER_RULE, "cdn-origin-gate-locked")[0].inputs.conditions).toBe("[secret]");
  });

  it("counts CloudFront with the web ACL plus the lock and the gate as the WAF in front of the locked ALB, not the open one", async () => {
    // Policy packs read the registrations, secrets included (the result redacts them).
    const reported = await runStackPolicy(requireWafOnInternetEndpoints, registrations);
    const on = (name: string) => reported.filter((r) => r.urn === named(LB, name)[0].urn);
    expect(on("locked")).toEqual([]);
    const open = on("open");
    expect(open.map((r) => r.advisory)).toEqual([false]);
    expect(open[0].message).toContain(
      "internet-facing application load balancer (reachable around the CloudFront distribution in front of it: 0.0.0.0/0",
    );
    expect(open[0].message).toContain("sg:open rule open-https");
  });

  it("reports nothing mandatory for the locked ALB in any of the pack's rules", async () => {
    const [balancer] = named(LB, "locked");
    const reported: Reported[] = [];
    for (const policy of [...hardeningStackRules, ...stackPolicies])
      reported.push(...(await runStackPolicy(policy, registrations)).filter((r) => r.urn === balancer.urn));
    for (const policy of resourcePolicies)
      for (const d of await run(policy, balancer.type, balancer.inputs, { name: balancer.name, urn: balancer.urn }))
        reported.push({ message: d.message, urn: balancer.urn, advisory: d.level !== "mandatory" });
    expect(mandatory(reported)).toEqual([]);
  });

  it("logs no warning for a one-port lock", () => {
    expect(result.logs.filter((l) => l.severity === "warning")).toEqual([]);
  });
});
