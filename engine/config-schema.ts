// Pulumi.yaml `config:` declarations, checked and applied as the CLI does (sdk/go/common/workspace: project.json,
// Project.Validate, ValidateStackConfigAndApplyProjectConfig). Messages quote the CLI's own wording.
import { ConfigError } from "./config-error";
import { describeValueType, isPlainObject } from "./config-values";

const SIMPLE_TYPES = ["string", "integer", "boolean", "array"] as const;
type SimpleType = (typeof SIMPLE_TYPES)[number];
const DECLARATION_ATTRIBUTES = ["type", "items", "description", "secret", "default", "value"];

export interface ItemsType {
  type: SimpleType;
  items?: ItemsType;
}

export interface ConfigDeclaration {
  /** The key as written in Pulumi.yaml: the CLI's messages name it so. */
  key: string;
  /** "namespace:name". */
  fullKey: string;
  namespacedByProject: boolean;
  type?: SimpleType;
  items?: ItemsType;
  secret: boolean;
  default?: unknown;
  value?: unknown;
}

/** A stack's value for a declared key, as the CLI validates it: scalars are text, objects their parsed content. */
export interface StackValue {
  content: unknown;
  secure: boolean;
  /** What the value is in the YAML file ("an integer", "an object"...), for messages that must not quote it. */
  shape: string;
}

export const qualifyKey = (project: string, key: string) => (key.includes(":") ? key : `${project}:${key}`);

const namespacedByProject = (project: string, key: string) => !key.includes(":") || key.startsWith(`${project}:`);

// Shorthand entries (`key: value`) the CLI rewrites into a declaration: strings, integers, booleans and arrays.
const isShorthand = (v: unknown) =>
  typeof v === "string" || typeof v === "bigint" || typeof v === "boolean" || Array.isArray(v);

function fail(file: string, message: string): never {
  throw new ConfigError(`${file}: ${message}`);
}

function readItems(file: string, key: string, raw: unknown): ItemsType {
  if (!isPlainObject(raw) || !SIMPLE_TYPES.includes(raw.type as SimpleType)) {
    fail(file, `config '${key}': 'items' needs a 'type' of ${SIMPLE_TYPES.join(", ")}`);
  }
  const type = raw.type as SimpleType;
  if (type === "array" && raw.items === undefined) {
    fail(file, `config '${key}': an array item type needs its own 'items'`);
  }
  return { type, ...(raw.items !== undefined ? { items: readItems(file, key, raw.items) } : {}) };
}

function readDeclaration(file: string, project: string, key: string, raw: unknown): ConfigDeclaration {
  const ownKey = namespacedByProject(project, key);
  let decl: Record<string, unknown>;
  if (isShorthand(raw)) decl = ownKey ? { default: raw } : { value: raw };
  else if (isPlainObject(raw)) decl = raw;
  else {
    fail(
      file,
      `config '${key}' is ${describeValueType(raw)}: a config entry is a string, integer, boolean, array ` +
        `or a declaration {type, items, description, secret, default, value}`,
    );
  }
  const unknown = Object.keys(decl).filter((a) => !DECLARATION_ATTRIBUTES.includes(a));
  if (unknown.length) {
    fail(
      file,
      `config '${key}': '${unknown[0]}' not allowed; the allowed attributes are ${DECLARATION_ATTRIBUTES.join(", ")} ` +
        `(to give an object as a value, write it under 'value' or in the stack file)`,
    );
  }
  if (decl.type !== undefined && !SIMPLE_TYPES.includes(decl.type as SimpleType)) {
    fail(file, `config '${key}': type must be one of ${SIMPLE_TYPES.map((t) => `'${t}'`).join(", ")}`);
  }
  if (decl.secret !== undefined && typeof decl.secret !== "boolean") {
    fail(file, `config '${key}': 'secret' must be true or false`);
  }
  return {
    key,
    fullKey: qualifyKey(project, key),
    namespacedByProject: ownKey,
    secret: decl.secret === true,
    ...(decl.type !== undefined ? { type: decl.type as SimpleType } : {}),
    ...(decl.items !== undefined ? { items: readItems(file, key, decl.items) } : {}),
    // A YAML `default:` with nothing after it is no default, as in Go.
    ...(decl.default !== undefined && decl.default !== null ? { default: decl.default } : {}),
    ...(decl.value !== undefined && decl.value !== null ? { value: decl.value } : {}),
  };
}

/** The CLI's `ValidateConfigValue`. */
export function matchesType(type: SimpleType, items: ItemsType | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      if (typeof value === "bigint") return true;
      if (typeof value === "number") return Number.isInteger(value);
      // Go's strconv.Atoi: an optional sign and decimal digits, within int64.
      if (typeof value === "string" && /^[+-]?\d+$/.test(value)) {
        const n = BigInt(value);
        return n >= -(2n ** 63n) && n < 2n ** 63n;
      }
      return false;
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "array":
      return Array.isArray(value) && items !== undefined && value.every((v) => matchesType(items.type, items.items, v));
  }
}

/** The CLI's `InferFullTypeName`: array<array<string>> and so on. */
export function typeName(type: SimpleType, items?: ItemsType): string {
  return items ? `array<${typeName(items.type, items.items)}>` : type;
}

/** The CLI's `Project.Validate` checks of each declaration. */
function validateDeclaration(file: string, d: ConfigDeclaration): void {
  const key = d.key;
  if (d.default !== undefined && d.value !== undefined) {
    fail(file, `project config '${key}' cannot have both a 'default' and 'value' attribute`);
  }
  if (d.namespacedByProject) {
    if (d.type === "array" && !d.items) {
      fail(
        file,
        `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`,
      );
    }
    if (d.type && d.default !== undefined && !matchesType(d.type, d.items, d.default)) {
      fail(
        file,
        `The default value specified for configuration key '${key}' is not of the expected type ` +
          `'${typeName(d.type, d.items)}' (it is ${describeValueType(d.default)})`,
      );
    }
    return;
  }
  if (d.type) fail(file, `Configuration key '${key}' is not namespaced by the project and should not define a type`);
  if (d.default !== undefined) {
    fail(
      file,
      `Configuration key '${key}' is not namespaced by the project and should not define a default value. ` +
        `Did you mean to use the 'value' attribute instead of 'default'?`,
    );
  }
  if (d.value === undefined)
    fail(file, `Configuration key '${key}' is namespaced and must provide an attribute 'value'`);
}

/** Reads and checks Pulumi.yaml's `config:` map (the stack-directory string form is handled by the caller). */
export function readDeclarations(file: string, project: string, config: unknown): ConfigDeclaration[] {
  if (config === undefined || config === null) return [];
  if (!isPlainObject(config)) fail(file, `'config' must be a map of configuration keys`);
  const declarations = Object.keys(config)
    .sort()
    .map((key) => readDeclaration(file, project, key, config[key]));
  for (const d of declarations) validateDeclaration(file, d);
  return declarations;
}

/** The CLI's "Stack 'dev' is missing configuration value 'a'" / "values 'a', 'b' and 'c'". */
function missingKeysMessage(stack: string, keys: string[]): string {
  const quoted = [...keys].sort().map((k) => `'${k}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
  return `Stack '${stack}' is missing configuration ${keys.length === 1 ? "value" : "values"} ${list}`;
}

/** Project-declared keys the stack must set itself: no default, no value, in the project's namespace. */
export function checkRequiredKeys(
  stack: string,
  stackFile: string,
  declarations: ConfigDeclaration[],
  hasStackValue: (fullKey: string) => boolean,
): void {
  const missing = declarations.filter(
    (d) => d.namespacedByProject && d.default === undefined && d.value === undefined && !hasStackValue(d.fullKey),
  );
  if (!missing.length) return;
  const them = missing.length === 1 ? "it" : "them";
  const first = missing[0].fullKey;
  const headline = missingKeysMessage(
    stack,
    missing.map((d) => d.key),
  );
  throw new ConfigError(
    `${headline}: Pulumi.yaml declares ${them} without a default. ` +
      `Set ${them} under config: in ${stackFile} (${missing.map((d) => `${d.fullKey}: VALUE`).join(", ")}), ` +
      `e.g. with \`pulumi config set ${first} VALUE --stack ${stack}\`, or give the declaration a default.`,
  );
}

/** Type and secrecy of each explicitly typed key's final value; every violation in one paragraph. */
export function checkTypedValues(
  stack: string,
  stackFile: string,
  declarations: ConfigDeclaration[],
  valueOf: (fullKey: string) => StackValue | undefined,
): void {
  const problems: string[] = [];
  for (const d of declarations) {
    const value = d.type ? valueOf(d.fullKey) : undefined;
    if (!d.type || !value) continue;
    if (d.secret && !value.secure) {
      problems.push(
        `Stack '${stack}' with configuration key '${d.key}' must be encrypted as it's secret: ` +
          `Pulumi.yaml declares it secret: true and the value is plaintext ` +
          `(run \`pulumi config set --secret ${d.fullKey} VALUE --stack ${stack}\`, which writes a secure: value ` +
          `to ${stackFile}; a plaintext default does not satisfy secret: true)`,
      );
      continue;
    }
    if (!matchesType(d.type, d.items, value.content)) {
      const expected = typeName(d.type, d.items);
      problems.push(
        `Stack '${stack}' with configuration key '${d.key}' must be of type '${expected}': ` +
          `the value is ${value.shape}; set ${expected === "string" ? "a" : "an"} ${expected} ` +
          `value in ${stackFile} or change the declaration in Pulumi.yaml`,
      );
    }
  }
  if (problems.length) throw new ConfigError(`validating stack config: ${problems.join("; ")}`);
}
