// AWS ALB listener rules: the clients reaching a target group through a listener are those its default action
// serves (anyone, when it forwards there) and those of each rule forwarding there (its source-ip condition's blocks,
// or anyone without one; host, path and header conditions restrict nobody). Unknown source-ip values or an unknown
// default action stand for any address, unverified. The listener's own port answers everyone either way.
import { rangeCoversPort } from "../../lib/ports";
import {
  Exposure,
  GenericResource,
  UNKNOWN,
  buildNetworkModel,
  internetExposures,
  renderPath,
} from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { runStackPolicy, verdictsOn } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

const RULE = { lb: "aws:lb/listenerRule:ListenerRule", alb: "aws:alb/listenerRule:ListenerRule" };
const OFFICE = "203.0.113.0/24";
const PARTNER = "198.51.100.7/32";
const FIXED = { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } };
const REDIRECT = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };

/** WinRM speaks HTTP, so an ALB carries it: the admin port an ALB can put on the internet (SSH it cannot). */
const WINRM = 5985;

interface AlbOptions {
  defaultActions?: (tg: Record<string, GenericResource>) => unknown;
  ipv6?: boolean;
  /** The port of target group `admin` (22 unless given): SSH behind an ALB is reached by HTTP only. */
  adminPort?: number;
}

/** An internet ALB on 443 in front of an instance listening on `adminPort` (target group `admin`) and 8080 (`web`). */
function albStack(opts: AlbOptions = {}) {
  const adminPort = opts.adminPort ?? 22;
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: opts.ipv6 });
  const lbSg = b.add(T.sg, "alb", {
    vpcId: ref(v.vpc),
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
  });
  const appSg = b.add(T.sg, "app", { vpcId: ref(v.vpc) });
  for (const port of [adminPort, 8080])
    b.add(T.ingress, `from-alb-${port}`, {
      securityGroupId: ref(appSg),
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: ref(lbSg),
    });
  const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
  const lb = b.add(T.lb, "alb", {
    securityGroups: [ref(lbSg)],
    subnets: [ref(v.publicSubnet)],
    ...(opts.ipv6 ? { ipAddressType: "dualstack" } : {}),
  });
  const tg: Record<string, GenericResource> = {};
  for (const [name, port] of [
    ["admin", adminPort],
    ["web", 8080],
  ] as const) {
    tg[name] = b.add(T.tg, name, { port, protocol: "HTTP", vpcId: ref(v.vpc) });
    b.add(T.tga, name, { targetGroupArn: ref(tg[name]), targetId: ref(app) });
  }
  const listener = b.add(T.listener, "https", {
    loadBalancerArn: ref(lb),
    port: 443,
    protocol: "HTTPS",
    defaultActions: opts.defaultActions ? opts.defaultActions(tg) : [FIXED],
  });
  /** A rule forwarding to target group `to` under `conditions`. */
  const addRule = (name: string, to: string, conditions: unknown, type = RULE.lb) =>
    b.add(type, name, {
      listenerArn: ref(listener),
      priority: 10,
      actions: [{ type: "forward", targetGroupArn: ref(tg[to]) }],
      conditions,
    });
  return { b, app, lb, listener, addRule };
}

const sourceIp = (...values: unknown[]) => ({ sourceIp: { values } });
const pathPattern = { pathPattern: { values: ["/admin/*"] } };
const hostHeader = { hostHeader: { values: ["ops.example.com"] } };

const rowsOf = (b: StackBuilder, r: GenericResource) =>
  internetExposures(buildNetworkModel(b.resources)).filter((e) => e.urn === r.urn);
/** Sources reaching the resource on `port`, each marked `?` when unverified. */
const sources = (rows: Exposure[], port: number) =>
  [
    ...new Set(rows.filter((e) => rangeCoversPort(e.ports, port)).map((e) => `${e.source}${e.unverified ? "?" : ""}`)),
  ].sort();

const verdicts = (b: StackBuilder, host: GenericResource) =>
  verdictsOn([disallowInternetAdminPortsExceptBastions], b.resources, host.urn);

describe("ALB listener rules: known good (source-ip narrows the only path)", () => {
  it("a fixed-response default and a rule from a private block leave SSH off the internet", async () => {
    const { b, app, lb, addRule } = albStack();
    addRule("ops", "admin", [sourceIp("10.0.0.0/8"), pathPattern]);
    expect(rowsOf(b, app)).toEqual([]);
    expect(await verdicts(b, app)).toEqual({ violations: 0, notes: 0 });
    // The listener itself still answers everyone on 443 (its fixed response).
    expect(sources(rowsOf(b, lb), 443)).toEqual(["0.0.0.0/0"]);
  });

  it("a redirect default and an office rule reach SSH from the office only, naming the rule", () => {
    const { b, app, lb, addRule } = albStack({ defaultActions: () => [REDIRECT] });
    addRule("office", "admin", [hostHeader, sourceIp(OFFICE)], RULE.alb);
    const rows = rowsOf(b, app);
    expect(sources(rows, 22)).toEqual([OFFICE]);
    expect(renderPath(rows[0])).toBe(
      `${OFFICE} → igw:igw → rtb:public → subnet:public-a → lb:alb (internet-facing) → sg:alb rule alb ingress[0] → listener:https:443 → rule:office (source-ip ${OFFICE}) → tg:admin → sg:app rule from-alb-22 → instance:app:22`,
    );
    expect(rows.every((e) => !e.unverified)).toBe(true);
    // One row for the listener's port, not one per rule.
    expect(rowsOf(b, lb).filter((e) => e.family === "ipv4")).toHaveLength(1);
  });

  it("several rules to the same group: the union of their blocks, each path its own", () => {
    const { b, app, addRule } = albStack();
    addRule("office", "admin", [sourceIp(OFFICE)]);
    addRule("partner", "admin", [sourceIp(PARTNER, "10.1.0.0/16")]);
    expect(sources(rowsOf(b, app), 22)).toEqual([PARTNER, OFFICE]);
  });

  it("an IPv6 block narrows a dual-stack balancer's IPv6 clients too", () => {
    const { b, app, addRule } = albStack({ ipv6: true });
    addRule("office", "admin", [sourceIp(OFFICE, "2001:db8::/32")]);
    expect(sources(rowsOf(b, app), 22)).toEqual(["2001:db8::/32", OFFICE]);
  });
});

describe("ALB listener rules: known bad", () => {
  it("a rule without a source-ip condition (path, host) reaches WinRM from anywhere", async () => {
    for (const conditions of [[pathPattern], [hostHeader, pathPattern]]) {
      const { b, app, addRule } = albStack({ adminPort: WINRM });
      addRule("admin", "admin", conditions);
      expect(sources(rowsOf(b, app), WINRM)).toEqual(["0.0.0.0/0"]);
      expect((await verdicts(b, app)).violations).toBe(1);
    }
  });

  it("a source-ip condition listing 0.0.0.0/0 admits anyone", async () => {
    const { b, app, addRule } = albStack({ adminPort: WINRM });
    addRule("open", "admin", [sourceIp(OFFICE, "0.0.0.0/0")]);
    expect(sources(rowsOf(b, app), WINRM)).toEqual(["0.0.0.0/0", OFFICE]);
    expect((await verdicts(b, app)).violations).toBeGreaterThanOrEqual(1);
  });

  it("a default action forwarding to the group opens it to anyone, whatever the rules narrow", () => {
    const { b, app, addRule } = albStack({
      defaultActions: (tg) => [{ type: "forward", forward: { targetGroups: [{ arn: ref(tg.admin) }] } }],
    });
    addRule("office", "admin", [sourceIp(OFFICE)]);
    expect(sources(rowsOf(b, app), 22)).toEqual(["0.0.0.0/0", OFFICE]);
  });

  it("a narrow rule to one group does not narrow another group the default action forwards to", () => {
    const { b, app, addRule } = albStack({
      defaultActions: (tg) => [{ type: "forward", targetGroupArn: ref(tg.web) }],
    });
    addRule("office", "admin", [sourceIp(OFFICE)]);
    const rows = rowsOf(b, app);
    expect(sources(rows, 22)).toEqual([OFFICE]);
    expect(sources(rows, 8080)).toEqual(["0.0.0.0/0"]);
  });
});

describe("ALB listener rules: unknown at preview", () => {
  it("source-ip values unknown (the list, the condition or one value): any address, unverified, a note", async () => {
    const cases: [unknown, string[], number][] = [
      [{ sourceIp: { values: UNKNOWN } }, ["0.0.0.0/0?"], 0],
      [{ sourceIp: UNKNOWN }, ["0.0.0.0/0?"], 0],
      // The known office block is still judged: a violation beside the note.
      [sourceIp(OFFICE, UNKNOWN), ["0.0.0.0/0?", OFFICE], 1],
    ];
    for (const [condition, expected, violations] of cases) {
      const { b, app, addRule } = albStack({ adminPort: WINRM });
      addRule("later", "admin", [condition]);
      const rows = rowsOf(b, app);
      expect(sources(rows, WINRM)).toEqual(expected);
      const open = rows.find((e) => e.unverified)!;
      expect(renderPath(open)).toMatch(
        /listener:https:443 \(access control unknown: conditions\[0\]\.sourceIp.* of rule later\)/,
      );
      expect(await verdicts(b, app)).toEqual({ violations, notes: 1 });
    }
  });

  it("a condition unknown at preview may be anything; beside a known source-ip condition it only narrows", () => {
    const unknown = albStack();
    unknown.addRule("later", "admin", [UNKNOWN]);
    expect(sources(rowsOf(unknown.b, unknown.app), 22)).toEqual(["0.0.0.0/0?"]);
    const all = albStack();
    all.addRule("later", "admin", UNKNOWN);
    expect(sources(rowsOf(all.b, all.app), 22)).toEqual(["0.0.0.0/0?"]);
    const known = albStack();
    known.addRule("office", "admin", [UNKNOWN, sourceIp(OFFICE)]);
    expect(sources(rowsOf(known.b, known.app), 22)).toEqual([OFFICE]);
  });

  it("a default action of unknown type, or an unknown list naming the group, reaches it from any address, unverified", async () => {
    const typed = albStack({
      adminPort: WINRM,
      defaultActions: (tg) => [{ type: UNKNOWN, targetGroupArn: ref(tg.admin) }],
    });
    typed.addRule("office", "admin", [sourceIp(OFFICE)]);
    expect(sources(rowsOf(typed.b, typed.app), WINRM)).toEqual(["0.0.0.0/0?", OFFICE]);
    expect(renderPath(rowsOf(typed.b, typed.app).find((e) => e.unverified)!)).toContain(
      "listener:https:443 (access control unknown: defaultActions of listener https)",
    );
    expect(await verdicts(typed.b, typed.app)).toEqual({ violations: 1, notes: 1 });

    const whole = albStack();
    const listener = whole.listener;
    listener.inputs.defaultActions = UNKNOWN;
    listener.propertyDependencies.defaultActions = [
      whole.b.resources.find((r) => r.name === "admin" && r.type === T.tg)!.urn,
    ];
    expect(sources(rowsOf(whole.b, whole.app), 22)).toEqual(["0.0.0.0/0?"]);
    // The listener's own port answers everyone, known or not.
    expect(sources(rowsOf(whole.b, whole.lb), 443)).toEqual(["0.0.0.0/0"]);
  });

  it("a source-ip value that is no CIDR block may be any address", () => {
    const { b, app, addRule } = albStack();
    addRule("typo", "admin", [sourceIp("office")]);
    const rows = rowsOf(b, app);
    expect(sources(rows, 22)).toEqual(["0.0.0.0/0?"]);
    expect(renderPath(rows[0])).toContain('source-ip value "office" of rule typo (no CIDR block)');
  });
});

describe("NLB default action of unknown type", () => {
  it("its targets are unverified notes, and the pass-through listener's own row still defers to them", async () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = b.add(T.sg, "db", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const db = b.add(T.instance, "db", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
    const nlb = b.add(T.lb, "nlb", { loadBalancerType: "network", subnets: [ref(v.publicSubnet)] });
    const tg = b.add(T.tg, "ssh", { port: 22, protocol: "TCP", vpcId: ref(v.vpc) });
    b.add(T.tga, "db", { targetGroupArn: ref(tg), targetId: ref(db) });
    b.add(T.listener, "ssh", {
      loadBalancerArn: ref(nlb),
      port: 22,
      protocol: "TCP",
      defaultActions: [{ type: UNKNOWN, targetGroupArn: ref(tg) }],
    });
    expect(sources(rowsOf(b, db), 22)).toEqual(["0.0.0.0/0?"]);
    const found = await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources);
    expect(found.filter((f) => f.urn === nlb.urn)).toEqual([]);
    expect(found.filter((f) => f.urn === db.urn).map((f) => f.advisory)).toEqual([true]);
  });
});
