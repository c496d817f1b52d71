// Alibaba Cloud Network Load Balancers: layer 4 only. WAF 3.0 protects the HTTP(S) traffic on an internet NLB's TCP
// listeners in cloud native mode (traffic redirection ports added in the WAF console, which the provider has no
// resource for); a TCPSSL or UDP listener it cannot protect. A TCP or TCPSSL listener on a web port
// (waf-endpoints-web-ports.ts), or one whose protocol or port is unknown at preview, may serve the web: one note per
// balancer naming them (a violation when failing closed), when the balancer faces the internet and the network model
// shows the internet reaching the listener. An NLB that is the backend of a WAF 3.0 domain is judged as any WAF
// origin instead (waf-endpoints-alicloud-origin.ts): its security groups, its only filter of client addresses
// (waf-endpoints-alicloud-nlb-groups.ts), must admit nothing but WAF's back-to-origin blocks on its web listeners.
import { NetworkModel } from "../../lib/reachability";
import { GenericResource, isUnknown, num, Resolver, str } from "../../lib/reachability/internals";
import { ALI } from "../../lib/reachability/alicloud/tokens";
import type { PortRange } from "../../lib/ports";
import { allOf, Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { Layer4Listener, layer4BalancerFindings } from "./waf-endpoints-layer4-findings";
import { onWebPort, portText } from "./waf-endpoints-web-ports";
import { ListenerReach } from "./waf-endpoints-listener-reach";
import { domainsFronting, WAF_DOMAIN } from "./waf-endpoints-alicloud-domains";
import { originFindings } from "./waf-endpoints-alicloud-origin";
import { nlbListenerAdmission } from "./waf-endpoints-alicloud-nlb-groups";

export const ALICLOUD_NLB_TYPES = [ALI.nlb, ALI.nlbListener, ALI.nlbSecurityGroupAttachment];

const STREAMS = new Set(["TCP", "TCPSSL"]);

const FIX =
  "add the listener's port to WAF 3.0 in cloud native mode (Cloud Product Access, Network Load Balancer: TCP " +
  "listeners only, not TCPSSL) and exempt the balancer, or serve the site through an ALB of the WAF-enabled edition " +
  "(StandardWithWaf) or one behind a WAF 3.0 domain";

/** Listener port, or startPort-endPort when listenerPort is 0 (all-port listeners), as the network model reads it. */
function portsOf(l: GenericResource): PortRange | "unknown" {
  const { listenerPort, startPort, endPort } = l.inputs;
  if (isUnknown(listenerPort)) return "unknown";
  const port = num(listenerPort);
  if (port !== undefined && port !== 0) return { from: port, to: port };
  if (isUnknown(startPort) || isUnknown(endPort)) return "unknown";
  const from = num(startPort);
  const to = num(endPort);
  return port === 0 && from !== undefined && to !== undefined ? { from, to } : "unknown";
}

function listenersOf(res: Resolver, lb: GenericResource): [GenericResource, Layer4Listener][] {
  return (
    res
      .ofType(ALI.nlbListener)
      .filter((l) => res.one(l, "loadBalancerId", l.inputs.loadBalancerId, [ALI.nlb]) === lb.urn)
      // A stopped listener serves nothing (the model skips it too).
      .filter((l) => str(l.inputs.status) !== "Stopped")
      .map((l) => {
        const raw = l.inputs.listenerProtocol;
        const protocol = isUnknown(raw) ? "unknown" : (str(raw) ?? "").toUpperCase();
        const ports = portsOf(l);
        const stream: Proof = protocol === "unknown" ? "unknown" : STREAMS.has(protocol) ? "yes" : "no";
        const label = `${protocol === "unknown" ? "protocol unknown at preview" : protocol}:${portText(ports)}`;
        const web = allOf([stream, onWebPort(ports)]);
        return [l, { urn: l.urn, modelName: l.name, protocol, label, web, http: false }];
      })
  );
}

/** Internet unless created Intranet; an address type unknown at preview leaves it open. */
function onInternet(lb: GenericResource): Proof {
  const type = lb.inputs.addressType;
  if (isUnknown(type)) return "unknown";
  return (str(type) ?? "Internet").toLowerCase() === "intranet" ? "no" : "yes";
}

const ADDRESS_TYPE = { field: "addressType", question: "whether the NLB faces the internet" };

/**
 * A layer-4 note per internet NLB with listeners that may serve the web; an NLB behind a WAF 3.0 domain, a violation
 * per web listener its security groups open to anyone (around the WAF). `model`: built only for such an NLB.
 */
export function alicloudNlbFindings(res: Resolver, reach: ListenerReach, model: () => NetworkModel): StackFinding[] {
  const domains = res.ofType(WAF_DOMAIN);
  return res.ofType(ALI.nlb).flatMap((lb) => {
    const listeners = listenersOf(res, lb);
    const fronting = domainsFronting(lb, domains);
    if (fronting.length === 0)
      return layer4BalancerFindings(
        lb,
        "internet NLB",
        onInternet(lb),
        listeners.map(([, l]) => l),
        reach,
        FIX,
      );
    const restrict =
      "let the NLB's security groups admit the listener's port only from WAF 3.0's back-to-origin CIDR blocks";
    const origin = { lb, domains: fronting, exposed: onInternet(lb), open: ADDRESS_TYPE, restrict };
    const judged = listeners.map(([listener, l]) => ({
      listener,
      admission: nlbListenerAdmission(model(), lb, listener.urn),
      web: l.web,
    }));
    return originFindings(origin, judged);
  });
}
