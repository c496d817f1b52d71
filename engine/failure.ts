// Turns a failed program run into one clear paragraph naming the failing resource when it can be known.
import type { EngineLog, Registration } from "./model";
import type { PreviewResult } from "./preview";
import type { ProgramRun } from "./program";
import { providerFailuresOnce } from "./provider-failures";
import { stripAnsi } from "./text";

export class PreviewError extends Error {
  /** What the preview had found when it failed (redacted): the CLI still prints and writes it with the error. */
  partial?: PreviewResult;

  constructor(
    message: string,
    readonly kind: "config" | "program" | "policy",
    readonly resource?: string,
  ) {
    super(message);
  }
}

/** `resource:NAME[TYPE]` labels and "register new resource NAME [TYPE]" phrases the SDK puts in its errors. */
const RESOURCE_LABEL = /resource[: ](?:new resource )?([^\s[\]]+) ?\[([^\]]+)\]/;

/** The SDK's error when the monitor lacks a feature the program uses (invoke transforms, hooks…). */
const UNSUPPORTED_FEATURE = /The Pulumi CLI does not support ([^.]+)\. Please update the Pulumi CLI/;

/** Resource transforms are supported, so the SDK's "transforms" error can only mean invoke transforms. */
const UNSUPPORTED_NAMES: Record<string, string> = { transforms: "invoke transforms" };

/**
 * Node's inspection of a rejected invoke's error: `<ref *1> [Error: …] { promise: Promise { <rejected> [Circular *1] } }`
 * (the SDK keeps the rejected promise on the error). Only the message inside the brackets is the user's.
 */
const INSPECTED_ERROR =
  /<ref \*\d+> \[?(?:\w*Error: )?([\s\S]*?)\]? \{\s*promise: Promise \{ <rejected> \[Circular \*\d+\] \}\s*\}/g;

/** A logged message without the colour codes and object decoration the SDK's error formatting adds. */
export function plainMessage(text: string): string {
  return stripAnsi(text).replace(INSPECTED_ERROR, "$1");
}

/** Joins a message onto one line, plain. */
function oneLine(text: string): string {
  return plainMessage(text)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join(" ");
}

/** Drops empty messages and ones that only wrap another (the SDK re-reports an engine refusal inside its error). */
function withoutEchoes(messages: string[]): string[] {
  const said = messages.filter(Boolean);
  return said.filter((m, i) => !said.some((other, j) => j !== i && other.length < m.length && m.includes(other)));
}

export function programFailure(
  run: ProgramRun,
  logs: EngineLog[],
  registrations: Registration[],
  failedRegistrations: { type: string; name: string }[] = [],
): PreviewError {
  const { errors, extra } = providerFailuresOnce(logs.filter((l) => l.severity === "error"));
  const withUrn = errors.find((l) => l.urn);
  let resource = withUrn?.urn;
  let text =
    withoutEchoes([...errors.map((l) => oneLine(l.message)), extra ?? ""]).join(" ") ||
    oneLine(run.stderr) ||
    `exit code ${run.exitCode}`;
  if (!resource && failedRegistrations.length) {
    resource = failedRegistrations.map((f) => `${f.type} "${f.name}"`).join(", ");
  }
  if (!resource) {
    const label = RESOURCE_LABEL.exec(text);
    if (label) {
      const [, name, type] = label;
      resource = registrations.find((r) => r.name === name && r.type === type)?.urn ?? `${type} "${name}"`;
    }
  }
  const where = resource ? ` while declaring ${resource}` : "";
  // The SDK blames the CLI for a monitor feature it lacks; here the offline engine is the one lacking it.
  const unsupported = UNSUPPORTED_FEATURE.exec(text);
  if (unsupported) {
    text +=
      `. The offline preview engine does not support ${UNSUPPORTED_NAMES[unsupported[1]] ?? unsupported[1]} ` +
      "(the Pulumi CLI does): " +
      "preview this program with `pulumi preview`";
  }
  // A program that only logged an error ran to its end: there is no exit code worth quoting.
  const opening =
    run.exitCode === 0
      ? `The program logged an error${where}`
      : `The program failed${where} (exit code ${run.exitCode})`;
  return new PreviewError(
    // Engine messages end in a full stop already (the default-provider refusal does).
    `${opening}: ${text.replace(/\.$/, "")}. ` +
      (run.exitCode === 0
        ? `${registrations.length} resources were registered; fix the error and preview again.`
        : `${registrations.length} resources had been registered before it stopped; fix the error and preview again.`),
    "program",
    resource,
  );
}

/** The engine's note for an invoke it could not answer and the program caught: the offline run took another path. */
export function unansweredInvokeWarning(token: string): string {
  return `invoke ${token} could not be answered offline; the program went on without it`;
}
