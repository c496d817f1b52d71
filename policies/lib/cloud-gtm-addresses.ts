// Alibaba Cloud GTM 3.0 (@pulumi/alicloud 3.x alidnscloudgtmaddress / alidnscloudgtm): each address carries its own
// health tasks, each probing with a monitor template, and healthJudgement says how many tasks must be OK for the
// address to be available. An address whose tasks cannot all report it down is never failed over from. An address
// GTM never answers (disabled, or set unavailable by hand) cannot mask an outage, whatever its tasks.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, list, num, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { resourcesNamed } from "./id-list-links";
import { is, shown } from "./text-values";

export const CLOUD_GTM_ADDRESS = "alicloud:alidnscloudgtmaddress/alidnsCloudGtmAddress:AlidnsCloudGtmAddress";
export const CLOUD_GTM_MONITOR_TEMPLATE = "alicloud:alidnscloudgtm/monitorTemplate:MonitorTemplate";

/** The share of an address's health tasks that must be OK for it to be available ("any_ok": at least one). */
const OK_SHARE = new Map([
  ["any_ok", 0],
  ["p30_ok", 0.3],
  ["p50_ok", 0.5],
  ["p70_ok", 0.7],
  ["all_ok", 1],
]);

/** With `stuck` of `total` tasks never failing, the address stays available when every other task fails. */
function staysAvailable(judgement: string, stuck: number, total: number): boolean {
  return judgement === "any_ok" ? stuck >= 1 : stuck / total >= (OK_SHARE.get(judgement) ?? 0);
}

/**
 * A template marks an address abnormal when more than failureRate % of its probe nodes fail: at 100 that never
 * happens. Templates outside the stack (GTM's preset ones included) are taken to be able to fail.
 */
function templateStuck(template: GenericResource): string | "unknown" | undefined {
  const rate = template.inputs.failureRate;
  if (isUnknown(rate)) return "unknown";
  const n = num(rate);
  return n !== undefined && n >= 100
    ? `monitor template ${template.name} has failureRate ${shown(rate)}: more than that share of probe nodes can never fail`
    : undefined;
}

/**
 * Whether GTM answers the address at all: not when disabled (enableStatus "disable") nor when set unavailable by
 * hand (availableMode "manual", manualAvailableStatus "unavailable"). "unknown" names the field left unknown at
 * preview that may take it out of answers.
 */
function answered(address: GenericResource): "yes" | "no" | { unknown: string } {
  const { enableStatus, availableMode, manualAvailableStatus } = address.inputs;
  const mayBe = (v: unknown, want: string) => isUnknown(v) || is(v, want);
  if (is(enableStatus, "disable")) return "no";
  if (is(availableMode, "manual") && is(manualAvailableStatus, "unavailable")) return "no";
  if (isUnknown(enableStatus)) return { unknown: "enableStatus" };
  if (mayBe(availableMode, "manual") && mayBe(manualAvailableStatus, "unavailable"))
    return { unknown: isUnknown(availableMode) ? "availableMode" : "manualAvailableStatus" };
  return "yes";
}

/**
 * Whether the address's health tasks can report it down, judged with the stack's monitor templates; nothing when GTM
 * never answers it, a note when that is unknown at preview.
 */
export function healthTaskFindings(address: GenericResource, templates: GenericResource[]): Finding[] {
  const found = taskFindings(address, templates);
  const answer = found.length === 0 ? "yes" : answered(address);
  if (answer === "no") return [];
  if (answer === "yes") return found;
  const field = `${address.name}.${answer.unknown}`;
  return found.map((f) =>
    f.unverifiable ? f : unverifiable(field, `GTM may not answer the address; if it does: ${f.message}`),
  );
}

function taskFindings(address: GenericResource, templates: GenericResource[]): Finding[] {
  const { healthTasks, healthJudgement } = address.inputs;
  if (isUnknown(healthTasks)) return [unverifiable(`${address.name}.healthTasks`)];
  const tasks = list(healthTasks);
  if (tasks.length === 0)
    return [
      violation(
        `GTM 3.0 address ${address.name} has no health tasks: GTM never probes it and keeps answering it when its endpoint is down`,
      ),
    ];
  const reasons: string[] = [];
  let undecided = tasks.filter(isUnknown).length;
  const templateIds = tasks.filter((t) => !isUnknown(t)).map((t) => obj(t)?.templateId);
  const named = templateIds.filter((id) => isUnknown(id) || (typeof id === "string" && id !== ""));
  const bare = templateIds.length - named.length;
  if (bare > 0) reasons.push(`${bare} health task${bare > 1 ? "s name" : " names"} no monitor template`);
  let stuck = bare;
  const flowing = address.propertyDependencies.healthTasks ?? [];
  for (const template of resourcesNamed(named, templates, flowing).named) {
    const why = templateStuck(template);
    if (why === "unknown") undecided += 1;
    else if (why !== undefined) {
      stuck += 1;
      reasons.push(why);
    }
  }
  return judged(address, healthJudgement, { stuck, undecided, total: tasks.length, reasons });
}

interface TaskCounts {
  stuck: number;
  undecided: number;
  total: number;
  reasons: string[];
}

/** The verdict for the address's healthJudgement; unknown or unset, the most lenient (any_ok) is assumed. */
function judged(address: GenericResource, judgement: unknown, c: TaskCounts): Finding[] {
  const written = typeof judgement === "string" ? judgement.toLowerCase() : "";
  const rule = OK_SHARE.has(written) ? written : "any_ok";
  if (staysAvailable(rule, c.stuck, c.total) && (!isUnknown(judgement) || staysAvailable("all_ok", c.stuck, c.total)))
    return [
      violation(
        `GTM 3.0 address ${address.name} stays available when its endpoint is down: ${c.reasons.join("; ")}, and healthJudgement ${shown(judgement ?? "unset")} needs no more tasks OK than those; use templates with failureRate below 100 on every task`,
      ),
    ];
  if (isUnknown(judgement) && staysAvailable(rule, c.stuck + c.undecided, c.total))
    return [unverifiable(`${address.name}.healthJudgement`)];
  if (staysAvailable(rule, c.stuck + c.undecided, c.total)) return [unverifiable(`${address.name}.healthTasks`)];
  return [];
}
