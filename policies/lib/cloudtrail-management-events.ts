// Which management events (console sign-ins, IAM and API calls) a CloudTrail trail's event selectors record, read
// and write, basic or advanced; the trail records every management event when it sets no selectors.
import { containsUnknown, isUnknown, list, obj, strings } from "../../lib/values";
import { notFalse, show } from "./expect";
import { Finding, unverifiable, violation } from "./findings";
import { Proof } from "./proof";
import { is } from "./text-values";

/** Which management events one selector records; `narrowedBy` names what drops some event sources. */
interface Coverage {
  reads: boolean;
  writes: boolean;
  narrowedBy?: string;
  /** How the selector restricts reads or writes, for messages. */
  restriction: string;
}

/** A basic event selector: management events are on by default, read and write ("All") by default. */
function basicCoverage(s: Record<string, unknown>): Coverage {
  const included = notFalse(s.includeManagementEvents);
  const rw = s.readWriteType ?? "All";
  const reads = is(rw, "All") || is(rw, "ReadOnly");
  const writes = is(rw, "All") || is(rw, "WriteOnly");
  const excluded = strings(s.excludeManagementEventSources);
  return {
    reads: included && reads,
    writes: included && writes,
    narrowedBy: excluded.length > 0 ? `excludeManagementEventSources is ${show(excluded)}` : undefined,
    restriction: `readWriteType is ${show(rw)}`,
  };
}

/** The operators of a field selector (as @pulumi/aws names them), each testing one value against its list; all must hold. */
const OPERATORS: Record<string, (value: string, xs: string[]) => boolean> = {
  equals: (v, xs) => xs.includes(v),
  notEquals: (v, xs) => !xs.includes(v),
  startsWiths: (v, xs) => xs.some((x) => v.startsWith(x)),
  notStartsWiths: (v, xs) => !xs.some((x) => v.startsWith(x)),
  endsWiths: (v, xs) => xs.some((x) => v.endsWith(x)),
  notEndsWiths: (v, xs) => !xs.some((x) => v.endsWith(x)),
};

/** Whether a field selector lets events whose field holds `value` through. */
function admits(selector: Record<string, unknown>, value: string): boolean {
  return Object.entries(OPERATORS).every(
    ([op, test]) => selector[op] === undefined || test(value, strings(selector[op])),
  );
}

/** An advanced selector records management events only with eventCategory Equals ["Management"]. */
function advancedCoverage(s: Record<string, unknown>): Coverage {
  const fields = list(s.fieldSelectors).map((f) => obj(f) ?? {});
  const management = fields.some(
    (f) => f.field === "eventCategory" && strings(f.equals).some((c) => is(c, "Management")),
  );
  const readOnly = fields.find((f) => f.field === "readOnly");
  const others = fields.filter((f) => f.field !== "eventCategory" && f.field !== "readOnly").map((f) => f.field);
  const { field: _field, ...filter } = readOnly ?? {};
  return {
    reads: management && (!readOnly || admits(readOnly, "true")),
    writes: management && (!readOnly || admits(readOnly, "false")),
    narrowedBy: others.length > 0 ? `management fieldSelectors on ${others.join(", ")}` : undefined,
    restriction: `readOnly field selector ${show(filter)}`,
  };
}

/** The selectors as read: those known, and the first whose management fields are unknown at preview. */
interface Selection {
  path: string;
  cover: Coverage[];
  /** Where the first selector unknown at preview is, e.g. "eventSelectors[1].readWriteType". */
  unknownAt?: string;
}

/** The trail's selectors, basic or advanced; a field unknown at preview before any selector can be read. */
function selection(p: Record<string, unknown>): Selection | { unknown: string } {
  if (isUnknown(p.advancedEventSelectors)) return { unknown: "advancedEventSelectors" };
  const advanced = list(p.advancedEventSelectors).length > 0;
  const path = advanced ? "advancedEventSelectors" : "eventSelectors";
  const raw = p[path];
  if (isUnknown(raw)) return { unknown: path };
  const selectors = list(raw);
  const coverageOf = advanced ? advancedCoverage : basicCoverage;
  // Only these fields decide management events; data resources are often unknown at preview and are ignored.
  const fields = advanced
    ? ["fieldSelectors"]
    : ["includeManagementEvents", "readWriteType", "excludeManagementEventSources"];
  const unknownField = (s: unknown) => (isUnknown(s) ? "" : fields.find((f) => containsUnknown(obj(s)?.[f])));
  const at = selectors.findIndex((s) => unknownField(s) !== undefined);
  const field = at >= 0 ? unknownField(selectors[at]) : undefined;
  return {
    path,
    cover: selectors.filter((s) => unknownField(s) === undefined).map((s) => coverageOf(obj(s) ?? {})),
    unknownAt: at >= 0 ? `${path}[${at}]${field ? `.${field}` : ""}` : undefined,
  };
}

/**
 * Whether the selectors record any management events at all (the account's audit log of who did what): "no" for
 * a trail or store of data events only, "unknown" when a selector that may record them is unknown at preview.
 */
export function recordsManagementEvents(p: Record<string, unknown>): Proof {
  const read = selection(p);
  if ("unknown" in read) return "unknown";
  // No selectors at all is CloudTrail's default: every management event.
  if (read.cover.length === 0 && read.unknownAt === undefined) return "yes";
  if (read.cover.some((c) => c.reads || c.writes)) return "yes";
  return read.unknownAt === undefined ? "no" : "unknown";
}

/**
 * Management events (console sign-ins, IAM and API calls) recorded by the selectors together: an event is logged
 * when any selector matches it. No selectors at all is CloudTrail's default: every management event.
 */
export function managementEventFindings(p: Record<string, unknown>): Finding[] {
  const read = selection(p);
  if ("unknown" in read) return [unverifiable(read.unknown)];
  const { path, cover, unknownAt } = read;
  if (cover.length === 0 && unknownAt === undefined) return [];
  const advanced = path === "advancedEventSelectors";
  const full = (k: "reads" | "writes") => cover.some((c) => c[k] && !c.narrowedBy);
  if (full("reads") && full("writes")) return [];
  if (unknownAt !== undefined) return [unverifiable(unknownAt)];

  if (!cover.some((c) => c.reads || c.writes))
    return [
      violation(
        advanced
          ? 'advancedEventSelectors select no management events (no selector with eventCategory Equals ["Management"]): console, IAM and API activity is not recorded'
          : "eventSelectors set includeManagementEvents to false: console, IAM and API activity is not recorded",
      ),
    ];
  const findings: Finding[] = [];
  const restrictions = [...new Set(cover.filter((c) => c.reads || c.writes).map((c) => c.restriction))].join(", ");
  const fix = advanced ? "remove the readOnly field selector" : 'use "All"';
  if (!cover.some((c) => c.reads)) findings.push(violation(`${path} ${restrictions}: read events are dropped; ${fix}`));
  if (!cover.some((c) => c.writes))
    findings.push(violation(`${path} ${restrictions}: write events are dropped; ${fix}`));
  // Some selector records the direction, but every one that does drops some sources.
  const narrowed = cover.find((c) => c.narrowedBy)?.narrowedBy;
  const partly = (k: "reads" | "writes") => cover.some((c) => c[k]) && !full(k);
  if (narrowed && (partly("reads") || partly("writes")))
    findings.push(violation(`${path} ${narrowed}: management events from those sources are dropped; remove it`));
  return findings;
}
