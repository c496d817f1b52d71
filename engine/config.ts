// Stack configuration as `pulumi config` gives it to a program: Pulumi.yaml defaults, then Pulumi.<stack>.yaml values.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** JSON object of "namespace:key" → plaintext, for secure values that cannot be decrypted offline. */
export const SECRETS_ENV = "PULUMI_OFFLINE_SECRETS";

export interface ProjectFile {
  name: string;
  runtime: string | { name: string; options?: Record<string, unknown> };
  main?: string;
  config?: Record<string, unknown>;
}

export interface StackConfig {
  /** "namespace:key" → string, the PULUMI_CONFIG format. */
  values: Record<string, string>;
  /** Keys whose values are secrets (PULUMI_CONFIG_SECRET_KEYS). */
  secretKeys: string[];
}

export class ConfigError extends Error {}

export function readProject(root: string): ProjectFile {
  const file = path.join(root, "Pulumi.yaml");
  if (!fs.existsSync(file)) {
    throw new ConfigError(`no Pulumi.yaml in ${root}: pass --cwd with the directory of a Pulumi project`);
  }
  const project = parse(fs.readFileSync(file, "utf8")) as ProjectFile;
  if (!project || typeof project.name !== "string") {
    throw new ConfigError(`${file} has no "name": a Pulumi project file needs name and runtime`);
  }
  return project;
}

/** Stack names that have a Pulumi.<stack>.yaml next to Pulumi.yaml. */
export function listStacks(root: string): string[] {
  return fs
    .readdirSync(root)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

function qualify(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isSecure(value: unknown): value is { secure: string } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "secure" in value;
}

function offlineSecrets(env: NodeJS.ProcessEnv): Record<string, string> {
  const raw = env[SECRETS_ENV];
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new ConfigError(`${SECRETS_ENV} is not valid JSON (${(e as Error).message}); expected {"ns:key": "value"}`);
  }
}

export function loadStackConfig(root: string, project: ProjectFile, stack: string, env = process.env): StackConfig {
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  // Pulumi.yaml: `key: {type, default, secret}` or `key: value`; keys without a namespace belong to the project.
  for (const [key, decl] of Object.entries(project.config ?? {})) {
    const full = qualify(project.name, key);
    const isDecl = typeof decl === "object" && decl !== null && !Array.isArray(decl);
    const value = isDecl ? (decl as Record<string, unknown>).default : decl;
    if (value !== undefined) values[full] = encode(value);
    if (isDecl && (decl as Record<string, unknown>).secret === true) secretKeys.push(full);
  }
  const file = ["yaml", "yml"].map((e) => path.join(root, `Pulumi.${stack}.${e}`)).find((f) => fs.existsSync(f));
  if (!file) {
    const known = listStacks(root);
    throw new ConfigError(
      `no stack "${stack}": ${path.join(root, `Pulumi.${stack}.yaml`)} does not exist; ` +
        (known.length ? `stacks here: ${known.join(", ")}` : "create Pulumi.<stack>.yaml to define one"),
    );
  }
  const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const overrides = offlineSecrets(env);
  const undecryptable: string[] = [];
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    const full = qualify(project.name, key);
    if (isSecure(value)) {
      secretKeys.push(full);
      if (full in overrides) values[full] = overrides[full];
      else undecryptable.push(full);
      continue;
    }
    values[full] = encode(value);
  }
  if (undecryptable.length) {
    throw new ConfigError(
      `${path.basename(file)} holds secure values that cannot be decrypted offline: ${undecryptable.join(", ")}. ` +
        `Give plaintext stand-ins in the ${SECRETS_ENV} environment variable, e.g. ` +
        `${SECRETS_ENV}='${JSON.stringify(Object.fromEntries(undecryptable.map((k) => [k, "..."])))}'`,
    );
  }
  return { values, secretKeys: [...new Set(secretKeys)] };
}
