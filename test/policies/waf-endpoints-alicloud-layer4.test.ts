// require-waf-on-internet-endpoints on Alibaba Cloud layer-4 listeners: WAF 3.0 (cloud native mode) protects the
// HTTP(S) an internet CLB's or NLB's TCP listener carries, but the stack attaches none, so a TCP listener on a web
// port the internet reaches is a note (a violation when failing closed); UDP and other ports are not web entry points.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { wafv3Domain } from "./wafv3-domain-builders";

const SLB = "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer";
const SLB_LISTENER = "alicloud:slb/listener:Listener";
const SLB_ACL = "alicloud:slb/acl:Acl";
const NLB = "alicloud:nlb/loadBalancer:LoadBalancer";
const NLB_LISTENER = "alicloud:nlb/listener:Listener";
const SG = "alicloud:ecs/securityGroup:SecurityGroup";
const SG_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const NLB_SG_ATTACHMENT = "alicloud:nlb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment";
const slbUrn = urnOf(SLB, "web");
const nlbUrn = urnOf(NLB, "edge");
const failClosed = { config: { failClosed: true } };

const slb = (props: Record<string, unknown> = {}): StackInput => ({
  type: SLB,
  name: "web",
  props: { loadBalancerName: "web", addressType: "internet", loadBalancerSpec: "slb.s2.small", ...props },
});
/** An SLB listener on `port` speaking `protocol`; `acl` its access-control inputs (the ACL named by dependency). */
const slbListener = (port: unknown, protocol: unknown, acl: Record<string, unknown> = {}): StackInput => ({
  type: SLB_LISTENER,
  name: `web-${String(port)}-${String(protocol)}`,
  props: { loadBalancerId: UNKNOWN, frontendPort: port, backendPort: 80, protocol, ...acl },
  propertyDependencies: {
    loadBalancerId: [slbUrn],
    ...("aclIds" in acl ? { aclIds: [urnOf(SLB_ACL, "only")] } : {}),
  },
});
const slbAcl = (entries: string[]): StackInput => ({
  type: SLB_ACL,
  name: "only",
  props: { name: "only", ipVersion: "ipv4", entryLists: entries.map((entry) => ({ entry })) },
});
const whitelist = { aclStatus: "on", aclType: "white", aclIds: [UNKNOWN] };

const nlb = (props: Record<string, unknown> = {}): StackInput => ({
  type: NLB,
  name: "edge",
  props: { loadBalancerName: "edge", addressType: "Internet", vpcId: "vpc-1", zoneMappings: [], ...props },
});
const nlbListener = (name: string, props: Record<string, unknown>): StackInput => ({
  type: NLB_LISTENER,
  name,
  props: { loadBalancerId: UNKNOWN, serverGroupId: "sgp-1", ...props },
  propertyDependencies: { loadBalancerId: [nlbUrn] },
});

describe("require-waf-on-internet-endpoints: Alibaba Cloud CLB TCP listeners", () => {
  stackTable(requireWafOnInternetEndpoints, [
    {
      name: "internet SLB with a TCP listener on 443",
      resources: [slb(), slbListener(443, "tcp")],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same note is a violation when failing closed",
      resources: [slb(), slbListener(443, "TCP")],
      ...failClosed,
      violations: 1,
      mentions: "the protocol TCP listener 443 carries",
      urn: slbUrn,
    },
    { name: "TCP listener on 8080", resources: [slb(), slbListener(8080, "tcp")], violations: 0, notes: 1 },
    { name: "TCP listener on 3306 is no web port", resources: [slb(), slbListener(3306, "tcp")], violations: 0 },
    { name: "UDP listener on 443", resources: [slb(), slbListener(443, "udp")], violations: 0 },
    {
      name: "TCP listener port unknown at preview",
      resources: [slb(), slbListener(UNKNOWN, "tcp")],
      violations: 0,
      notes: 1,
    },
    { name: "intranet SLB", resources: [slb({ addressType: "intranet" }), slbListener(443, "tcp")], violations: 0 },
    {
      name: "SLB address type unknown at preview",
      resources: [slb({ addressType: UNKNOWN }), slbListener(443, "tcp")],
      violations: 0,
      notes: 1,
    },
    {
      name: "TCP listener whose whitelist admits private addresses only (the internet does not reach it)",
      resources: [slb(), slbAcl(["10.0.0.0/8"]), slbListener(443, "tcp", whitelist)],
      violations: 0,
    },
    {
      name: "TCP listener whose whitelist admits anyone",
      resources: [slb(), slbAcl(["0.0.0.0/0"]), slbListener(443, "tcp", whitelist)],
      violations: 0,
      notes: 1,
    },
    {
      name: "an HTTP listener beside the TCP one stays a violation",
      resources: [slb(), slbListener(80, "http"), slbListener(443, "tcp")],
      violations: 1,
      mentions: "internet SLB with HTTP(S) listeners has no WAF",
      urn: slbUrn,
    },
    {
      name: "behind a WAF 3.0 domain, an open TCP listener on a web port is a note",
      resources: [slb(), slbListener(443, "tcp"), wafv3Domain([slbUrn])],
      violations: 0,
      notes: 1,
    },
    {
      name: "behind a WAF 3.0 domain, a TCP listener admitting only back-to-origin blocks",
      resources: [slb(), slbAcl(["198.51.100.0/24"]), slbListener(443, "tcp", whitelist), wafv3Domain([slbUrn])],
      violations: 0,
    },
  ] as StackCase[]);
});

describe("require-waf-on-internet-endpoints: Alibaba Cloud NLB", () => {
  stackTable(requireWafOnInternetEndpoints, [
    {
      name: "internet NLB with a TCP listener on 443",
      resources: [nlb(), nlbListener("https", { listenerProtocol: "TCP", listenerPort: 443 })],
      ...failClosed,
      violations: 1,
      mentions: "the protocol listener TCP:443 of edge carries",
      urn: nlbUrn,
    },
    {
      name: "internet NLB with a TCPSSL listener on 443 (a note)",
      resources: [nlb(), nlbListener("tls", { listenerProtocol: "TCPSSL", listenerPort: 443 })],
      violations: 0,
      notes: 1,
    },
    {
      name: "NLB all-port listener whose range holds 80",
      resources: [nlb(), nlbListener("all", { listenerProtocol: "TCP", listenerPort: 0, startPort: 1, endPort: 1024 })],
      ...failClosed,
      violations: 1,
      mentions: "TCP:1-1024",
    },
    {
      name: "NLB all-port listener above the web ports",
      resources: [
        nlb(),
        nlbListener("high", { listenerProtocol: "TCP", listenerPort: 0, startPort: 9000, endPort: 9100 }),
      ],
      violations: 0,
    },
    {
      name: "NLB UDP listener on 443",
      resources: [nlb(), nlbListener("dns", { listenerProtocol: "UDP", listenerPort: 443 })],
      violations: 0,
    },
    {
      name: "NLB listener protocol unknown at preview",
      resources: [nlb(), nlbListener("any", { listenerProtocol: UNKNOWN, listenerPort: 80 })],
      violations: 0,
      notes: 1,
    },
    {
      name: "intranet NLB",
      resources: [
        nlb({ addressType: "Intranet" }),
        nlbListener("https", { listenerProtocol: "TCP", listenerPort: 443 }),
      ],
      violations: 0,
    },
    {
      name: "NLB address type unknown at preview",
      resources: [nlb({ addressType: UNKNOWN }), nlbListener("https", { listenerProtocol: "TCP", listenerPort: 443 })],
      violations: 0,
      notes: 1,
    },
    {
      name: "stopped NLB listener",
      resources: [nlb(), nlbListener("https", { listenerProtocol: "TCP", listenerPort: 443, status: "Stopped" })],
      violations: 0,
    },
  ] as StackCase[]);
});

describe("require-waf-on-internet-endpoints: Alibaba Cloud NLB behind a WAF 3.0 domain", () => {
  const sgUrn = urnOf(SG, "origin");
  const https = nlbListener("https", { listenerProtocol: "TCP", listenerPort: 443 });
  /** The NLB `edge` carrying the security group `origin` (securityGroupIds by dependency). */
  const guardedNlb = nlb({ securityGroupIds: [UNKNOWN] });
  const withGroup: StackInput = { ...guardedNlb, propertyDependencies: { securityGroupIds: [sgUrn] } };
  const group: StackInput = { type: SG, name: "origin", props: { vpcId: "vpc-1", name: "origin" } };
  /** An ingress rule of `origin` admitting `source` on `portRange` (tcp unless `ipProtocol` says otherwise). */
  const rule = (
    name: string,
    source: Record<string, unknown>,
    portRange = "443/443",
    ipProtocol = "tcp",
  ): StackInput => ({
    type: SG_RULE,
    name,
    props: {
      type: "ingress",
      securityGroupId: UNKNOWN,
      ipProtocol,
      portRange,
      policy: "accept",
      priority: 1,
      ...source,
    },
    propertyDependencies: { securityGroupId: [sgUrn] },
  });
  const backToOrigin = [rule("waf-a", { cidrIp: "198.51.100.0/24" }), rule("waf-b", { cidrIp: "203.0.113.0/25" })];
  const fronted = wafv3Domain([nlbUrn]);
  stackTable(requireWafOnInternetEndpoints, [
    {
      name: "fronted NLB whose security group admits 443 only from back-to-origin blocks",
      resources: [withGroup, group, ...backToOrigin, https, fronted],
      ...failClosed,
      violations: 0,
    },
    {
      name: "the group attached by a LoadBalancerSecurityGroupAttachment",
      resources: [
        nlb(),
        group,
        ...backToOrigin,
        {
          type: NLB_SG_ATTACHMENT,
          name: "edge-origin",
          props: { loadBalancerId: UNKNOWN, securityGroupId: UNKNOWN },
          propertyDependencies: { loadBalancerId: [nlbUrn], securityGroupId: [sgUrn] },
        },
        https,
        fronted,
      ],
      ...failClosed,
      violations: 0,
    },
    {
      name: "fronted NLB whose group also admits 0.0.0.0/0 on 443 (around the WAF)",
      resources: [withGroup, group, ...backToOrigin, rule("open", { cidrIp: "0.0.0.0/0" }), https, fronted],
      violations: 1,
      mentions: "edge is the origin of WAF domain shop.example.com but its listener 443 accepts any address",
      urn: nlbUrn,
    },
    {
      name: "fronted NLB whose group admits IPv6 ::/0 on a port range holding 443",
      resources: [withGroup, group, ...backToOrigin, rule("v6", { ipv6CidrIp: "::/0" }, "1/1024"), https, fronted],
      violations: 1,
      mentions:
        "let the NLB's security groups admit the listener's port only from WAF 3.0's back-to-origin CIDR blocks",
      urn: nlbUrn,
    },
    {
      name: "fronted NLB whose group admits all protocols (-1/-1) from anywhere",
      resources: [withGroup, group, rule("all", { cidrIp: "0.0.0.0/0" }, "-1/-1", "all"), https, fronted],
      violations: 1,
      urn: nlbUrn,
    },
    {
      name: "fronted NLB without a security group admits anyone",
      resources: [nlb(), https, fronted],
      violations: 1,
      mentions: "no security group",
    },
    {
      name: "back-to-origin accepts beside a lower-priority drop of everyone",
      resources: [
        withGroup,
        group,
        ...backToOrigin,
        {
          ...rule("deny", { cidrIp: "0.0.0.0/0" }),
          props: { ...rule("deny", { cidrIp: "0.0.0.0/0" }).props, policy: "drop", priority: 100 },
        },
        https,
        fronted,
      ],
      ...failClosed,
      violations: 0,
    },
    {
      name: "anyone admitted only on a port no listener serves",
      resources: [withGroup, group, ...backToOrigin, rule("ssh", { cidrIp: "0.0.0.0/0" }, "22/22"), https, fronted],
      violations: 0,
    },
    {
      name: "a rule's source unknown at preview (a note)",
      resources: [withGroup, group, rule("later", { cidrIp: UNKNOWN }), https, fronted],
      violations: 0,
      notes: 1,
    },
    {
      name: "security groups unknown at preview (a note)",
      resources: [nlb({ securityGroupIds: UNKNOWN }), https, fronted],
      violations: 0,
      notes: 1,
    },
    {
      name: "unfronted NLB with the same back-to-origin group keeps the layer-4 note",
      resources: [withGroup, group, ...backToOrigin, https],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);
});
