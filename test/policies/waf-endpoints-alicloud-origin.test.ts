// require-waf-on-internet-endpoints on Alibaba Cloud origins: a load balancer behind a WAF 3.0 domain (CNAME access)
// keeps its public address, so each web listener must admit only WAF's back-to-origin blocks (a whitelist ACL of
// narrow public blocks); the WAF-enabled ALB edition (cloud-native access) and intranet balancers need no lock.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { WAF_DOMAIN, wafv3Domain } from "./wafv3-domain-builders";

const SLB = "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer";
const SLB_LISTENER = "alicloud:slb/listener:Listener";
const SLB_ACL = "alicloud:slb/acl:Acl";
const SLB_ACL_ENTRY = "alicloud:slb/aclEntryAttachment:AclEntryAttachment";
const ALB = "alicloud:alb/loadBalancer:LoadBalancer";
const ALB_LISTENER = "alicloud:alb/listener:Listener";
const ALB_ACL = "alicloud:alb/acl:Acl";
const ALB_ACL_ENTRY = "alicloud:alb/aclEntryAttachment:AclEntryAttachment";
const ALB_LISTENER_ACL = "alicloud:alb/listenerAclAttachment:ListenerAclAttachment";

/** Documentation ranges standing in for the back-to-origin blocks copied from the WAF console. */
const BACK_TO_ORIGIN = ["198.51.100.0/24", "203.0.113.128/25", "2001:db8:40::/56"];

const slb = (props: Record<string, unknown> = {}): StackInput => ({
  type: SLB,
  name: "web",
  props: { loadBalancerName: "web", addressType: "internet", loadBalancerSpec: "slb.s2.small", ...props },
});

/** A WAF 3.0 domain in CNAME mode whose backend is the balancer's address (unknown at preview). */
const domain = (type: string, name: string): StackInput => wafv3Domain([urnOf(type, name)]);

/** An SLB listener on `port`; `acl` holds its access-control inputs, the ACL named by dependency. */
function slbListener(port: number, acl: Record<string, unknown>, protocol: unknown = "https"): StackInput {
  const named = "aclIds" in acl || "aclId" in acl;
  return {
    type: SLB_LISTENER,
    name: `web-${port}`,
    props: { loadBalancerId: UNKNOWN, frontendPort: port, backendPort: 80, protocol, ...acl },
    propertyDependencies: {
      loadBalancerId: [urnOf(SLB, "web")],
      ...(named ? { aclIds: [urnOf(SLB_ACL, "waf-only")], aclId: [urnOf(SLB_ACL, "waf-only")] } : {}),
    },
  };
}
const whitelist = { aclStatus: "on", aclType: "white", aclIds: [UNKNOWN] };
const slbAcl = (entries: unknown): StackInput => ({
  type: SLB_ACL,
  name: "waf-only",
  props: {
    name: "waf-only",
    ipVersion: "ipv4",
    entryLists: Array.isArray(entries) ? entries.map((entry) => ({ entry, comment: "WAF back-to-origin" })) : entries,
  },
});
const slbAclEntry = (entry: unknown): StackInput => ({
  type: SLB_ACL_ENTRY,
  name: `entry-${String(entry)}`,
  props: { aclId: UNKNOWN, entry },
  propertyDependencies: { aclId: [urnOf(SLB_ACL, "waf-only")] },
});

/** The SLB behind the WAF domain with one HTTPS listener, given its ACL inputs and the ACL's entries. */
const slbOrigin = (acl: Record<string, unknown>, entries: unknown = BACK_TO_ORIGIN, lb = slb()): StackInput[] => [
  lb,
  slbAcl(entries),
  slbListener(443, acl),
  domain(SLB, "web"),
];

const alb = (props: Record<string, unknown> = {}): StackInput => ({
  type: ALB,
  name: "shop",
  props: { addressType: "Internet", loadBalancerEdition: "Standard", ...props },
});
const albListener = (props: Record<string, unknown> = {}): StackInput => ({
  type: ALB_LISTENER,
  name: "shop-443",
  props: { loadBalancerId: UNKNOWN, listenerPort: 443, listenerProtocol: "HTTPS", defaultActions: [], ...props },
  propertyDependencies: { loadBalancerId: [urnOf(ALB, "shop")], aclConfig: [urnOf(ALB_ACL, "waf-only")] },
});
const albAcl = (entries: unknown[]): StackInput => ({
  type: ALB_ACL,
  name: "waf-only",
  props: { aclName: "waf-only", aclEntries: entries.map((entry) => ({ entry, description: "WAF" })) },
});
const albAttachment = (aclType: unknown): StackInput => ({
  type: ALB_LISTENER_ACL,
  name: "shop-443-acl",
  props: { listenerId: UNKNOWN, aclId: UNKNOWN, aclType },
  propertyDependencies: { listenerId: [urnOf(ALB_LISTENER, "shop-443")], aclId: [urnOf(ALB_ACL, "waf-only")] },
});
const albAclEntries = (entries: unknown[]): StackInput => ({
  type: ALB_ACL_ENTRY,
  name: "more",
  props: { aclId: UNKNOWN, entries: entries.map((entry) => ({ entry, description: "added" })) },
  propertyDependencies: { aclId: [urnOf(ALB_ACL, "waf-only")] },
});
/** The ALB behind the WAF domain with one HTTPS listener and the ACL resources given. */
const albOrigin = (acl: StackInput[], lb = alb(), listener = albListener()): StackInput[] => [
  lb,
  listener,
  ...acl,
  domain(ALB, "shop"),
];

const BYPASS = "accepts any address";

describe("require-waf-on-internet-endpoints: Alibaba Cloud origins reachable around the WAF", () => {
  stackTable(requireWafOnInternetEndpoints, [
    // SLB (CLB) origins: the listener's own aclStatus, aclType and ACLs.
    {
      name: "SLB behind a WAF domain, listener without access control",
      resources: [slb(), slbListener(443, {}), domain(SLB, "web")],
      violations: 1,
      urn: urnOf(SLB, "web"),
      mentions: "web is the origin of WAF domain shop.example.com but its listener 443 accepts any address",
    },
    {
      name: "SLB behind a WAF domain, whitelist holding 0.0.0.0/0",
      resources: slbOrigin(whitelist, [...BACK_TO_ORIGIN, "0.0.0.0/0"]),
      violations: 1,
      mentions: "its whitelist admits 0.0.0.0/0",
    },
    {
      name: "SLB whitelist of two halves that together are the internet",
      resources: slbOrigin(whitelist, ["0.0.0.0/1", "128.0.0.0/1"]),
      violations: 1,
      mentions: BYPASS,
    },
    {
      name: "SLB whitelist holding a /8 of public addresses",
      resources: slbOrigin(whitelist, ["47.0.0.0/8"]),
      violations: 1,
      mentions: "47.0.0.0/8",
    },
    {
      name: "SLB whitelist holding ::/0",
      resources: slbOrigin(whitelist, [...BACK_TO_ORIGIN, "::/0"]),
      violations: 1,
      mentions: "::/0",
    },
    {
      name: "SLB whitelist holding the bare address 0.0.0.0",
      resources: slbOrigin(whitelist, ["0.0.0.0"]),
      violations: 1,
    },
    {
      name: "SLB whitelist opened by a separate entry attachment",
      resources: [...slbOrigin(whitelist), slbAclEntry("0.0.0.0/0")],
      violations: 1,
      mentions: "0.0.0.0/0",
    },
    {
      name: "SLB listener with a blacklist only",
      resources: slbOrigin({ ...whitelist, aclType: "black" }),
      violations: 1,
      mentions: "a blacklist only",
    },
    {
      name: "SLB listener whose whitelist is switched off",
      resources: slbOrigin({ ...whitelist, aclStatus: "off" }),
      violations: 1,
    },
    {
      name: "SLB with a locked HTTPS listener and an open HTTP one",
      resources: [...slbOrigin(whitelist), slbListener(80, {}, "http")],
      violations: 1,
      mentions: "its listener 80 accepts any address",
    },
    {
      name: "SLB found by its known address among the domain's backends",
      resources: [
        slb({ address: "47.100.1.2" }),
        slbListener(443, {}),
        {
          type: WAF_DOMAIN,
          name: "shop",
          props: { domain: "shop.example.com", redirect: { backends: ["47.100.1.2"], loadbalance: "iphash" } },
        },
      ],
      violations: 1,
      mentions: BYPASS,
    },
    {
      name: "SLB whitelist of the back-to-origin blocks",
      resources: slbOrigin(whitelist),
      violations: 0,
    },
    {
      name: "SLB whitelist through the older aclId",
      resources: slbOrigin({ aclStatus: "on", aclType: "white", aclId: UNKNOWN }),
      violations: 0,
    },
    {
      name: "SLB whitelist with narrow blocks added by entry attachments",
      resources: [...slbOrigin(whitelist, []), slbAclEntry("198.51.100.0/24"), slbAclEntry("203.0.113.0/24")],
      violations: 0,
    },
    // The load balancer forwards every request when a whitelist has no entries (the network model reads it so too).
    { name: "SLB whitelist of no entries filters nothing", resources: slbOrigin(whitelist, []), violations: 1 },
    {
      name: "SLB whitelist holding a /16 and a private block",
      resources: slbOrigin(whitelist, ["47.96.0.0/16", "10.0.0.0/8"]),
      violations: 0,
    },
    {
      name: "SLB with a locked HTTPS listener and an open UDP one",
      resources: [...slbOrigin(whitelist), slbListener(53, {}, "udp")],
      violations: 0,
    },
    {
      name: "intranet SLB behind a WAF domain with an open listener",
      resources: [slb({ addressType: "intranet" }), slbListener(443, {}), domain(SLB, "web")],
      violations: 0,
    },
    // ALB origins: listener ACL attachments, the older aclConfig block, and the WAF-enabled edition.
    {
      name: "ALB behind a WAF domain, listener without an ACL",
      resources: albOrigin([]),
      violations: 1,
      urn: urnOf(ALB, "shop"),
      mentions: "shop is the origin of WAF domain shop.example.com but its listener 443 accepts any address",
    },
    {
      name: "ALB listener with a blacklist attachment only",
      resources: albOrigin([albAcl(["192.0.2.0/24"]), albAttachment("Black")]),
      violations: 1,
      mentions: "a blacklist only",
    },
    {
      name: "ALB whitelist opened by an entry attachment",
      resources: albOrigin([albAcl(BACK_TO_ORIGIN), albAttachment("White"), albAclEntries(["0.0.0.0/0"])]),
      violations: 1,
    },
    {
      name: "ALB whitelist in the older aclConfig block holding 0.0.0.0/0",
      resources: albOrigin(
        [albAcl(["0.0.0.0/0"])],
        alb(),
        albListener({ aclConfig: { aclType: "White", aclRelations: [{ aclId: UNKNOWN }] } }),
      ),
      violations: 1,
    },
    {
      name: "ALB whitelist of the back-to-origin blocks",
      resources: albOrigin([albAcl(BACK_TO_ORIGIN), albAttachment("White")]),
      violations: 0,
    },
    {
      name: "ALB whitelist in the older aclConfig block",
      resources: albOrigin(
        [albAcl(BACK_TO_ORIGIN)],
        alb(),
        albListener({ aclConfig: { aclType: "White", aclRelations: [{ aclId: UNKNOWN }] } }),
      ),
      violations: 0,
    },
    {
      name: "ALB of the WAF-enabled edition (cloud-native access) with an open listener",
      resources: albOrigin([], alb({ loadBalancerEdition: "StandardWithWaf" })),
      violations: 0,
    },
    {
      name: "ALB behind a WAF domain without listeners",
      resources: [alb(), domain(ALB, "shop")],
      violations: 0,
    },
    // Unknown at preview: a note, never a pass.
    {
      name: "SLB whitelist on, its ACL unknown and named by no dependency",
      resources: [
        slb(),
        { ...slbListener(443, whitelist), propertyDependencies: { loadBalancerId: [urnOf(SLB, "web")] } },
        domain(SLB, "web"),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "SLB aclStatus unknown",
      resources: slbOrigin({ ...whitelist, aclStatus: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    { name: "SLB aclType unknown", resources: slbOrigin({ ...whitelist, aclType: UNKNOWN }), violations: 0, notes: 1 },
    {
      name: "SLB ACL entry unknown",
      resources: slbOrigin(whitelist, [...BACK_TO_ORIGIN, UNKNOWN]),
      violations: 0,
      notes: 1,
    },
    { name: "SLB ACL entries unknown", resources: slbOrigin(whitelist, UNKNOWN), violations: 0, notes: 1 },
    {
      name: "SLB whitelist naming an ACL outside the stack",
      resources: [slb(), slbListener(443, { ...whitelist, aclIds: ["acl-bp1existing"] }), domain(SLB, "web")],
      violations: 0,
      notes: 1,
    },
    {
      name: "SLB whitelist entry that is no CIDR block",
      resources: slbOrigin(whitelist, ["waf-back-to-origin"]),
      violations: 0,
      notes: 1,
    },
    {
      name: "SLB of unknown address type with an open listener",
      resources: [slb({ addressType: UNKNOWN }), slbListener(443, {}), domain(SLB, "web")],
      violations: 0,
      notes: 1,
    },
    {
      name: "SLB listener of unknown protocol without access control beside a locked HTTPS one",
      resources: [...slbOrigin(whitelist), slbListener(8080, {}, UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "ALB listener attachment of unknown ACL type",
      resources: albOrigin([albAcl(BACK_TO_ORIGIN), albAttachment(UNKNOWN)]),
      violations: 0,
      notes: 1,
    },
    {
      name: "ALB of unknown edition with an open listener",
      resources: albOrigin([], alb({ loadBalancerEdition: UNKNOWN })),
      violations: 0,
      notes: 1,
    },
    {
      name: "SLB ACL unknown fails closed when the policy says so",
      resources: [
        slb(),
        { ...slbListener(443, whitelist), propertyDependencies: { loadBalancerId: [urnOf(SLB, "web")] } },
        domain(SLB, "web"),
      ],
      config: { failClosed: true },
      violations: 1,
      mentions: "failing closed",
    },
  ] as StackCase[]);
});
