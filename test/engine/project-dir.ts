// Throwaway Pulumi project folders for the configuration tests.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadStackConfig, readProject, type StackConfig } from "../../engine/config";

/** Writes `files` (relative path → text) into a new temporary folder and returns its path. */
export function projectDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-config-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A project named "cfg" with Pulumi.yaml's `config:` block and one stack file, "dev". */
export function cfgProject(projectConfig: string, stackFile: string, extra: Record<string, string> = {}): string {
  return projectDir({
    "Pulumi.yaml": `name: cfg\nruntime: nodejs\nmain: index.js\n${projectConfig}`,
    "Pulumi.dev.yaml": stackFile,
    ...extra,
  });
}

/** The stack's config as the program would get it. */
export function configOf(dir: string, stack = "dev", env: NodeJS.ProcessEnv = {}): StackConfig {
  return loadStackConfig(dir, readProject(dir), stack, env);
}

/** The message the stack's config is refused with. */
export function refusalOf(dir: string, stack = "dev", env: NodeJS.ProcessEnv = {}): string {
  try {
    configOf(dir, stack, env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("the configuration was accepted");
}
