// How require-waf-on-internet-endpoints words a balancer whose listeners no WAF is known to front, on either cloud:
// HTTP(S) listeners the internet reaches are a violation; a layer-4 listener on a web port (or one whose protocol is
// unknown at preview) may carry HTTP(S) or anything else, which only the application can tell: one note per balancer
// naming the listeners and the fix (a violation when failing closed).
import { GenericResource } from "../../lib/reachability/internals";
import { unverifiable } from "../lib/findings";
import { allOf, Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { ListenerReach } from "./waf-endpoints-listener-reach";

/** One listener the rule judges: how findings name it, and what the model calls it. */
export interface Layer4Listener {
  urn: string;
  /** Undefined when the model cannot place it (a listener list unknown at preview): taken as reached. */
  modelName?: string;
  protocol: string | "unknown";
  label: string;
  web: Proof;
  /** HTTP or HTTPS itself, not a stream that may carry it. */
  http: boolean;
}

/** Findings for one balancer: a violation for HTTP(S) listeners, one note for listeners that may serve the web. */
export function layer4BalancerFindings(
  lb: GenericResource,
  what: string,
  exposed: Proof,
  listeners: readonly Layer4Listener[],
  reach: ListenerReach,
  fix: string,
): StackFinding[] {
  if (exposed === "no") return [];
  const reached = listeners
    .filter((l) => l.web !== "no")
    .map((l) => ({ ...l, reached: allOf([exposed, l.modelName ? reach(lb.urn, l.urn, l.modelName) : "yes"]) }))
    .filter((l) => l.reached !== "no");
  const named = (ls: readonly Layer4Listener[]) => ls.map((l) => l.label).join(", ");
  const http = reached.filter((l) => l.http && l.reached === "yes");
  if (http.length > 0)
    return [
      {
        urn: lb.urn,
        message: `${lb.name}: ${what} serves HTTP(S) (listener ${named(http)}) with no WAF in front of it: ${fix}`,
      },
    ];
  if (reached.length === 0) return [];
  const maybeHttp = reached.filter((l) => l.http);
  if (maybeHttp.length > 0) {
    const field = `whether the internet reaches listener ${named(maybeHttp)} of ${lb.name}`;
    return [{ urn: lb.urn, ...unverifiable(field, `${what} serving HTTP(S) with no WAF in front of it: ${fix}`) }];
  }
  const why = reached.some((l) => l.reached === "unknown")
    ? ", if the internet reaches it (that depends on values unknown at preview)"
    : "";
  const question =
    `a listener on a web port may serve HTTP(S), which only the application behind it can tell, and the ${what} ` +
    `has no WAF in front of it${why}: ${fix}; if it serves no HTTP, exempt the balancer (exemptions: resource, ` +
    "reason, owner, expires)";
  return [{ urn: lb.urn, ...unverifiable(`the protocol listener ${named(reached)} of ${lb.name} carries`, question) }];
}
