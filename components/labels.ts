// Labels name the resources a component method makes for one target (an origin's rules, a listener's attachment),
// so each call of that method on one component needs its own.
import { checkPlain, Problems } from "./validation";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** A label in the form every label takes: 1 to 40 lower-case letters, digits or '-', no '-' at either end. */
export const isLabel = (value: unknown): value is string => typeof value === "string" && LABEL.test(value);

export interface LabelRule {
  /** The method, as its errors name it. */
  method: string;
  /** The component whose method it is. Default "WebFirewall". */
  component?: string;
  /** What the label names, e.g. "the rules". */
  names: string;
  /** What each call is for, e.g. "origin". */
  target: string;
  /** A label to suggest, e.g. "web-alb". */
  example: string;
}

/** Checks `label`'s form and that no earlier call of the method used it (`used`); true when its form is right. */
export function checkLabel(problems: Problems, label: unknown, used: ReadonlySet<string>, rule: LabelRule): boolean {
  if (!checkPlain(problems, "label", label)) return false;
  const written = problems.check(
    isLabel(label),
    "label",
    label,
    `1 to 40 lower-case letters, digits or '-', not starting or ending with '-' (it names ${rule.names})`,
    `pass a short name for the ${rule.target}, e.g. "${rule.example}"`,
  );
  if (!written) return false;
  problems.check(
    !used.has(label as string),
    "label",
    label,
    `a label not used by an earlier ${rule.method} call of this ${rule.component ?? "WebFirewall"}`,
    `give each ${rule.target} its own label`,
  );
  return true;
}
