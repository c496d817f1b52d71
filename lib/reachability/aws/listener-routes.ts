// An AWS listener's forwarding paths: its default action and each rule that forwards. A path anyone may take joins
// the listener itself; a path narrowed to some sources (a rule's source-ip condition, or access the plan does not
// show) becomes a piece of the listener carrying that path's targets only, behind those sources. The listener's own
// port answers everyone (a fixed response, a redirect), so pieces add no row for it; the sources reaching a target
// group are then the union of the paths leading to it.
import { ListedSource, Listener, OutsideBackend, Target } from "../model";
import { appendAll } from "../../arrays";

export interface ListenerRoute {
  /** Who may take the path; undefined: anyone. */
  sources?: ListedSource[];
  /** How the path names the rule, put before each target's hops. */
  hop?: string;
  targets: Target[];
  outside: OutsideBackend[];
}

/** The listener and one piece per narrowed path; pieces forwarding nowhere are left out. */
export function listenerWithRoutes(listener: Listener, routes: readonly ListenerRoute[]): Listener[] {
  const pieces: Listener[] = [];
  for (const route of routes) {
    const targets = route.targets.map((t) => (route.hop ? { ...t, via: [route.hop, ...t.via] } : t));
    if (!route.sources) {
      appendAll(listener.targets, targets);
      listener.outside = [...(listener.outside ?? []), ...route.outside];
    } else if (targets.length > 0 || route.outside.length > 0)
      pieces.push({ ...listener, targets, outside: route.outside, allowList: route.sources, targetsOnly: true });
  }
  return [listener, ...pieces];
}
