// AWS balancers no web ACL attaches to (AWS WAF protects application load balancers, never network or classic ones).
// A classic ELB with an HTTP or HTTPS listener is a web entry point without a WAF: a violation. A network balancer's
// listener, or a classic ELB's TCP or SSL listener, on a web port (waf-endpoints-web-ports.ts) may carry HTTP(S) or
// anything else: a note naming the listener (a violation when failing closed). Either is judged only when it faces
// the internet as an ALB would (internet-facing, or an NLB behind a Global Accelerator) and the network model shows
// the internet reaching the listener (waf-endpoints-listener-reach.ts). An NLB listener forwarding only to ALBs is
// judged by their web ACLs instead (waf-endpoints-nlb-alb-targets.ts).
import { GenericResource, isUnknown, list, prop, Resolver, str } from "../../lib/reachability/internals";
import { AWS } from "../../lib/reachability/aws/tokens";
import { bool } from "../../lib/values";
import { allOf, Proof } from "../lib/proof";
import { unverifiable } from "../lib/findings";
import { StackFinding } from "../lib/stack-rule";
import { is } from "../lib/text-values";
import { onWebPort, portOf, portText } from "./waf-endpoints-web-ports";
import { ListenerReach } from "./waf-endpoints-listener-reach";
import { Layer4Listener, layer4BalancerFindings } from "./waf-endpoints-layer4-findings";
import { Fronting } from "./waf-endpoints-associations";
import { albTargetsOf } from "./waf-endpoints-nlb-alb-targets";

export const AWS_LAYER4_TYPES = [...AWS.listener, AWS.classicLb, ...AWS.targetGroup, ...AWS.targetGroupAttachment];

/** Protocols of NLB listeners that may carry HTTP(S): TCP and TLS streams, and QUIC (HTTP/3). UDP alone is not. */
const NLB_STREAMS = new Set(["TCP", "TLS", "TCP_UDP", "QUIC", "TCP_QUIC"]);
const ELB_WEB = new Set(["HTTP", "HTTPS"]);
const ELB_STREAMS = new Set(["TCP", "SSL"]);

export const LAYER4_FIX =
  "AWS WAF cannot attach to a network or classic load balancer; serve the site through an application load " +
  "balancer with a web ACL (wafv2.WebAclAssociation), or a CloudFront distribution with one (webAclId) in front";

const protocolOf = (v: unknown): string | "unknown" => (isUnknown(v) ? "unknown" : (str(v) ?? "").toUpperCase());

/** Internet-facing as an ALB is judged: the scheme, or a Global Accelerator in front of an internal one. */
function internetFacing(lb: GenericResource, accelerated: ReadonlySet<string>): Proof {
  if (accelerated.has(lb.urn)) return "yes";
  if (isUnknown(lb.inputs.internal)) return "unknown";
  return bool(lb.inputs.internal) === true ? "no" : "yes";
}

function nlbListeners(res: Resolver, lb: GenericResource): [GenericResource, Layer4Listener][] {
  return res
    .ofType(...AWS.listener)
    .filter((l) => res.one(l, "loadBalancerArn", l.inputs.loadBalancerArn, AWS.lb) === lb.urn)
    .map((l) => {
      const protocol = protocolOf(l.inputs.protocol);
      const ports = portOf(l.inputs.port);
      const stream: Proof = protocol === "unknown" ? "unknown" : NLB_STREAMS.has(protocol) ? "yes" : "no";
      const label = `${protocol === "unknown" ? "protocol unknown at preview" : protocol}:${portText(ports)}`;
      const web = allOf([stream, onWebPort(ports)]);
      return [l, { urn: l.urn, modelName: l.name, protocol, label, web, http: false }];
    });
}

/**
 * An NLB's findings: listeners forwarding only to ALBs are judged by the ALBs' web ACLs (a violation naming each ALB
 * without one, a note when a link is unknown), the rest as layer-4 listeners.
 */
function nlbFindings(
  res: Resolver,
  lb: GenericResource,
  what: string,
  exposed: Proof,
  reach: ListenerReach,
  webAcl: ReadonlyMap<string, Fronting>,
): StackFinding[] {
  const layer4: Layer4Listener[] = [];
  const viaAlbs: StackFinding[] = [];
  for (const [resource, l] of nlbListeners(res, lb)) {
    const targets = l.web === "no" ? { kind: "not-albs" as const } : albTargetsOf(res, resource, webAcl);
    if (targets.kind === "not-albs") layer4.push(l);
    const reached = exposed === "no" ? "no" : allOf([exposed, reach(lb.urn, l.urn, resource.name)]);
    if (reached === "no" || targets.kind === "not-albs" || targets.kind === "fronted") continue;
    if (targets.kind === "unknown") {
      const question = `whether listener ${l.label} of ${lb.name} (${what}) forwards only to ALBs with a web ACL`;
      viaAlbs.push({ urn: lb.urn, ...unverifiable(targets.why, question) });
      continue;
    }
    for (const alb of targets.albs) {
      const message =
        `${alb.name}: application load balancer with no web ACL that the internet reaches through listener ` +
        `${l.label} of ${lb.name} (${what}, target group of targetType "alb"): add a wafv2.WebAclAssociation ` +
        "whose resourceArn is the ALB's ARN";
      viaAlbs.push(
        reached === "yes"
          ? { urn: alb.urn, message }
          : { urn: alb.urn, ...unverifiable("whether the internet reaches it", message) },
      );
    }
  }
  return [...viaAlbs, ...layer4BalancerFindings(lb, what, exposed, layer4, reach, LAYER4_FIX)];
}

function classicListeners(lb: GenericResource): Layer4Listener[] {
  // A list unknown at preview may hold an HTTP listener: one listener of unknown protocol and port stands for it.
  if (isUnknown(lb.inputs.listeners))
    return [{ urn: lb.urn, protocol: "unknown", label: "listeners unknown at preview", web: "unknown", http: false }];
  return list(lb.inputs.listeners).map((l, i) => {
    const protocol = protocolOf(isUnknown(l) ? l : prop(l, "lbProtocol"));
    const ports = isUnknown(l) ? "unknown" : portOf(prop(l, "lbPort"));
    const http = ELB_WEB.has(protocol);
    const stream: Proof = protocol === "unknown" ? "unknown" : ELB_STREAMS.has(protocol) ? "yes" : "no";
    const web = http ? "yes" : allOf([stream, onWebPort(ports)]);
    const label = `${protocol === "unknown" ? "protocol unknown at preview" : protocol}:${portText(ports)}`;
    return { urn: lb.urn, modelName: `${lb.name} listener[${i}]`, protocol, label, web, http };
  });
}

/**
 * Network load balancers' listeners and classic load balancers. `accelerated`: balancers a Global Accelerator
 * forwards to; `webAcl`: which ALBs have a web ACL association (waf-endpoints-associations.ts). Balancers whose
 * type is unknown at preview are the ALB check's open question, not judged here.
 */
export function layer4Findings(
  res: Resolver,
  accelerated: ReadonlySet<string>,
  reach: ListenerReach,
  webAcl: ReadonlyMap<string, Fronting>,
): StackFinding[] {
  const nlbs = res.ofType(...AWS.lb).filter((lb) => is(lb.inputs.loadBalancerType, "network"));
  return [
    ...nlbs.flatMap((lb) => {
      const what = accelerated.has(lb.urn)
        ? "network load balancer behind a Global Accelerator"
        : "internet-facing network load balancer";
      return nlbFindings(res, lb, what, internetFacing(lb, accelerated), reach, webAcl);
    }),
    ...res
      .ofType(AWS.classicLb)
      .flatMap((lb) =>
        layer4BalancerFindings(
          lb,
          "internet-facing classic load balancer",
          internetFacing(lb, new Set()),
          classicListeners(lb),
          reach,
          LAYER4_FIX,
        ),
      ),
  ];
}
