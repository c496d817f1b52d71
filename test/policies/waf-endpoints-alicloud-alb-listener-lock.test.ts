// require-waf-on-internet-endpoints on an internet ALB behind a WAF 3.0 domain whose listeners are locked the way
// WebFirewall.lockAlbListener does it: a whitelist alb.Acl without entries of its own, WAF's back-to-origin blocks in
// one batch alb.AclEntryAttachment, and an alb.ListenerAclAttachment per listener that depends on that attachment.
// The listener's deprecated aclConfig is never set here.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { wafv3Domain } from "./wafv3-domain-builders";

const ALB = "alicloud:alb/loadBalancer:LoadBalancer";
const ALB_LISTENER = "alicloud:alb/listener:Listener";
const ALB_ACL = "alicloud:alb/acl:Acl";
const ALB_ACL_ENTRY = "alicloud:alb/aclEntryAttachment:AclEntryAttachment";
const ALB_LISTENER_ACL = "alicloud:alb/listenerAclAttachment:ListenerAclAttachment";

/** Documentation ranges standing in for WAF's IPv4 back-to-origin blocks (ALB ACLs hold no IPv6). */
const BACK_TO_ORIGIN = ["198.51.100.0/24", "203.0.113.128/25"];
const ACL = "waf-origin-alb-acl";
const ENTRIES = "waf-origin-alb-acl-entries";

const alb = (props: Record<string, unknown> = {}): StackInput => ({
  type: ALB,
  name: "shop",
  props: { addressType: "Internet", loadBalancerEdition: "Standard", ...props },
});

const listener = (port: number, protocol = port === 80 ? "HTTP" : "HTTPS"): StackInput => ({
  type: ALB_LISTENER,
  name: `shop-${port}`,
  props: { loadBalancerId: UNKNOWN, listenerPort: port, listenerProtocol: protocol, defaultActions: [] },
  propertyDependencies: { loadBalancerId: [urnOf(ALB, "shop")] },
});

/** The component's whitelist: a name and tags, no entries of its own. */
const whitelist: StackInput = {
  type: ALB_ACL,
  name: ACL,
  props: { aclName: "waf-back-to-origin-alb", tags: { "hardening:component": "WebFirewall" } },
};

/** The batch entry attachment (`entries`) the component makes; `entries` may be unknown at preview. */
const entries = (blocks: unknown, name = ENTRIES): StackInput => ({
  type: ALB_ACL_ENTRY,
  name,
  props: {
    aclId: UNKNOWN,
    entries: Array.isArray(blocks) ? blocks.map((entry) => ({ entry, description: "WAF-back-to-origin" })) : blocks,
  },
  propertyDependencies: { aclId: [urnOf(ALB_ACL, ACL)] },
  dependencies: [urnOf(ALB_ACL, ACL)],
});

/**
 * The binding lockAlbListener makes: the whitelist's id, the listener's id, "White", and a dependency on the entry
 * attachment beside the property dependencies. `aclFrom: []` leaves aclId linked to nothing.
 */
function binding(
  port: number,
  aclType: unknown = "White",
  { aclId = UNKNOWN as unknown, listenerId = UNKNOWN as unknown, aclFrom = [urnOf(ALB_ACL, ACL)] } = {},
): StackInput {
  const listenerUrn = urnOf(ALB_LISTENER, `shop-${port}`);
  return {
    type: ALB_LISTENER_ACL,
    name: `waf-origin-alb-listener-web-${port}`,
    props: { aclId, listenerId, aclType },
    propertyDependencies: {
      aclId: aclFrom,
      ...(listenerId === UNKNOWN ? { listenerId: [listenerUrn] } : {}),
    },
    dependencies: [...aclFrom, urnOf(ALB_ACL_ENTRY, ENTRIES), listenerUrn],
  };
}

const domain = wafv3Domain([urnOf(ALB, "shop")]);

/** The ALB, its listeners on `ports`, the whitelist and entries given, the bindings given, and the WAF domain. */
const origin = (
  bindings: StackInput[],
  { blocks = BACK_TO_ORIGIN as unknown, ports = [443], lb = alb() } = {},
): StackInput[] => [lb, ...ports.map((p) => listener(p)), whitelist, entries(blocks), ...bindings, domain];

const BYPASS = "accepts any address";

describe("require-waf-on-internet-endpoints: an ALB origin locked through ListenerAclAttachment", () => {
  stackTable(requireWafOnInternetEndpoints, [
    // Locked the way the component does it.
    { name: "HTTPS listener bound to the whitelist of WAF's blocks", resources: origin([binding(443)]), violations: 0 },
    {
      name: "HTTP and HTTPS listeners, each bound by its own attachment",
      resources: origin([binding(80), binding(443)], { ports: [80, 443] }),
      violations: 0,
    },
    {
      name: "whitelist of a public /16 and a private block",
      resources: origin([binding(443)], { blocks: ["47.96.0.0/16", "10.0.0.0/8"] }),
      violations: 0,
    },
    {
      name: "intranet ALB behind a WAF domain with an unbound listener",
      resources: [alb({ addressType: "Intranet" }), listener(443), domain],
      violations: 0,
    },
    // Not locked, or locked by a list that lets strangers in.
    {
      name: "listener without any attachment",
      resources: origin([]),
      violations: 1,
      urn: urnOf(ALB, "shop"),
      mentions: "shop is the origin of WAF domain shop.example.com but its listener 443 accepts any address",
    },
    {
      name: "the whitelist bound as a blacklist",
      resources: origin([binding(443, "Black")]),
      violations: 1,
      mentions: "a blacklist only",
    },
    {
      name: "whitelist holding 0.0.0.0/0 beside WAF's blocks",
      resources: origin([binding(443)], { blocks: [...BACK_TO_ORIGIN, "0.0.0.0/0"] }),
      violations: 1,
      mentions: "its whitelist admits 0.0.0.0/0",
    },
    {
      name: "whitelist of two halves that together are the internet",
      resources: origin([binding(443)], { blocks: ["0.0.0.0/1", "128.0.0.0/1"] }),
      violations: 1,
      mentions: BYPASS,
    },
    {
      name: "whitelist holding a public /8",
      resources: origin([binding(443)], { blocks: ["47.0.0.0/8"] }),
      violations: 1,
      mentions: "47.0.0.0/8",
    },
    {
      name: "whitelist holding ::/0",
      resources: origin([binding(443)], { blocks: [...BACK_TO_ORIGIN, "::/0"] }),
      violations: 1,
      mentions: "::/0",
    },
    {
      name: "whitelist opened by a second, single-entry attachment",
      resources: [
        ...origin([binding(443)]),
        { ...entries(undefined, "extra"), props: { aclId: UNKNOWN, entry: "0.0.0.0/0", description: "extra" } },
      ],
      violations: 1,
      mentions: "0.0.0.0/0",
    },
    // ALB forwards every request when a bound whitelist holds nothing.
    {
      name: "whitelist whose entry attachment is not in the plan",
      resources: origin([binding(443)]).filter((r) => r.type !== ALB_ACL_ENTRY),
      violations: 1,
      mentions: "a whitelist without entries",
    },
    {
      name: "HTTPS listener bound, HTTP listener left open",
      resources: origin([binding(443)], { ports: [80, 443] }),
      violations: 1,
      mentions: "its listener 80 accepts any address",
    },
    {
      name: "attachment naming another listener by its known id: the origin's listener is still open",
      resources: origin([binding(443, "White", { listenerId: "lsn-elsewhere0000000001" })]),
      violations: 1,
      mentions: "its listener 443 accepts any address",
    },
    // Unknown at preview: a note, never a pass.
    {
      name: "entries of the whitelist unknown at preview",
      resources: origin([binding(443)], { blocks: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "one entry unknown at preview",
      resources: origin([binding(443)], { blocks: [...BACK_TO_ORIGIN, UNKNOWN] }),
      violations: 0,
      notes: 1,
    },
    {
      name: "attachment's ACL type unknown at preview",
      resources: origin([binding(443, UNKNOWN)]),
      violations: 0,
      notes: 1,
    },
    {
      name: "attachment naming a whitelist outside the stack",
      resources: origin([binding(443, "White", { aclId: "acl-bp1existing", aclFrom: [] })]),
      violations: 0,
      notes: 1,
    },
    {
      name: "entries unknown fail closed when the policy says so",
      resources: origin([binding(443)], { blocks: UNKNOWN }),
      config: { failClosed: true },
      violations: 1,
      mentions: "failing closed",
    },
  ] as StackCase[]);
});
