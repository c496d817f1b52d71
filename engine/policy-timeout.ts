// How long the engine waits for a policy pack's answer to one call, and what `--policy-timeout` accepts.
import { STATUS } from "./grpc-wire";

/**
 * Real calls take milliseconds and a whole stack's AnalyzeStack seconds; a pack stuck on one resource would otherwise
 * hold the preview, and a pull request's gate, until the job's own limit.
 */
export const DEFAULT_POLICY_TIMEOUT_SECONDS = 300;

/** A day: longer than any preview, and well inside what a timer can wait (about 24.8 days). */
export const MAX_POLICY_TIMEOUT_SECONDS = 86_400;

/** Seconds from `--policy-timeout`'s text; undefined with the reason when they are not a usable timeout. */
export function policyTimeoutSeconds(text: string): { seconds: number } | { error: string } {
  const seconds = Number(text);
  if (text.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
    return { error: `"${text}" is not a number of seconds above 0 (e.g. 600)` };
  }
  if (seconds > MAX_POLICY_TIMEOUT_SECONDS) {
    return { error: `"${text}" seconds is more than a day: give at most ${MAX_POLICY_TIMEOUT_SECONDS}` };
  }
  return { seconds };
}

/** URNs named at most when a timed-out call lists the others the pack had not answered either. */
const MAX_NAMED = 5;

/**
 * For a call past its deadline, the other resources whose calls the pack had not answered either: a pack runs its
 * calls interleaved, so one stuck policy holds every call in flight, and the first to time out need not be the
 * resource it is stuck on. Empty for any other error, or when no other call was waiting.
 */
export function alsoUnanswered(error: unknown, unanswered: ReadonlySet<string>): string {
  if ((error as { code?: unknown })?.code !== STATUS.DEADLINE_EXCEEDED || unanswered.size === 0) return "";
  const urns = [...unanswered];
  const more = urns.length > MAX_NAMED ? ` and ${urns.length - MAX_NAMED} more` : "";
  const them = urns.length === 1 ? "1 other resource" : `${urns.length} other resources`;
  return ` (nor for ${them} in flight with it: ${urns.slice(0, MAX_NAMED).join(", ")}${more})`;
}
