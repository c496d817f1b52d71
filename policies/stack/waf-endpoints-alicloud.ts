// Alibaba Cloud web entry points and the WAF in front of them: for ALB, the WAF-enabled edition (StandardWithWaf),
// which runs WAF 3.0 inside the load balancer itself (cloud-native access: no path around it); otherwise a WAF 3.0
// domain whose backend is the load balancer, whose web listeners then admit only WAF's back-to-origin blocks (CNAME
// access leaves the balancer's own address on the internet: waf-endpoints-alicloud-origin.ts). Every access type a
// wafv3 Domain takes is such a proxy by address; the provider has no resource for cloud-native access of an SLB. A
// wafv3 DefenseResourceGroup only groups objects already protected: it fronts nothing. WAF 3.0 also protects the
// HTTP(S) carried by an internet CLB's TCP listeners, and an NLB's (cloud native mode, set in the WAF console): a TCP
// listener on a web port the internet reaches may serve the web, a note (waf-endpoints-alicloud-nlb.ts for NLBs,
// where a domain in front makes the NLB's security groups the judge of its origin).
import { NetworkModel } from "../../lib/reachability";
import { GenericResource, isUnknown, Resolver, str } from "../../lib/reachability/internals";
import { allOf, anyOf, Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { OpenQuestion, unprotected } from "./waf-endpoint-findings";
import { mayBeFronted } from "./waf-endpoints-associations";
import {
  Admission,
  albListenerAdmission,
  LISTENER_ACL_TYPES,
  slbListenerAdmission,
} from "./waf-endpoints-alicloud-listener-acls";
import { listenerPort, originFindings, OriginListener } from "./waf-endpoints-alicloud-origin";
import { deployedByContainersAmong, sourcesOf } from "./waf-endpoints-template-outputs";
import { appendAll } from "../../lib/arrays";
import { ALICLOUD_NLB_TYPES, alicloudNlbFindings } from "./waf-endpoints-alicloud-nlb";
import { onWebPort, portOf } from "./waf-endpoints-web-ports";
import { ListenerReach } from "./waf-endpoints-listener-reach";
import { domainsFronting, WAF_DOMAIN } from "./waf-endpoints-alicloud-domains";

export const ALICLOUD_WAF_TYPES = {
  slb: ["alicloud:slb/loadBalancer:LoadBalancer", "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer"],
  slbListener: "alicloud:slb/listener:Listener",
  alb: "alicloud:alb/loadBalancer:LoadBalancer",
  albListener: "alicloud:alb/listener:Listener",
  wafDomain: WAF_DOMAIN,
};
const T = ALICLOUD_WAF_TYPES;

export const ALICLOUD_WAF_READ_TYPES = [
  ...T.slb,
  T.alb,
  T.wafDomain,
  ...Object.values(LISTENER_ACL_TYPES),
  ...ALICLOUD_NLB_TYPES,
];

const WAF_ENABLED_EDITION = "standardwithwaf";

/** Internet (the default) or intranet; unknown at preview, whether the balancer faces the internet is open. */
const intranet = (lb: GenericResource) => (str(lb.inputs.addressType) ?? "").toLowerCase() === "intranet";
const onInternet = (lb: GenericResource): Proof => (isUnknown(lb.inputs.addressType) ? "unknown" : "yes");
const ADDRESS_TYPE = { field: "addressType", question: "whether the load balancer faces the internet" };
const EDITION: OpenQuestion = {
  field: "loadBalancerEdition",
  question: "whether the ALB is of the WAF-enabled edition (StandardWithWaf)",
};

/**
 * A WAF 3.0 domain whose backends are an output of the template container that deploys the balancer (its address,
 * which no program resource carries): it may front the balancer, and whether it does cannot be read at preview.
 */
function templateDomainQuestion(
  res: Resolver,
  lb: GenericResource,
  domains: readonly GenericResource[],
): OpenQuestion | undefined {
  const domain = domains.find((d) =>
    deployedByContainersAmong(res, sourcesOf(d, "redirect"), [lb.type]).some((r) => r.urn === lb.urn),
  );
  if (!domain) return undefined;
  return {
    field: `whether ${str(domain.inputs.domain) ?? domain.name} names it`,
    question: "the WAF 3.0 domain's backend is an output of the template that deploys the load balancer",
  };
}

/** An entry point no domain is known to front: unprotected, or an open question when a template domain may. */
function withoutKnownDomain(
  res: Resolver,
  lb: GenericResource,
  domains: readonly GenericResource[],
  what: string,
  exposed: Proof,
  open: OpenQuestion,
): StackFinding[] {
  const viaTemplate = templateDomainQuestion(res, lb, domains);
  if (viaTemplate && exposed !== "no") return [mayBeFronted(lb, what, viaTemplate)];
  return unprotected(lb, what, exposed, open);
}

/** Whether the ALB still needs a WAF in front: not when its own edition carries one. */
function albWithoutBuiltInWaf(alb: GenericResource): Proof {
  const edition = alb.inputs.loadBalancerEdition;
  if (isUnknown(edition)) return "unknown";
  return (str(edition) ?? "").toLowerCase() === WAF_ENABLED_EDITION ? "no" : "yes";
}

const slbProtocol = (l: GenericResource) => (str(l.inputs.protocol) ?? "").toLowerCase();

/**
 * HTTP and HTTPS listeners serve the web; a protocol unknown at preview may, and so may a TCP listener on a web port
 * (or a port unknown at preview) that the network model shows the internet reaching.
 */
function slbWeb(lb: GenericResource, reach: ListenerReach): (listener: GenericResource) => Proof {
  return (listener) => {
    if (isUnknown(listener.inputs.protocol)) return "unknown";
    const protocol = slbProtocol(listener);
    if (protocol === "http" || protocol === "https") return "yes";
    if (protocol !== "tcp") return "no";
    const port = onWebPort(portOf(listener.inputs.frontendPort));
    return allOf([port, reach(lb.urn, listener.urn, listener.name)]) === "no" ? "no" : "unknown";
  };
}

/** The question a TCP listener on a web port leaves: WAF 3.0 could attach to it, the stack attaches none. */
const tcpQuestion = (port: string): OpenQuestion => ({
  field: `the protocol TCP listener ${port} carries`,
  question:
    "a TCP listener on a web port may serve HTTP(S), which only the application behind it can tell; add the port " +
    "to WAF 3.0 in cloud native mode (Cloud Product Access, Classic Load Balancer: it protects the HTTP(S) on TCP " +
    "listeners) and exempt the balancer, or serve the site through an HTTP(S) listener behind a WAF 3.0 domain, " +
    "or declare the wafv3.Domain whose backend it is; if it serves no HTTP, exempt the balancer (exemptions: " +
    "resource, reason, owner, expires)",
});

/** The balancer's listeners of `type`, each with what it admits and whether it serves the web. */
function listenersOf(
  res: Resolver,
  lb: GenericResource,
  type: string,
  admission: (res: Resolver, l: GenericResource) => Admission,
  web: (l: GenericResource) => Proof,
): OriginListener[] {
  return res
    .ofType(type)
    .filter((l) => res.one(l, "loadBalancerId", l.inputs.loadBalancerId, [lb.type]) === lb.urn)
    .map((listener) => ({ listener, admission: admission(res, listener), web: web(listener) }));
}

/**
 * Whether the SLB serves the web on the internet, and the question left open when that is unknown: its address type
 * first, else a listener whose protocol is unknown at preview (it may be HTTP or HTTPS).
 */
function slbExposure(lb: GenericResource, listeners: readonly OriginListener[]): [Proof, OpenQuestion] {
  const internet = onInternet(lb);
  const web = anyOf(listeners.map((l) => l.web));
  const unread = listeners.find((l) => l.web === "unknown");
  const port = unread ? listenerPort(unread.listener) : "";
  const protocol: OpenQuestion =
    unread && slbProtocol(unread.listener) === "tcp"
      ? tcpQuestion(port)
      : { field: `protocol of listener ${port}`, question: "whether the listener serves HTTP(S)" };
  return [allOf([internet, web]), internet === "unknown" ? ADDRESS_TYPE : protocol];
}

/** How findings name an SLB: by its HTTP(S) listeners, else by the TCP listener that may serve the web. */
const slbWhat = (listeners: readonly OriginListener[]) =>
  listeners.some((l) => l.web === "yes") || !listeners.some((l) => slbProtocol(l.listener) === "tcp")
    ? "internet SLB with HTTP(S) listeners"
    : "internet SLB with a TCP listener on a web port";

/**
 * `reach`: whether the internet reaches a listener, from the network model (waf-endpoints-listener-reach.ts); `model`:
 * the model itself, built only when a WAF 3.0 domain fronts an NLB (its security groups decide who comes around).
 */
export function alicloudEndpointFindings(
  res: Resolver,
  reach: ListenerReach,
  model: () => NetworkModel,
): StackFinding[] {
  const domains = res.ofType(T.wafDomain);
  const findings: StackFinding[] = [];
  for (const lb of res.ofType(...T.slb)) {
    if (intranet(lb)) continue;
    const listeners = listenersOf(res, lb, T.slbListener, slbListenerAdmission, slbWeb(lb, reach));
    // A listener whose protocol is unknown at preview may serve the web: it leaves the question open, never a pass.
    const [exposed, open] = slbExposure(lb, listeners);
    if (exposed === "no") continue;
    const fronting = domainsFronting(lb, domains);
    appendAll(
      findings,
      fronting.length > 0
        ? originFindings({ lb, domains: fronting, exposed: onInternet(lb), open: ADDRESS_TYPE }, listeners)
        : withoutKnownDomain(res, lb, domains, slbWhat(listeners), exposed, open),
    );
  }
  for (const alb of res.ofType(T.alb)) {
    if (intranet(alb)) continue;
    // The WAF-enabled edition is cloud-native access: WAF sits in the balancer's own path, with no way around it.
    const needsWaf = albWithoutBuiltInWaf(alb);
    if (needsWaf === "no") continue;
    // The edition settles it when it carries a WAF; otherwise an unknown address type leaves the question open.
    const open = needsWaf === "yes" && onInternet(alb) === "unknown";
    const [exposed, question]: [Proof, OpenQuestion] = open ? ["unknown", ADDRESS_TYPE] : [needsWaf, EDITION];
    const fronting = domainsFronting(alb, domains);
    if (fronting.length === 0) {
      appendAll(findings, withoutKnownDomain(res, alb, domains, "internet-facing ALB", exposed, question));
      continue;
    }
    // Every ALB listener is HTTP, HTTPS or QUIC: all of them web.
    const listeners = listenersOf(res, alb, T.albListener, albListenerAdmission, () => "yes");
    appendAll(findings, originFindings({ lb: alb, domains: fronting, exposed, open: question }, listeners));
  }
  appendAll(findings, alicloudNlbFindings(res, reach, model));
  return findings;
}
