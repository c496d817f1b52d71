// The stack's outputs (the program's exports) as `pulumi preview` prints them under "Outputs:". In a preview most are
// unknown (they come from resources not yet created); secret exports print as "[secret]".
import { UNKNOWN } from "../lib/wire-values";
import type { Registration } from "./model";
import { SECRET_MARKER, type Redactor } from "./secrets";
import { ROOT_STACK_TYPE } from "./urn";

/** What the CLI prints for a value only known after the update. */
export const UNKNOWN_OUTPUT = "output<string>";

/** The root stack's registered outputs, redacted, keys sorted as the CLI lists them. */
export function stackOutputs(registrations: Registration[], redactor: Redactor): Record<string, unknown> {
  const root = registrations.find((r) => r.type === ROOT_STACK_TYPE && !r.parent);
  const outputs = redactor.value(root?.outputs ?? {});
  return Object.fromEntries(
    Object.keys(outputs)
      .sort()
      .map((k) => [k, outputs[k]]),
  );
}

/** One value in the CLI's notation: strings quoted, unknowns as output<string>, lists and maps over several lines. */
export function outputLines(value: unknown, indent: string): string[] {
  if (value === UNKNOWN) return [UNKNOWN_OUTPUT];
  if (value === SECRET_MARKER) return [SECRET_MARKER];
  if (typeof value === "string") return [JSON.stringify(value)];
  if (value === null || value === undefined) return ["null"];
  if (typeof value !== "object") return [String(value)];
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v])
    : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (!entries.length) return [`${open}${close}`];
  const inner = `${indent}    `;
  const width = Math.max(...entries.map(([k]) => k.length));
  const body = entries.flatMap(([k, v]) => {
    const [first, ...rest] = outputLines(v, inner);
    return [`${inner}${k.padEnd(width)}: ${first}`, ...rest];
  });
  return [open, ...body, `${indent}${close}`];
}
