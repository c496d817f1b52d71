// What a traffic mirror session mirrors, and whether another session on the same sources makes up for a direction
// it leaves out. A packet is mirrored when any session on its interface accepts it (AWS evaluates the sessions of an
// interface by session number, Alibaba Cloud by priority; either way a packet one session drops another may take),
// so an interface with an ingress-only session and an egress-only one records both ways.
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { Direction } from "./mirror-filter-rules";
import { StackFinding } from "./stack-rule";

export interface SessionVerdict {
  session: GenericResource;
  /** Findings about the session itself (disabled, no filter in the stack). */
  own: StackFinding[];
  /** Its filter's findings per direction; none in either when it mirrors nothing or names no filter here. */
  directions: Record<Direction, StackFinding[]>;
  /** Whether its filter in the stack was judged (an enabled session naming a filter of the stack). */
  mirrors: boolean;
  /** Its sources as comparable keys; undefined when one of them cannot be told apart from others at preview. */
  sources: string[] | undefined;
}

/**
 * Keys naming the session's sources: a known id, or (at preview, when the id is a new resource's output) the one
 * resource its property dependency names. A list with an unknown entry cannot say which dependency is which.
 */
export function sourceKeys(session: GenericResource, field: string, list: boolean): string[] | undefined {
  const value = session.inputs[field];
  const deps = session.propertyDependencies[field] ?? [];
  const entries = list ? (Array.isArray(value) ? value : undefined) : [value];
  if (entries === undefined || entries.length === 0) return undefined;
  const keys: string[] = [];
  for (const entry of entries) {
    if (typeof entry === "string" && entry !== "" && !isUnknown(entry)) keys.push(`id:${entry}`);
    else if (isUnknown(entry) && entries.length === 1 && deps.length === 1) keys.push(`from:${deps[0]}`);
    else return undefined;
  }
  return keys;
}

/** Whether every source of `v` has another session that mirrors direction `d` with no finding at all. */
export function coveredElsewhere(v: SessionVerdict, d: Direction, all: readonly SessionVerdict[]): boolean {
  if (v.directions[d].length === 0 || v.sources === undefined) return false;
  const complete = all.filter((o) => o !== v && o.mirrors && o.own.length === 0 && o.directions[d].length === 0);
  return v.sources.every((key) => complete.some((o) => o.sources?.includes(key)));
}
