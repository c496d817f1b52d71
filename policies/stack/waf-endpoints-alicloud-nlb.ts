// Alibaba Cloud Network Load Balancers: layer 4 only. WAF 3.0 protects the HTTP(S) traffic on an internet NLB's TCP
// listeners in cloud native mode (traffic redirection ports added in the WAF console, which the provider has no
// resource for); a TCPSSL or UDP listener it cannot protect. A TCP or TCPSSL listener on a web port
// (waf-endpoints-web-ports.ts), or one whose protocol or port is unknown at preview, may serve the web: one note per
// balancer naming them (a violation when failing closed), when the balancer faces the internet and the network model
// shows the internet reaching the listener.
import { GenericResource, isUnknown, num, Resolver, str } from "../../lib/reachability/internals";
import { ALI } from "../../lib/reachability/alicloud/tokens";
import type { PortRange } from "../../lib/ports";
import { allOf, Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { Layer4Listener, layer4BalancerFindings } from "./waf-endpoints-layer4-findings";
import { onWebPort, portText } from "./waf-endpoints-web-ports";
import { ListenerReach } from "./waf-endpoints-listener-reach";

export const ALICLOUD_NLB_TYPES = [ALI.nlb, ALI.nlbListener];

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

function listenersOf(res: Resolver, lb: GenericResource): Layer4Listener[] {
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
        return { urn: l.urn, modelName: l.name, protocol, label, web: allOf([stream, onWebPort(ports)]), http: false };
      })
  );
}

/** Internet unless created Intranet; an address type unknown at preview leaves it open. */
function onInternet(lb: GenericResource): Proof {
  const type = lb.inputs.addressType;
  if (isUnknown(type)) return "unknown";
  return (str(type) ?? "Internet").toLowerCase() === "intranet" ? "no" : "yes";
}

export function alicloudNlbFindings(res: Resolver, reach: ListenerReach): StackFinding[] {
  return res
    .ofType(ALI.nlb)
    .flatMap((lb) => layer4BalancerFindings(lb, "internet NLB", onInternet(lb), listenersOf(res, lb), reach, FIX));
}
