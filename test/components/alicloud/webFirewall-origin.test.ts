// The WebFirewall locks its origin by default: a whitelist SLB ACL of WAF's back-to-origin blocks, which the origin's
// listeners spread in through `originListenerAcl()`. Bad blocks are refused before anything exists, opting out warns,
// and an origin built this way passes the pack's require-waf-on-internet-endpoints.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { childrenOf, ofType, one, recorded, settle } from "./mocks";
import { asPreview } from "./origin-preview";
import { aPromise, anOutput, problemsOf, warningsOf } from "./redteam-fixtures";
import { WebFirewall } from "../../../components/alicloud/webFirewall";
import { BACK_TO_ORIGIN_MIN_PREFIX, MAX_SLB_ACL_ENTRIES } from "../../../components/plan/alicloud-origin";
import { UnresolvedValue, ValidationError } from "../../../components/validation";
import { WAF_ORIGIN_PREFIXES } from "../../../policies/stack/waf-endpoints-alicloud-origin";
import { requireWafOnInternetEndpoints } from "../../../policies/stack/require-waf-on-internet-endpoints";
import { runStack } from "../../policies/harness";

const OUTPUT = expect.objectContaining({ kind: "pulumi.Output", constructor: UnresolvedValue });
const PROMISE = expect.objectContaining({ kind: "Promise", constructor: UnresolvedValue });

/** WAF's blocks as the console lists them, IPv6 included (documentation ranges stand in for WAF's). */
const CONSOLE_LIST = ["198.51.100.0/24", "203.0.113.128/25", "2001:db8:40::/56"];
const SLB_ACL = "alicloud:slb/acl:Acl";

let counter = 0;
const fresh = () => `origin-${String(++counter).padStart(3, "0")}`;
const domains = [{ domain: "www.example.com", backends: ["198.51.100.9"] }];
const resolve = <T>(o: pulumi.Output<T>) => new Promise<T>((r) => o.apply(r));

describe("the origin whitelist is made by default", () => {
  it("holds the given blocks, one ACL per address family, tagged", async () => {
    const name = fresh();
    const waf = new WebFirewall(name, { domains, backToOriginCidrs: CONSOLE_LIST, tags: { team: "web" } });
    await settle();
    const acls = ofType(name, SLB_ACL).map((a) => [
      a.name,
      a.inputs.name,
      a.inputs.ipVersion,
      a.inputs.entryLists.map((e: { entry: string }) => e.entry),
    ]);
    expect(acls).toEqual([
      [`${name}-origin-acl`, `${name}-back-to-origin`, "ipv4", ["198.51.100.0/24", "203.0.113.128/25"]],
      [`${name}-origin-acl-ipv6`, `${name}-back-to-origin-ipv6`, "ipv6", ["2001:db8:40::/56"]],
    ]);
    for (const acl of ofType(name, SLB_ACL)) {
      expect(acl.inputs.tags).toEqual({ team: "web", "hardening:component": "WebFirewall" });
    }
    const v4 = waf.originListenerAcl();
    expect({ ...v4, aclIds: await Promise.all(v4.aclIds.map(resolve)) }).toEqual({
      aclStatus: "on",
      aclType: "white",
      aclIds: [`${name}-origin-acl-id`],
    });
    expect(await Promise.all(waf.originListenerAcl("ipv6").aclIds.map(resolve))).toEqual([
      `${name}-origin-acl-ipv6-id`,
    ]);
  });

  it("makes only the IPv4 ACL from IPv4 blocks, and refuses to hand out an IPv6 one", async () => {
    const name = fresh();
    const waf = new WebFirewall(name, { domains, backToOriginCidrs: ["198.51.100.0/24"] });
    await settle();
    expect(ofType(name, SLB_ACL).map((a) => a.inputs.ipVersion)).toEqual(["ipv4"]);
    let thrown: unknown;
    try {
      waf.originListenerAcl("ipv6");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as Error).message).toContain('argument "backToOriginCidrs" is "no ipv6 block"');
  });

  it("makes the ACL with the origin's provider while the WAF resources keep the component's", async () => {
    const name = fresh();
    const standby = new alicloud.Provider(`${name}-standby`, { region: "cn-shanghai" });
    new WebFirewall(name, { domains, backToOriginCidrs: ["198.51.100.0/24"], originProvider: standby });
    await settle();
    expect(one(name, SLB_ACL).provider).toBe(`${name}-standby`);
    expect(one(name, "alicloud:wafv3/domain:Domain").provider).toBeUndefined();
  });

  it("uses the pack's width limits for origin whitelist entries", () => {
    expect(BACK_TO_ORIGIN_MIN_PREFIX).toEqual(WAF_ORIGIN_PREFIXES);
  });
});

/** [probe, arguments beside `domains`, [argument, value] pairs the error must name]. */
const badRows: [string, Record<string, unknown>, [string, unknown][]][] = [
  ["no blocks at all", {}, [["backToOriginCidrs", undefined]]],
  ["an empty list", { backToOriginCidrs: [] }, [["backToOriginCidrs", []]]],
  ["one string, not a list", { backToOriginCidrs: "198.51.100.0/24" }, [["backToOriginCidrs", "198.51.100.0/24"]]],
  ["prefix /33", { backToOriginCidrs: ["10.0.0.0/33"] }, [["backToOriginCidrs[0]", "10.0.0.0/33"]]],
  ["the IPv4 internet", { backToOriginCidrs: ["0.0.0.0/0"] }, [["backToOriginCidrs[0]", "0.0.0.0/0"]]],
  ["the IPv6 internet", { backToOriginCidrs: ["::/0"] }, [["backToOriginCidrs[0]", "::/0"]]],
  [
    "the internet in two halves beside a good block",
    { backToOriginCidrs: ["198.51.100.0/24", "0.0.0.0/1", "128.0.0.0/1"] },
    [
      ["backToOriginCidrs[1]", "0.0.0.0/1"],
      ["backToOriginCidrs[2]", "128.0.0.0/1"],
    ],
  ],
  ["a public /8", { backToOriginCidrs: ["47.0.0.0/8"] }, [["backToOriginCidrs[0]", "47.0.0.0/8"]]],
  ["a public IPv6 /24", { backToOriginCidrs: ["2408:4000::/24"] }, [["backToOriginCidrs[0]", "2408:4000::/24"]]],
  ["host bits set", { backToOriginCidrs: ["198.51.100.5/24"] }, [["backToOriginCidrs[0]", "198.51.100.5/24"]]],
  // The pack reads a bare "0.0.0.0" whitelist entry as everyone: only CIDR form is taken.
  ["a bare address", { backToOriginCidrs: ["0.0.0.0"] }, [["backToOriginCidrs[0]", "0.0.0.0"]]],
  ["a padded block", { backToOriginCidrs: [" 198.51.100.0/24"] }, [["backToOriginCidrs[0]", " 198.51.100.0/24"]]],
  [
    "a repeated block",
    { backToOriginCidrs: ["198.51.100.0/24", "198.51.100.0/24"] },
    [["backToOriginCidrs[1]", "198.51.100.0/24"]],
  ],
  ["a number", { backToOriginCidrs: [3325256704] }, [["backToOriginCidrs[0]", 3325256704]]],
  [
    "more blocks than an ACL holds",
    { backToOriginCidrs: Array.from({ length: MAX_SLB_ACL_ENTRIES + 1 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`) },
    [["backToOriginCidrs", "301 ipv4 blocks"]],
  ],
  ["the list as an Output", { backToOriginCidrs: anOutput(["198.51.100.0/24"]) }, [["backToOriginCidrs", OUTPUT]]],
  ["a block as a Promise", { backToOriginCidrs: [aPromise("198.51.100.0/24")] }, [["backToOriginCidrs[0]", PROMISE]]],
  ["originLock as a string", { originLock: "false" }, [["originLock", "false"]]],
  [
    "blocks with the lock off",
    { originLock: false, backToOriginCidrs: ["198.51.100.0/24"] },
    [["backToOriginCidrs", ["198.51.100.0/24"]]],
  ],
  [
    "a region id for the provider",
    { backToOriginCidrs: ["198.51.100.0/24"], originProvider: "cn-shanghai" },
    [["originProvider", "cn-shanghai"]],
  ],
];

describe("bad back-to-origin arguments are refused before anything exists", () => {
  it.each(badRows)("%s", (_probe, changed, expected) => {
    const name = fresh();
    const problems = problemsOf(() => new WebFirewall(name, { domains, ...changed } as never));
    for (const [argument, value] of expected) {
      expect(problems).toContainEqual(expect.objectContaining({ argument, value }));
    }
    // Only the origin lock's arguments are blamed.
    expect(problems.every((p) => /^(backToOriginCidrs|originLock|originProvider)\b/.test(p.argument))).toBe(true);
    expect(childrenOf(name)).toEqual([]);
    expect(recorded.filter((r) => r.name === name)).toEqual([]);
  });

  it("says what is wrong and how to fix it, in one message", () => {
    let message = "";
    try {
      new WebFirewall("nolock", { domains, backToOriginCidrs: ["198.51.100.0/24", "0.0.0.0/0", "10.0.0.0/33"] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('WebFirewall "nolock": 2 invalid arguments');
    expect(message).toMatch(
      /argument "backToOriginCidrs\[1\]" is "0\.0\.0\.0\/0"; allowed: .*whole internet.*; fix: remove it/,
    );
    expect(message).toMatch(
      /argument "backToOriginCidrs\[2\]" is "10\.0\.0\.0\/33"; .*fix: correct it \(not an IP address/,
    );
    expect(childrenOf("nolock")).toEqual([]);
  });

  it("tells a caller without blocks where to find them, and how to opt out", () => {
    const [problem] = problemsOf(() => new WebFirewall(fresh(), { domains }));
    expect(problem.fix).toContain("WAF console");
    expect(problem.fix).toContain("originLock: false");
  });

  it.each([
    ["a space", "web waf"],
    ["81 characters", "w".repeat(61)],
  ])("refuses a component name with %s: it would make a bad ACL name", (_probe, name) => {
    const problems = problemsOf(() => new WebFirewall(name, { domains, backToOriginCidrs: CONSOLE_LIST }));
    expect(problems).toEqual([expect.objectContaining({ argument: "name", value: name })]);
    expect(problems[0].allowed).toContain("SLB access control list name");
    expect(childrenOf(name)).toEqual([]);
  });
});

describe("good back-to-origin blocks pass without a warning", () => {
  it.each([
    ["WAF's IPv6 /56", ["2408:400a:3c:100::/56"], ""],
    ["a public /16, the widest allowed", ["47.96.0.0/16"], ""],
    ["one host as /32", ["47.110.182.7/32"], ""],
    ["a private range", ["10.0.0.0/8"], ""],
    ["65 characters of name with IPv4 blocks only", ["198.51.100.0/24"], "w".repeat(65)],
  ] as [string, string[], string][])("%s", async (_probe, backToOriginCidrs, given) => {
    // "" stands for a fresh name.
    const name = given || fresh();
    const warnings = warningsOf(() => new WebFirewall(name, { domains, backToOriginCidrs }));
    await settle();
    expect(warnings.filter((w) => w.includes(`"${name}"`))).toEqual([]);
    expect(ofType(name, SLB_ACL).flatMap((a) => a.inputs.entryLists.map((e: { entry: string }) => e.entry))).toEqual(
      backToOriginCidrs,
    );
  });
});

describe("opting out of the origin lock", () => {
  it("makes no whitelist, warns once naming originLock, and hands out no ACL", async () => {
    const name = fresh();
    let waf: WebFirewall | undefined;
    const warnings = warningsOf(() => {
      waf = new WebFirewall(name, { domains, originLock: false });
    });
    await settle();
    expect(warnings.filter((w) => w.includes(`WebFirewall "${name}": originLock is false`))).toHaveLength(1);
    expect(ofType(name, SLB_ACL)).toEqual([]);
    expect(ofType(name, "alicloud:wafv3/domain:Domain")).toHaveLength(1);
    expect(waf!.originAcls).toBeUndefined();
    expect(() => waf!.originListenerAcl()).toThrow(/argument "originLock" is false/);
  });
});

/** An internet SLB behind the WebFirewall, its 80/443 listeners given `access`, previewed through the origin rule. */
async function originDiagnostics(prefix: string, locked: boolean) {
  const slb = new alicloud.slb.ApplicationLoadBalancer(`${prefix}-slb`, {
    addressType: "internet",
    loadBalancerSpec: "slb.s2.small",
  });
  const waf = new WebFirewall(`${prefix}-waf`, {
    domains: [{ domain: "shop.example.com", backends: [slb.address] }],
    ...(locked ? { backToOriginCidrs: ["198.51.100.0/24"] } : { originLock: false }),
  });
  const access = locked ? waf.originListenerAcl() : {};
  for (const port of [80, 443]) {
    new alicloud.slb.Listener(`${prefix}-web-${port}`, {
      loadBalancerId: slb.id,
      frontendPort: port,
      backendPort: 80,
      protocol: "http",
      bandwidth: -1,
      ...access,
    });
  }
  await settle();
  // The mocks give every SLB this address; at preview it is the balancer's unknown output.
  return runStack(requireWafOnInternetEndpoints, asPreview(prefix, { "198.51.100.9": `${prefix}-slb` }));
}

describe("an origin locked by the component under require-waf-on-internet-endpoints", () => {
  let warn: jest.SpyInstance;
  beforeAll(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterAll(() => warn.mockRestore());

  it("passes when the listeners spread in originListenerAcl()", async () => {
    expect(await originDiagnostics("locked", true)).toEqual([]);
  });

  it("fails when the lock is off and the listeners admit anyone", async () => {
    const ds = await originDiagnostics("open", false);
    expect(ds.map((d) => [d.level, d.urn?.split("::").pop()])).toEqual([
      ["mandatory", "open-slb"],
      ["mandatory", "open-slb"],
    ]);
    expect(ds[0].message).toContain("is the origin of WAF domain shop.example.com");
  });
});
