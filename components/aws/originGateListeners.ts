// The origin request gates a WebFirewall already put on each listener: the priorities they hold, and the labels of
// gates that share a listener.
import type { CheckedGate } from "./originRequestGateArgs";

/**
 * A component's gates on listeners given as plain ARNs: listener ARN, then priority, then the gate's label. A
 * listener's rule priorities are unique, so AWS refuses a second rule at a taken priority half-way through a deployment.
 */
export type GatesByListener = Map<string, Map<number, string>>;

/**
 * Remembers a gate that was made, when its listener ARN is a plain string; returns the labels of the gates already on
 * that listener (at other priorities, or the check would have refused it).
 */
export function rememberGate(gates: GatesByListener, label: string, gate: CheckedGate): string[] {
  if (typeof gate.listenerArn !== "string") return [];
  const onListener = gates.get(gate.listenerArn) ?? new Map<number, string>();
  gates.set(gate.listenerArn, onListener);
  const earlier = [...onListener.values()];
  onListener.set(gate.priority, label);
  return earlier;
}

/** Each gate's rule forwards on its own header and secret, so a listener with two gates opens to either. */
export function sharedListenerWarning(label: string, listenerArn: string, earlier: readonly string[]): string {
  const labels = [...earlier, label].map((l) => `"${l}"`).join(", ");
  return (
    `originRequestGate("${label}"): listener ${listenerArn} now forwards requests that carry the secret header of ` +
    `any of the gates ${labels}; keep more than one gate on a listener only while rotating the secret, then remove ` +
    "the older gate"
  );
}
