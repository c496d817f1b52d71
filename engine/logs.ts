// Diagnostics that are not policy results: what the program, the engine and the policy packs logged or printed.
import { plainMessage } from "./failure";
import type { EngineLog } from "./model";

/** A message a policy pack logged or printed; the CLI shows an analyzer's output among the diagnostics. */
export interface PackLog {
  severity: EngineLog["severity"];
  message: string;
  policyPack: string;
}

/** The `logs` entries of the `--json` document: program and engine messages, then the packs'. */
export interface DocumentLog {
  severity: EngineLog["severity"];
  message: string;
  urn?: string;
  policyPack?: string;
}

/** The non-blank lines a process printed. */
export function printedLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "");
}

/** How the SDK writes a `pulumi.log` call when it has no engine to send it to (a policy pack's process). */
const CONSOLE_LOG = /^(debug|info|warning|error): \[runtime\] (.*)$/;

/**
 * What a process printed, a line a message: the SDK's console form of a log call keeps its severity (debug is dropped,
 * as the CLI drops it without --debug); any other line is an info message, as the CLI shows a plugin's output.
 */
export function printedLogs(text: string): { severity: EngineLog["severity"]; message: string }[] {
  return printedLines(text).flatMap((line) => {
    const logged = CONSOLE_LOG.exec(line);
    if (!logged) return [{ severity: "info" as const, message: line }];
    return logged[1] === "debug" ? [] : [{ severity: logged[1] as EngineLog["severity"], message: logged[2] }];
  });
}

/** What the program printed (redacted), as a preview result holds it. */
export interface ProgramPrinted {
  programOutput?: string;
  programErrors?: string;
}

/**
 * In the order the text Diagnostics show them: the program's and engine's messages, the program's printed lines
 * (stdout, then stderr, both plain info lines there, as the CLI shows them), then the packs' messages.
 */
export function documentLogs(
  logs: readonly EngineLog[],
  packLogs: readonly PackLog[] = [],
  printed: ProgramPrinted = {},
): DocumentLog[] {
  const printedText = [printed.programOutput ?? "", printed.programErrors ?? ""];
  return [
    ...logs.map((l) => ({ severity: l.severity, message: plainMessage(l.message), ...(l.urn ? { urn: l.urn } : {}) })),
    ...printedText.flatMap(printedLines).map((line) => ({ severity: "info" as const, message: plainMessage(line) })),
    ...packLogs.map((l) => ({ severity: l.severity, message: plainMessage(l.message), policyPack: l.policyPack })),
  ];
}
