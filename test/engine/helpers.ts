// Shared paths and small helpers for the engine's process-level tests.
import * as path from "path";
import { main } from "../../engine/cli";

export const FIXTURES = path.join(__dirname, "../fixtures/engine");
export const PROJECT = path.join(FIXTURES, "project");
export const PACK = path.join(FIXTURES, "pack");
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const urnOf = (qualifiedType: string, name: string, stack = "dev") =>
  `urn:pulumi:${stack}::fixture::${qualifiedType}::${name}`;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the preview CLI in-process, capturing what it prints. */
export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += chunk), true));
  const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += chunk), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
