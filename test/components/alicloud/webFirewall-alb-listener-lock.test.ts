// WebFirewall.lockAlbListener: binds the ALB origin whitelist to an origin listener as an alb.ListenerAclAttachment
// (the listener's aclConfig is deprecated by the provider), after the whitelist's entries, in the listener's region,
// under the component. Bad calls are refused whole before anything exists; the older originAlbListenerAclConfig()
// still works and says once that it is deprecated; a listener locked this way passes require-waf-on-internet-endpoints.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { one, options, recordOptions, recorded, settle } from "./mocks";
import { asPreview } from "./origin-preview";
import { anOutput, aPromise } from "./redteam-fixtures";
import { WebFirewall, WebFirewallArgs } from "../../../components/alicloud/webFirewall";
import { ValidationError, ValidationProblem } from "../../../components/validation";
import { requireWafOnInternetEndpoints } from "../../../policies/stack/require-waf-on-internet-endpoints";
import { runStack } from "../../policies/harness";
import { internetAlb } from "./internet-alb";

const ATTACHMENT = "alicloud:alb/listenerAclAttachment:ListenerAclAttachment";
const ALB_ENTRIES = "alicloud:alb/aclEntryAttachment:AclEntryAttachment";
const LISTENER_ID = "lsn-o4u54y73wq7b4ckr6q";
const domains = [{ domain: "www.example.com", backends: ["198.51.100.9"] }];
const albLock: Partial<WebFirewallArgs> = { backToOriginCidrs: ["198.51.100.0/24"], originKinds: ["alb"] };

let counter = 0;
const fresh = () => `alb-lock-${String(++counter).padStart(3, "0")}`;
const resolve = <T>(o: pulumi.Output<T>) => new Promise<T>((r) => o.apply(r));
const nameOf = (r: unknown) => (r as { __name?: string }).__name;
/** Attachments registered under a component, whatever their label. */
const attachmentsOf = (name: string) => recorded.filter((r) => r.type === ATTACHMENT && r.name.startsWith(`${name}-`));

/** A WebFirewall with options recorded for its children, and warnings silenced. */
function firewall(name: string, changed: Partial<WebFirewallArgs> = albLock): WebFirewall {
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    return new WebFirewall(name, { domains, ...changed }, { transformations: [recordOptions] });
  } finally {
    warn.mockRestore();
  }
}

function refusal(call: () => unknown): ValidationError {
  try {
    call();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("expected a ValidationError, but the call went through");
}

describe("lockAlbListener binds the ALB whitelist to a listener", () => {
  it("makes one White ListenerAclAttachment of the whitelist and the listener, and returns it", async () => {
    const name = fresh();
    const waf = firewall(name);
    const attachment = waf.lockAlbListener("web-443", LISTENER_ID);
    await settle();
    const made = one(name, ATTACHMENT);
    expect(made.name).toBe(`${name}-origin-alb-listener-web-443`);
    expect(made.inputs).toEqual({ aclId: `${name}-origin-alb-acl-id`, listenerId: LISTENER_ID, aclType: "White" });
    expect(made.provider).toBeUndefined();
    expect(attachment).toBeInstanceOf(alicloud.alb.ListenerAclAttachment);
    expect(await resolve(attachment.id)).toBe(`${name}-origin-alb-listener-web-443-id`);
  });

  it("is the component's child and waits for the entry attachment, so the bound whitelist is never empty", async () => {
    const name = fresh();
    const waf = firewall(name);
    waf.lockAlbListener("web", LISTENER_ID);
    await settle();
    const opts = options.get(`${name}-origin-alb-listener-web`)!;
    expect(opts.parent).toBe(waf);
    const dependsOn = [opts.dependsOn].flat() as pulumi.Resource[];
    expect(dependsOn.map(nameOf)).toEqual([`${name}-origin-alb-acl-entries`]);
    expect(one(name, ALB_ENTRIES).name).toBe(`${name}-origin-alb-acl-entries`);
  });

  it("takes the listener id as an Output or a Promise", async () => {
    const name = fresh();
    const waf = firewall(name);
    waf.lockAlbListener("from-output", anOutput("lsn-output0000000000001"));
    waf.lockAlbListener("from-promise", aPromise("lsn-promise000000000001"));
    await settle();
    expect(
      attachmentsOf(name)
        .map((r) => r.inputs.listenerId)
        .sort(),
    ).toEqual(["lsn-output0000000000001", "lsn-promise000000000001"]);
  });

  it("binds several listeners, each under its own label", async () => {
    const name = fresh();
    const waf = firewall(name);
    waf.lockAlbListener("web-80", "lsn-http000000000000001");
    waf.lockAlbListener("web-443", "lsn-https00000000000001");
    await settle();
    expect(attachmentsOf(name).map((r) => [r.name.slice(name.length), r.inputs.listenerId])).toEqual([
      ["-origin-alb-listener-web-80", "lsn-http000000000000001"],
      ["-origin-alb-listener-web-443", "lsn-https00000000000001"],
    ]);
  });
});

describe("lockAlbListener uses the listener's region", () => {
  it("defaults to the provider the whitelist was made with (originProvider)", async () => {
    const name = fresh();
    const standby = new alicloud.Provider(`${name}-standby`, { region: "cn-shanghai" });
    const waf = firewall(name, { ...albLock, originProvider: standby });
    waf.lockAlbListener("web", LISTENER_ID);
    await settle();
    expect(one(name, ATTACHMENT).provider).toBe(`${name}-standby`);
    expect(one(name, ALB_ENTRIES).provider).toBe(`${name}-standby`);
  });

  it("takes options.provider over the whitelist's", async () => {
    const name = fresh();
    const standby = new alicloud.Provider(`${name}-standby`, { region: "cn-shanghai" });
    const listenerRegion = new alicloud.Provider(`${name}-listener`, { region: "cn-shanghai" });
    const waf = firewall(name, { ...albLock, originProvider: standby });
    waf.lockAlbListener("web", LISTENER_ID, { provider: listenerRegion });
    await settle();
    expect(one(name, ATTACHMENT).provider).toBe(`${name}-listener`);
  });

  it("without either, inherits the component's provider like every other child", async () => {
    const name = fresh();
    const waf = firewall(name);
    waf.lockAlbListener("web", LISTENER_ID, {});
    await settle();
    expect(one(name, ATTACHMENT).provider).toBeUndefined();
    expect(options.get(`${name}-origin-alb-listener-web`)?.provider).toBeUndefined();
  });
});

const notAProvider = new alicloud.alb.Acl("not-a-provider", { aclName: "not-a-provider" });
/** A provider of another package: a provider, but not the one alb resources take. */
class RandomProvider extends pulumi.ProviderResource {
  constructor(name: string) {
    super("random", name);
  }
}
const otherPackage = new RandomProvider("other-package");

/** [probe, how the component is made, the call, [argument, value] pairs the error must name in order]. */
const refused: [string, Partial<WebFirewallArgs>, (waf: WebFirewall) => unknown, [string, unknown][]][] = [
  ["the origin lock off", { originLock: false }, (w) => w.lockAlbListener("web", LISTENER_ID), [["originLock", false]]],
  [
    "no ALB whitelist (SLB only)",
    { backToOriginCidrs: ["198.51.100.0/24"] },
    (w) => w.lockAlbListener("web", LISTENER_ID),
    [["originKinds", ["slb"]]],
  ],
  ["an empty label", albLock, (w) => w.lockAlbListener("", LISTENER_ID), [["label", ""]]],
  ["a label in capitals", albLock, (w) => w.lockAlbListener("Web", LISTENER_ID), [["label", "Web"]]],
  ["a label with an underscore", albLock, (w) => w.lockAlbListener("web_443", LISTENER_ID), [["label", "web_443"]]],
  ["a label ending in '-'", albLock, (w) => w.lockAlbListener("web-", LISTENER_ID), [["label", "web-"]]],
  [
    "a label of 41 characters",
    albLock,
    (w) => w.lockAlbListener("w".repeat(41), LISTENER_ID),
    [["label", "w".repeat(41)]],
  ],
  ["a label that is a number", albLock, (w) => w.lockAlbListener(443 as never, LISTENER_ID), [["label", 443]]],
  ["no listener id", albLock, (w) => w.lockAlbListener("web", undefined as never), [["listenerId", undefined]]],
  ["an empty listener id", albLock, (w) => w.lockAlbListener("web", ""), [["listenerId", ""]]],
  [
    "a listener id with spaces",
    albLock,
    (w) => w.lockAlbListener("web", ` ${LISTENER_ID}`),
    [["listenerId", ` ${LISTENER_ID}`]],
  ],
  [
    "the ALB's id, not a listener's",
    albLock,
    (w) => w.lockAlbListener("web", "alb-o9ulmq5hgn68jk0kj"),
    [["listenerId", "alb-o9ulmq5hgn68jk0kj"]],
  ],
  [
    "a listener id in capitals",
    albLock,
    (w) => w.lockAlbListener("web", "LSN-O4U54Y73WQ7B"),
    [["listenerId", "LSN-O4U54Y73WQ7B"]],
  ],
  ["the prefix alone", albLock, (w) => w.lockAlbListener("web", "lsn-"), [["listenerId", "lsn-"]]],
  ["the listener's port", albLock, (w) => w.lockAlbListener("web", 443 as never), [["listenerId", 443]]],
  [
    "the listener resource itself",
    albLock,
    (w) => w.lockAlbListener("web", notAProvider as never),
    [["listenerId", "(a resource, not its id)"]],
  ],
  [
    "options that are no object",
    albLock,
    (w) => w.lockAlbListener("web", LISTENER_ID, "cn-shanghai" as never),
    [["options", "cn-shanghai"]],
  ],
  [
    "a misspelled option",
    albLock,
    (w) => w.lockAlbListener("web", LISTENER_ID, { providr: otherPackage } as never),
    [["options.providr", otherPackage]],
  ],
  [
    "a region name as the provider",
    albLock,
    (w) => w.lockAlbListener("web", LISTENER_ID, { provider: "cn-shanghai" as never }),
    [["options.provider", "cn-shanghai"]],
  ],
  [
    "a resource that is no provider",
    albLock,
    (w) => w.lockAlbListener("web", LISTENER_ID, { provider: notAProvider as never }),
    [["options.provider", "(a resource that is not an alicloud.Provider)"]],
  ],
  [
    "another package's provider",
    albLock,
    (w) => w.lockAlbListener("web", LISTENER_ID, { provider: otherPackage }),
    [["options.provider", "(a resource that is not an alicloud.Provider)"]],
  ],
  [
    "every argument bad at once, the lock off too",
    { originLock: false },
    (w) => w.lockAlbListener("Web!", "web-443", { provider: notAProvider as never }),
    [
      ["originLock", false],
      ["label", "Web!"],
      ["listenerId", "web-443"],
      ["options.provider", "(a resource that is not an alicloud.Provider)"],
    ],
  ],
];

describe("lockAlbListener refuses bad calls whole, before anything is created", () => {
  it.each(refused)("%s", async (_probe, changed, call, expected) => {
    const name = fresh();
    const waf = firewall(name, changed);
    const error = refusal(() => call(waf));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual(expected);
    await settle();
    expect(attachmentsOf(name)).toEqual([]);
  });

  it("gives the same problem as originAlbListenerAclConfig() when originKinds lacks alb", () => {
    const waf = firewall(fresh(), { backToOriginCidrs: ["198.51.100.0/24"] });
    const bound = refusal(() => waf.lockAlbListener("web", LISTENER_ID));
    const configured = refusal(() => waf.originAlbListenerAclConfig());
    expect(bound.problems).toEqual(configured.problems);
    expect(bound.problems[0].fix).toBe('pass originKinds: ["slb","alb"]');
    const off = firewall(fresh(), { originLock: false });
    expect(refusal(() => off.lockAlbListener("web", LISTENER_ID)).problems).toEqual(
      refusal(() => off.originAlbListenerAclConfig()).problems,
    );
  });

  it("names the component, the method, each argument and its fix in one message", () => {
    const name = fresh();
    const error = refusal(() => firewall(name).lockAlbListener("web", "alb-o9ulmq5hgn68jk0kj"));
    expect(error.message).toContain(`WebFirewall "${name}": lockAlbListener: 1 invalid argument`);
    expect(error.message).toMatch(
      /argument "listenerId" is "alb-o9ulmq5hgn68jk0kj"; allowed: an ALB listener id, lsn-/,
    );
    expect(error.message).toContain("fix: pass the id of the origin's alb.Listener (listener.id)");
  });

  it("refuses a label or a known listener id an earlier call used, and lets a refused call's label be used", async () => {
    const name = fresh();
    const waf = firewall(name);
    refusal(() => waf.lockAlbListener("web", "not-a-listener"));
    waf.lockAlbListener("web", LISTENER_ID);
    const again = refusal(() => waf.lockAlbListener("web", "lsn-another00000000001"));
    expect(again.problems.map((p) => [p.argument, p.allowed])).toEqual([
      ["label", "a label not used by an earlier lockAlbListener call of this WebFirewall"],
    ]);
    const twice = refusal(() => waf.lockAlbListener("web-2", LISTENER_ID));
    expect(twice.problems.map((p: ValidationProblem) => [p.argument, p.value])).toEqual([["listenerId", LISTENER_ID]]);
    // Outputs cannot be compared: the same Output twice is the caller's to avoid.
    waf.lockAlbListener("web-3", anOutput(LISTENER_ID));
    await settle();
    expect(
      attachmentsOf(name)
        .map((r) => r.name.slice(name.length))
        .sort(),
    ).toEqual(["-origin-alb-listener-web", "-origin-alb-listener-web-3"]);
  });
});

describe("originAlbListenerAclConfig() still works, and says it is deprecated", () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterEach(() => warn.mockRestore());
  const mine = (waf: WebFirewall) => warn.mock.calls.filter((call) => call[1] === waf).map((call) => String(call[0]));

  it("hands out the same aclConfig and logs one warning on the component, however often it is called", async () => {
    const name = fresh();
    const waf = new WebFirewall(name, { domains, ...albLock });
    expect(mine(waf)).toEqual([]);
    const config = waf.originAlbListenerAclConfig();
    waf.originAlbListenerAclConfig();
    expect(config.aclType).toBe("White");
    expect(await resolve(config.aclRelations[0].aclId)).toBe(`${name}-origin-alb-acl-id`);
    const warnings = mine(waf);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`WebFirewall "${name}": originAlbListenerAclConfig() is deprecated`);
    expect(warnings[0]).toContain("aclConfig");
    expect(warnings[0]).toContain("lockAlbListener(label, listener.id)");
    expect(warnings[0]).toContain("alb.ListenerAclAttachment");
  });

  it("warns per component, and not for a refused call or for lockAlbListener", () => {
    const first = new WebFirewall(fresh(), { domains, ...albLock });
    const second = new WebFirewall(fresh(), { domains, ...albLock });
    const off = new WebFirewall(fresh(), { domains, originLock: false });
    const before = warn.mock.calls.length;
    first.lockAlbListener("web", LISTENER_ID);
    expect(warn.mock.calls.length).toBe(before);
    expect(() => off.originAlbListenerAclConfig()).toThrow(ValidationError);
    expect(mine(off)).toHaveLength(1); // the originLock: false warning of its construction only
    first.originAlbListenerAclConfig();
    second.originAlbListenerAclConfig();
    expect(mine(first)).toHaveLength(1);
    expect(mine(second)).toHaveLength(1);
  });
});

/**
 * An internet ALB (Standard edition, WAF not built in) behind the WebFirewall with 80/443 listeners; `bind` lists the
 * ports whose listener lockAlbListener binds (by the listener's Output id), and the plan is previewed through the rule.
 */
async function previewed(prefix: string, bind: number[], dropEntries = false) {
  const alb = internetAlb(prefix);
  // The mocks return no dnsName; this stands in for it and is linked to the ALB in the preview.
  const dnsName = `${prefix}.alb.example.com`;
  const waf = new WebFirewall(`${prefix}-waf`, {
    domains: [{ domain: "shop.example.com", backends: [dnsName] }],
    ...albLock,
  });
  for (const port of [80, 443]) {
    const listener = new alicloud.alb.Listener(`${prefix}-web-${port}`, {
      loadBalancerId: alb.id,
      listenerPort: port,
      listenerProtocol: port === 443 ? "HTTPS" : "HTTP",
      defaultActions: [
        { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: "sgp-1" }] } },
      ],
    });
    if (bind.includes(port)) waf.lockAlbListener(`web-${port}`, listener.id);
  }
  await settle();
  const plan = asPreview(prefix, { [dnsName]: `${prefix}-alb` }).filter(
    (r) => !(dropEntries && r.type === ALB_ENTRIES),
  );
  expect(plan.some((r) => r.type === "alicloud:alb/listener:Listener" && "aclConfig" in r.props)).toBe(false);
  return runStack(requireWafOnInternetEndpoints, plan);
}

describe("an ALB origin locked by lockAlbListener under require-waf-on-internet-endpoints", () => {
  let warn: jest.SpyInstance;
  beforeAll(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterAll(() => warn.mockRestore());
  const violatedPorts = (ds: Awaited<ReturnType<typeof previewed>>) =>
    ds.map((d) => [d.level, d.message.match(/its listener (\d+) accepts any address/)?.[1]]);

  it("passes when every web listener is bound", async () => {
    expect(await previewed("lock-both", [80, 443])).toEqual([]);
  });

  it("fails for the listener left unbound", async () => {
    expect(violatedPorts(await previewed("lock-https", [443]))).toEqual([["mandatory", "80"]]);
  });

  it("fails for both listeners when none is bound", async () => {
    expect(violatedPorts(await previewed("lock-none", []))).toEqual([
      ["mandatory", "80"],
      ["mandatory", "443"],
    ]);
  });

  it("fails when the whitelist's entries are not in the plan: a bound empty whitelist is no lock", async () => {
    const ds = await previewed("lock-empty", [80, 443], true);
    expect(ds).toHaveLength(2);
    expect(ds.every((d) => d.level === "mandatory" && d.message.includes("without entries"))).toBe(true);
  });
});
