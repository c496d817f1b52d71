// ALB origins of the WebFirewall: with originKinds holding "alb" the component makes a whitelist alb.Acl of WAF's IPv4
// back-to-origin blocks and hands out the aclConfig an alb.Listener takes. The default stays classic SLB with the same
// children as before; bad kinds are refused before anything exists; an ALB origin locked this way passes the pack's
// require-waf-on-internet-endpoints.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { childrenOf, ofType, one, recorded, settle } from "./mocks";
import { asPreview } from "./origin-preview";
import { anOutput, problemsOf, warningsOf } from "./redteam-fixtures";
import { WebFirewall, WebFirewallArgs } from "../../../components/alicloud/webFirewall";
import { MAX_ALB_ACL_ENTRIES } from "../../../components/plan/alicloud-origin-kinds";
import { MAX_SLB_ACL_ENTRIES } from "../../../components/plan/alicloud-origin";
import { uaBlockRules } from "../../../components/plan/alicloud-waf";
import { SCANNER_USER_AGENTS } from "../../../components/plan/scanners";
import { UnresolvedValue, ValidationError } from "../../../components/validation";
import { requireWafOnInternetEndpoints } from "../../../policies/stack/require-waf-on-internet-endpoints";
import { runStack } from "../../policies/harness";
import { internetAlb } from "./internet-alb";

const SLB_ACL = "alicloud:slb/acl:Acl";
const ALB_ACL = "alicloud:alb/acl:Acl";
const ALB_ENTRIES = "alicloud:alb/aclEntryAttachment:AclEntryAttachment";

/** WAF's blocks as the console lists them, IPv6 included (documentation ranges stand in for WAF's). */
const CONSOLE_LIST = ["198.51.100.0/24", "203.0.113.128/25", "2001:db8:40::/56"];
const domains = [{ domain: "www.example.com", backends: ["198.51.100.9"] }];

let counter = 0;
const fresh = () => `alb-origin-${String(++counter).padStart(3, "0")}`;
const resolve = <T>(o: pulumi.Output<T>) => new Promise<T>((r) => o.apply(r));
/** `n` distinct /24 blocks (private, so that together they stay far from the internet). */
const blocks = (n: number) => Array.from({ length: n }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
const entriesOf = (r: { inputs: Record<string, any> }) => r.inputs.entries.map((e: { entry: string }) => e.entry);
const typeAndName = (prefix: string) =>
  childrenOf(prefix)
    .map((r) => `${r.type}::${r.name.slice(prefix.length)}`)
    .sort();

function thrownBy(call: () => unknown): ValidationError {
  try {
    call();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("expected a ValidationError");
}

describe("an ALB origin whitelist when originKinds holds alb", () => {
  it("holds the IPv4 blocks in one alb.Acl whose single attachment owns the entries, and no SLB ACL", async () => {
    const name = fresh();
    let waf: WebFirewall | undefined;
    const warnings = warningsOf(() => {
      waf = new WebFirewall(name, {
        domains,
        backToOriginCidrs: CONSOLE_LIST,
        originKinds: ["alb"],
        tags: { team: "web" },
      });
    });
    await settle();
    const acl = one(name, ALB_ACL);
    expect(acl.name).toBe(`${name}-origin-alb-acl`);
    expect(acl.inputs).toEqual({
      aclName: `${name}-back-to-origin-alb`,
      tags: { team: "web", "hardening:component": "WebFirewall" },
    });
    const entries = one(name, ALB_ENTRIES);
    expect(entries.name).toBe(`${name}-origin-alb-acl-entries`);
    expect(entries.inputs.aclId).toBe(`${name}-origin-alb-acl-id`);
    expect(entries.inputs.entry).toBeUndefined();
    expect(entries.inputs.entries).toEqual([
      { entry: "198.51.100.0/24", description: "WAF-back-to-origin" },
      { entry: "203.0.113.128/25", description: "WAF-back-to-origin" },
    ]);
    expect(ofType(name, SLB_ACL)).toEqual([]);
    expect(waf!.originAcls).toBeUndefined();
    expect(await resolve(waf!.originAlbAcl!.id)).toBe(`${name}-origin-alb-acl-id`);
    // ALB ACLs take no IPv6 entry: the IPv6 block is named, with where its lock belongs.
    const mine = warnings.filter((w) => w.includes(`"${name}"`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain("2001:db8:40::/56");
    expect(mine[0]).toContain("security group");
  });

  it("hands out the aclConfig of an alb.Listener: a White list naming the ACL once its entries exist", async () => {
    const name = fresh();
    const waf = new WebFirewall(name, { domains, backToOriginCidrs: ["198.51.100.0/24"], originKinds: ["alb"] });
    await settle();
    const config = waf.originAlbListenerAclConfig();
    expect(config.aclType).toBe("White");
    expect(config.aclRelations).toHaveLength(1);
    expect(await resolve(config.aclRelations[0].aclId)).toBe(`${name}-origin-alb-acl-id`);
    // The id carries both resources, so a listener waits for the entries and a preview still links it to the ACL.
    const holders = (config.aclRelations[0].aclId as unknown as { resources(): Set<pulumi.Resource> }).resources();
    expect([...holders].map((r) => (r as unknown as { __name?: string }).__name).sort()).toEqual([
      `${name}-origin-alb-acl`,
      `${name}-origin-alb-acl-entries`,
    ]);
    // Accepted where the provider takes it.
    const typed: alicloud.types.input.alb.ListenerAclConfig = config;
    expect(typed.aclType).toBe("White");
  });

  it("makes both kinds side by side, the SLB ACLs under their usual names", async () => {
    const name = fresh();
    let waf: WebFirewall | undefined;
    const warnings = warningsOf(() => {
      waf = new WebFirewall(name, { domains, backToOriginCidrs: CONSOLE_LIST, originKinds: ["slb", "alb"] });
    });
    await settle();
    // The SLB has its IPv6 whitelist, yet the ALB's IPv6 side still needs its security group.
    expect(warnings.filter((w) => w.includes(`"${name}"`) && w.includes("2001:db8:40::/56"))).toHaveLength(1);
    expect(ofType(name, SLB_ACL).map((a) => [a.name, a.inputs.ipVersion])).toEqual([
      [`${name}-origin-acl`, "ipv4"],
      [`${name}-origin-acl-ipv6`, "ipv6"],
    ]);
    expect(entriesOf(one(name, ALB_ENTRIES))).toEqual(["198.51.100.0/24", "203.0.113.128/25"]);
    expect(await Promise.all(waf!.originListenerAcl("ipv6").aclIds.map(resolve))).toEqual([
      `${name}-origin-acl-ipv6-id`,
    ]);
    expect(await resolve(waf!.originAlbListenerAclConfig().aclRelations[0].aclId)).toBe(`${name}-origin-alb-acl-id`);
  });

  it("makes the ALB whitelist with the origin's provider", async () => {
    const name = fresh();
    const standby = new alicloud.Provider(`${name}-standby`, { region: "cn-shanghai" });
    new WebFirewall(name, {
      domains,
      backToOriginCidrs: ["198.51.100.0/24"],
      originKinds: ["alb"],
      originProvider: standby,
    });
    await settle();
    expect(one(name, ALB_ACL).provider).toBe(`${name}-standby`);
    expect(one(name, ALB_ENTRIES).provider).toBe(`${name}-standby`);
    expect(one(name, "alicloud:wafv3/domain:Domain").provider).toBeUndefined();
  });

  it("refuses to hand out a kind it did not make, naming originKinds and the list to pass", () => {
    const albOnly = new WebFirewall(fresh(), { domains, backToOriginCidrs: ["198.51.100.0/24"], originKinds: ["alb"] });
    const slbError = thrownBy(() => albOnly.originListenerAcl());
    expect(slbError.problems).toEqual([expect.objectContaining({ argument: "originKinds", value: ["alb"] })]);
    expect(slbError.problems[0].fix).toBe('pass originKinds: ["alb","slb"]');
    const byDefault = new WebFirewall(fresh(), { domains, backToOriginCidrs: ["198.51.100.0/24"] });
    const albError = thrownBy(() => byDefault.originAlbListenerAclConfig());
    expect(albError.problems).toEqual([expect.objectContaining({ argument: "originKinds", value: ["slb"] })]);
    expect(albError.problems[0].fix).toBe('pass originKinds: ["slb","alb"]');
  });
});

describe("the ALB limits: 500 entries per ACL and per listener, IPv4 only", () => {
  it(`holds ${MAX_ALB_ACL_ENTRIES} IPv4 blocks in one ACL: no listener holds more, so nothing is split`, async () => {
    const name = fresh();
    new WebFirewall(name, { domains, backToOriginCidrs: blocks(MAX_ALB_ACL_ENTRIES), originKinds: ["alb"] });
    await settle();
    expect(ofType(name, ALB_ACL)).toHaveLength(1);
    expect(entriesOf(one(name, ALB_ENTRIES))).toEqual(blocks(MAX_ALB_ACL_ENTRIES));
  });

  it("takes more blocks than an SLB ACL holds when only the ALB whitelist is made", async () => {
    const name = fresh();
    new WebFirewall(name, { domains, backToOriginCidrs: blocks(MAX_SLB_ACL_ENTRIES + 1), originKinds: ["alb"] });
    await settle();
    expect(entriesOf(one(name, ALB_ENTRIES))).toHaveLength(MAX_SLB_ACL_ENTRIES + 1);
  });

  it("does not count IPv6 blocks against the ALB limit", async () => {
    const name = fresh();
    const v6 = Array.from({ length: 5 }, (_, i) => `2001:db8:${i}::/56`);
    const given = [...blocks(MAX_ALB_ACL_ENTRIES), ...v6];
    warningsOf(() => new WebFirewall(name, { domains, backToOriginCidrs: given, originKinds: ["alb"] }));
    await settle();
    expect(entriesOf(one(name, ALB_ENTRIES))).toHaveLength(MAX_ALB_ACL_ENTRIES);
  });

  /** [probe, arguments beside `domains`, [argument, value] pairs the error must name]. */
  const overRows: [string, Partial<WebFirewallArgs>, [string, unknown][]][] = [
    [
      "one IPv4 block over the ALB limit",
      { backToOriginCidrs: blocks(MAX_ALB_ACL_ENTRIES + 1), originKinds: ["alb"] },
      [["backToOriginCidrs", `${MAX_ALB_ACL_ENTRIES + 1} ipv4 blocks`]],
    ],
    [
      "over the SLB limit with both kinds: the SLB whitelist cannot hold them",
      { backToOriginCidrs: blocks(MAX_SLB_ACL_ENTRIES + 1), originKinds: ["slb", "alb"] },
      [["backToOriginCidrs", `${MAX_SLB_ACL_ENTRIES + 1} ipv4 blocks`]],
    ],
    [
      "IPv6 blocks only: no ALB whitelist can be made",
      { backToOriginCidrs: ["2001:db8:40::/56"], originKinds: ["alb"] },
      [["originKinds", ["alb"]]],
    ],
  ];
  it.each(overRows)("refuses %s, before anything exists", (_probe, changed, expected) => {
    const name = fresh();
    const problems = problemsOf(() => new WebFirewall(name, { domains, ...changed }));
    expect(problems.map((p) => [p.argument, p.value])).toEqual(expected);
    expect(childrenOf(name)).toEqual([]);
    expect(recorded.filter((r) => r.name === name)).toEqual([]);
  });

  it("says why IPv6 blocks alone cannot lock an ALB, and what to do", () => {
    const [problem] = problemsOf(
      () => new WebFirewall(fresh(), { domains, backToOriginCidrs: ["2001:db8:40::/56"], originKinds: ["alb"] }),
    );
    expect(problem.allowed).toContain("IPv4 entries only");
    expect(problem.fix).toContain("IPv4 back-to-origin blocks");
    expect(problem.fix).toContain("security group");
  });
});

describe("the default stays classic SLB, child for child", () => {
  /** The children a default WebFirewall made before ALB origins were covered (name after the component's). */
  const BEFORE = [
    "alicloud:log/audit:Audit::-waf-logs",
    "alicloud:slb/acl:Acl::-origin-acl",
    "alicloud:slb/acl:Acl::-origin-acl-ipv6",
    "alicloud:wafv3/defenseRule:DefenseRule::-cc-rule",
    "alicloud:wafv3/defenseRule:DefenseRule::-rate-limit-rule",
    ...uaBlockRules(SCANNER_USER_AGENTS).map((r) => `alicloud:wafv3/defenseRule:DefenseRule::-${r.suffix}`),
    "alicloud:wafv3/defenseRule:DefenseRule::-web-core-rule",
    "alicloud:wafv3/defenseTemplate:DefenseTemplate::-cc-template",
    "alicloud:wafv3/defenseTemplate:DefenseTemplate::-custom-acl-template",
    "alicloud:wafv3/defenseTemplate:DefenseTemplate::-web-core-template",
    "alicloud:wafv3/domain:Domain::-domain-0",
    "alicloud:wafv3/instance:Instance::-instance",
  ].sort();

  it.each([
    ["originKinds omitted", {}],
    ['originKinds ["slb"]', { originKinds: ["slb"] }],
  ] as [string, Partial<WebFirewallArgs>][])(
    "%s: the same children under the same names, no ALB resource",
    async (_probe, changed) => {
      const name = fresh();
      const warnings = warningsOf(
        () => new WebFirewall(name, { domains, backToOriginCidrs: CONSOLE_LIST, ...changed }),
      );
      await settle();
      expect(typeAndName(name)).toEqual(BEFORE);
      expect(childrenOf(name).filter((r) => r.type.startsWith("alicloud:alb/"))).toEqual([]);
      expect(warnings.filter((w) => w.includes(`"${name}"`))).toEqual([]);
    },
  );

  it("keeps the SLB name rule only: a dot, refused in an ALB ACL name, is still fine", async () => {
    const name = "dotted.default";
    new WebFirewall(name, { domains, backToOriginCidrs: ["198.51.100.0/24"] });
    await settle();
    expect(one(name, SLB_ACL).inputs.name).toBe("dotted.default-back-to-origin");
  });
});

const OUTPUT = expect.objectContaining({ kind: "pulumi.Output", constructor: UnresolvedValue });

/** [probe, arguments beside `domains`, [argument, value] pairs the error must name]. */
const badKinds: [string, Record<string, unknown>, [string, unknown][]][] = [
  ["an unknown kind", { originKinds: ["nlb"] }, [["originKinds[0]", "nlb"]]],
  ["the kind in capitals", { originKinds: ["ALB"] }, [["originKinds[0]", "ALB"]]],
  ["one unknown kind beside a good one", { originKinds: ["alb", "clb"] }, [["originKinds[1]", "clb"]]],
  ["a string, not a list", { originKinds: "alb" }, [["originKinds", "alb"]]],
  ["an empty list", { originKinds: [] }, [["originKinds", []]]],
  ["a repeated kind", { originKinds: ["alb", "alb"] }, [["originKinds[1]", "alb"]]],
  ["a kind that is no string", { originKinds: [true] }, [["originKinds[0]", true]]],
  ["the list as an Output", { originKinds: anOutput(["alb"]) }, [["originKinds", OUTPUT]]],
  ["kinds while the lock is off", { originLock: false, originKinds: ["alb"] }, [["originKinds", ["alb"]]]],
];

describe("bad originKinds are refused before any child exists", () => {
  it.each(badKinds)("%s", (_probe, changed, expected) => {
    const name = fresh();
    const cidrs = changed.originLock === false ? {} : { backToOriginCidrs: ["198.51.100.0/24"] };
    const problems = problemsOf(() => new WebFirewall(name, { domains, ...cidrs, ...changed } as never));
    expect(problems.map((p) => [p.argument, p.value])).toEqual(expected.map(([a, v]) => [a, v]));
    expect(childrenOf(name)).toEqual([]);
    expect(recorded.filter((r) => r.name === name)).toEqual([]);
  });

  it("names the argument, the value and the fix in one message", () => {
    const error = thrownBy(
      () =>
        new WebFirewall("kinds-msg", {
          domains,
          backToOriginCidrs: ["198.51.100.0/24"],
          originKinds: ["nlb"],
        } as never),
    );
    expect(error.message).toContain('WebFirewall "kinds-msg": 1 invalid argument');
    expect(error.message).toMatch(
      /argument "originKinds\[0\]" is "nlb"; allowed: a non-empty list of "slb" and "alb", each once; fix: "slb" for a classic SLB origin \(slb\.Listener\), "alb" for an Application Load Balancer origin \(alb\.Listener\)/,
    );
    expect(childrenOf("kinds-msg")).toEqual([]);
  });

  it.each([
    ["a dot", "web.waf"],
    ["a leading digit", "1waf"],
    ["110 characters", "w".repeat(110)],
  ])("refuses a component name with %s when the ALB whitelist would carry it", (_probe, name) => {
    const problems = problemsOf(
      () => new WebFirewall(name, { domains, backToOriginCidrs: ["198.51.100.0/24"], originKinds: ["alb"] }),
    );
    expect(problems).toEqual([expect.objectContaining({ argument: "name", value: name })]);
    expect(problems[0].allowed).toContain("ALB access control list name");
    expect(childrenOf(name)).toEqual([]);
  });

  it("takes a 109-character name, the longest the ALB whitelist's name leaves room for", async () => {
    const name = "w".repeat(109);
    new WebFirewall(name, { domains, backToOriginCidrs: ["198.51.100.0/24"], originKinds: ["alb"] });
    await settle();
    expect(one(name, ALB_ACL).inputs.aclName).toHaveLength(128);
  });
});

describe("opting out of the origin lock makes no ALB whitelist either", () => {
  it("warns once, makes nothing, and refuses the aclConfig naming originLock", async () => {
    const name = fresh();
    let waf: WebFirewall | undefined;
    const warnings = warningsOf(() => {
      waf = new WebFirewall(name, { domains, originLock: false });
    });
    await settle();
    expect(warnings.filter((w) => w.includes(`WebFirewall "${name}": originLock is false`))).toHaveLength(1);
    expect(childrenOf(name).filter((r) => r.type.includes("/acl"))).toEqual([]);
    expect(waf!.originAlbAcl).toBeUndefined();
    expect(() => waf!.originAlbListenerAclConfig()).toThrow(/argument "originLock" is false/);
  });
});

/**
 * An internet ALB (Standard edition, so WAF is not built in) behind the WebFirewall, its 80/443 listeners given
 * `aclConfig`, previewed through the origin rule. `dropEntries` leaves the entry attachment out of the plan.
 */
async function albOriginDiagnostics(prefix: string, lock: "alb" | "off", dropEntries = false) {
  const alb = internetAlb(prefix);
  // The mocks return no dnsName; this stands in for it and is linked to the ALB in the preview.
  const dnsName = `${prefix}.alb.example.com`;
  const waf = new WebFirewall(`${prefix}-waf`, {
    domains: [{ domain: "shop.example.com", backends: [dnsName] }],
    ...(lock === "alb" ? { backToOriginCidrs: ["198.51.100.0/24"], originKinds: ["alb"] } : { originLock: false }),
  });
  const aclConfig = lock === "alb" ? waf.originAlbListenerAclConfig() : undefined;
  for (const port of [80, 443]) {
    new alicloud.alb.Listener(`${prefix}-web-${port}`, {
      loadBalancerId: alb.id,
      listenerPort: port,
      listenerProtocol: port === 443 ? "HTTPS" : "HTTP",
      defaultActions: [
        { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: "sgp-1" }] } },
      ],
      ...(aclConfig ? { aclConfig } : {}),
    });
  }
  await settle();
  const plan = asPreview(prefix, { [dnsName]: `${prefix}-alb` }).filter(
    (r) => !(dropEntries && r.type === ALB_ENTRIES),
  );
  return runStack(requireWafOnInternetEndpoints, plan);
}

describe("an ALB origin locked by the component under require-waf-on-internet-endpoints", () => {
  let warn: jest.SpyInstance;
  beforeAll(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterAll(() => warn.mockRestore());

  it("passes when each listener takes originAlbListenerAclConfig()", async () => {
    expect(await albOriginDiagnostics("alb-locked", "alb")).toEqual([]);
  });

  it("fails when the listeners take no ACL", async () => {
    const ds = await albOriginDiagnostics("alb-open", "off");
    expect(ds.map((d) => [d.level, d.urn?.split("::").pop()])).toEqual([
      ["mandatory", "alb-open-alb"],
      ["mandatory", "alb-open-alb"],
    ]);
    expect(ds[0].message).toContain("is the origin of WAF domain shop.example.com");
  });

  it("fails when the whitelist's entries are not in the plan: an empty whitelist is no lock", async () => {
    const ds = await albOriginDiagnostics("alb-empty", "alb", true);
    expect(ds).toHaveLength(2);
    expect(ds.every((d) => d.level === "mandatory" && d.message.includes("without entries"))).toBe(true);
  });
});
