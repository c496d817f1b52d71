// Stack configuration as `pulumi preview` gives it to a program: the stack file's values, then Pulumi.yaml's
// `value:`s and defaults for keys the stack does not set, checked against Pulumi.yaml's declarations.
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "./config-error";
import {
  checkRequiredKeys,
  checkTypedValues,
  qualifyKey,
  readDeclarations,
  type ConfigDeclaration,
  type StackValue,
} from "./config-schema";
import {
  containsSecureValue,
  describeValueType,
  encodeConfigValue,
  isObjectValue,
  isPlainObject,
  isSecureValue,
  parseYamlFile,
} from "./config-values";
import { readStandIns, SECRETS_ENV, standInText } from "./offline-secrets";
import { isStackName, validateStackName } from "./stack-reference";

export { ConfigError } from "./config-error";
export { SECRETS_ENV } from "./offline-secrets";

export interface ProjectFile {
  name: string;
  runtime: string | { name: string; options?: Record<string, unknown> };
  main?: string;
  /** Key declarations; a string here is the old spelling of stackConfigDir. */
  config?: unknown;
  stackConfigDir?: string;
}

export interface StackConfig {
  /** "namespace:key" → string, the PULUMI_CONFIG format. */
  values: Record<string, string>;
  /** Keys whose values are secrets (PULUMI_CONFIG_SECRET_KEYS). */
  secretKeys: string[];
}

// The CLI finds the project as Pulumi.yaml, else Pulumi.yml; stack files take the project file's extension.
const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

function projectFilePath(root: string): string | undefined {
  return PROJECT_FILES.map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
}

export function readProject(root: string): ProjectFile {
  const file = projectFilePath(root);
  if (!file) {
    throw new ConfigError(`no Pulumi.yaml in ${root}: pass --cwd with the directory of a Pulumi project`);
  }
  const project = parseYamlFile(fs.readFileSync(file, "utf8"), file);
  if (!isPlainObject(project) || typeof project.name !== "string" || project.name === "") {
    throw new ConfigError(`${file} has no "name": a Pulumi project file needs name and runtime`);
  }
  return project as unknown as ProjectFile;
}

/** Where the project keeps its stack files: stackConfigDir (or its old spelling, `config: DIR`), else its root. */
function stackFileDir(root: string, project: ProjectFile): string {
  const legacy = typeof project.config === "string" ? project.config : undefined;
  if (legacy !== undefined && project.stackConfigDir) {
    throw new ConfigError(
      "Should not use both config and stackConfigDir to define the stack directory. Use only stackConfigDir instead.",
    );
  }
  const dir = project.stackConfigDir ?? legacy;
  return dir ? path.resolve(root, dir) : root;
}

function stackFileExtension(root: string): string {
  return path.extname(projectFilePath(root) ?? "Pulumi.yaml");
}

/** Stack names that have a stack file where the project keeps them. */
export function listStacks(root: string): string[] {
  let dir = root;
  try {
    dir = stackFileDir(root, readProject(root));
  } catch {
    // An unreadable project still lets the caller list what sits next to it.
  }
  const ext = stackFileExtension(root).replace(".", "\\.");
  const pattern = new RegExp(`^Pulumi\\.(.+)${ext}$`);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => pattern.exec(f)?.[1])
    .filter((s): s is string => s !== undefined && isStackName(s))
    .sort();
}

function missingStackFile(root: string, file: string, stack: string): ConfigError {
  const twin = file.endsWith(".yaml") ? file.replace(/\.yaml$/, ".yml") : file.replace(/\.yml$/, ".yaml");
  const known = listStacks(root);
  const hint = fs.existsSync(twin)
    ? `${path.basename(twin)} exists, but the pulumi CLI reads stack files with the project file's extension: ` +
      `rename it to ${path.basename(file)}`
    : `create it to define the stack (a file holding \`config: {}\` is enough; ` +
      `\`pulumi config set KEY VALUE --stack ${stack}\` writes it)` +
      (known.length ? `, or pick one of the stacks here: ${known.join(", ")}` : "");
  // Offline there is no backend holding stacks without a file: the file is the stack.
  return new ConfigError(`no stack "${stack}": ${file} does not exist; ${hint}`);
}

interface StackDocument {
  config: Record<string, unknown>;
}

function readStackDocument(file: string, stack: string): StackDocument {
  const doc = parseYamlFile(fs.readFileSync(file, "utf8"), file) ?? {};
  if (!isPlainObject(doc)) throw new ConfigError(`could not unmarshal '${file}': a stack file is a map`);
  const environment = doc.environment;
  if (environment !== undefined && environment !== null && !(Array.isArray(environment) && !environment.length)) {
    const names = Array.isArray(environment) ? ` (${environment.map(String).join(", ")})` : "";
    throw new ConfigError(
      `${path.basename(file)} imports Pulumi ESC environments${names} under environment:, which the offline ` +
        `engine cannot open (the pulumi CLI resolves them through Pulumi Cloud): their pulumiConfig values would ` +
        `be silently missing. For the offline preview, write the values the program reads under config: in the ` +
        `stack file the preview uses, without the environment: block (for example a copy made in CI), ` +
        `or run \`pulumi preview --stack ${stack}\` where Pulumi Cloud is reachable.`,
    );
  }
  const config = doc.config ?? {};
  if (!isPlainObject(config)) throw new ConfigError(`could not unmarshal '${file}': config must be a map`);
  return { config };
}

/** The stack's own entries: plaintext values, and the secure ones that need a stand-in. */
interface StackEntries {
  values: Record<string, string>;
  validation: Record<string, StackValue>;
  secretKeys: string[];
  undecryptable: { key: string; objectShaped: boolean }[];
}

function readStackEntries(project: ProjectFile, config: Record<string, unknown>, env: NodeJS.ProcessEnv): StackEntries {
  const entries: StackEntries = { values: {}, validation: {}, secretKeys: [], undecryptable: [] };
  const standIns = readStandIns(env);
  for (const [key, value] of Object.entries(config)) {
    const full = qualifyKey(project.name, key);
    const shape = describeValueType(value);
    // Only `{secure: "<ciphertext>"}` is a secure value; inside an object it makes the whole key secret.
    const objectShaped = !isSecureValue(value) && containsSecureValue(value);
    if (isSecureValue(value) || objectShaped) {
      entries.secretKeys.push(full);
      if (!(full in standIns)) {
        entries.undecryptable.push({ key: full, objectShaped });
        continue;
      }
      const text = standInText(full, standIns[full], objectShaped);
      entries.values[full] = text;
      entries.validation[full] = { content: objectShaped ? JSON.parse(text) : text, secure: true, shape };
      continue;
    }
    entries.values[full] = encodeConfigValue(value);
    const content = value === null || isObjectValue(value) ? value : encodeConfigValue(value);
    entries.validation[full] = { content, secure: false, shape };
  }
  return entries;
}

function undecryptableError(file: string, keys: StackEntries["undecryptable"]): ConfigError {
  const example = Object.fromEntries(keys.map((k) => [k.key, k.objectShaped ? '{"...": "..."}' : "..."]));
  const objects = keys.filter((k) => k.objectShaped).map((k) => k.key);
  return new ConfigError(
    `${path.basename(file)} holds secure values that cannot be decrypted offline: ` +
      `${keys.map((k) => k.key).join(", ")}. Give plaintext stand-ins in the ${SECRETS_ENV} environment variable, ` +
      `e.g. ${SECRETS_ENV}='${JSON.stringify(example)}'` +
      (objects.length
        ? ` (${objects.join(", ")} ${objects.length === 1 ? "is an object" : "are objects"} with secure values ` +
          `inside: give the whole decrypted object, as JSON text or a JSON object)`
        : ""),
  );
}

/** Pulumi.yaml `value:`s and defaults for the keys the stack file does not set. */
function applyProjectValues(declarations: ConfigDeclaration[], entries: StackEntries): void {
  for (const d of declarations) {
    if (d.fullKey in entries.values) continue;
    // The CLI prefers the default when both are given (Pulumi.yaml validation forbids that anyway).
    const value = d.default !== undefined ? d.default : d.value;
    if (value === undefined) continue;
    entries.values[d.fullKey] = encodeConfigValue(value);
    const content = isObjectValue(value) || typeof value === "number" ? value : encodeConfigValue(value);
    entries.validation[d.fullKey] = { content, secure: false, shape: describeValueType(value) };
  }
}

export function loadStackConfig(root: string, project: ProjectFile, stack: string, env = process.env): StackConfig {
  validateStackName(stack);
  const projectFile = path.basename(projectFilePath(root) ?? "Pulumi.yaml");
  const declarations = readDeclarations(
    projectFile,
    project.name,
    typeof project.config === "string" ? undefined : project.config,
  );
  const file = path.join(stackFileDir(root, project), `Pulumi.${stack}${stackFileExtension(root)}`);
  if (!fs.existsSync(file)) throw missingStackFile(root, file, stack);
  const stackFile = path.basename(file);
  const { config } = readStackDocument(file, stack);
  const entries = readStackEntries(project, config, env);
  const onStack = new Set([...Object.keys(entries.values), ...entries.undecryptable.map((k) => k.key)]);
  checkRequiredKeys(stack, stackFile, declarations, (key) => onStack.has(key));
  if (entries.undecryptable.length) throw undecryptableError(file, entries.undecryptable);
  applyProjectValues(declarations, entries);
  checkTypedValues(stack, stackFile, declarations, (key) => entries.validation[key]);
  // A key declared secret is kept secret even where the CLI would allow plaintext (an untyped declaration).
  const declaredSecret = declarations.filter((d) => d.secret && d.fullKey in entries.values).map((d) => d.fullKey);
  return { values: entries.values, secretKeys: [...new Set([...entries.secretKeys, ...declaredSecret])] };
}
