// Static resolution of template values: what a template's intrinsic functions give when every input is in the
// program (a parameter's value or default, a mapping, a literal). Anything else becomes the engine's unknown marker,
// which the rules report as a note (a violation when failing closed), never a value that looks safe.
import { isUnknown, obj, UNKNOWN } from "../../../lib/values";
import { isTemplateReference, namesResource, templateReference } from "./template-references";

/** How a value will be read: as a setting, or as script text (user data). */
export type ReadMode = "value" | "script";

export interface ResolveContext {
  /** Parameter name → value from the program or the template's Default; UNKNOWN when neither decides it. */
  parameters: ReadonlyMap<string, unknown>;
  /** Logical id → resource type, for references to other resources of the template. */
  resourceTypes: ReadonlyMap<string, unknown>;
  mappings: Record<string, unknown> | undefined;
  /** A named condition of the template: true or false when what is known decides it, else undefined. */
  condition?: (name: string) => boolean | undefined;
}

/** `AWS::NoValue` / `ALIYUN::NoValue`: the property is left out. */
const NO_VALUE = Symbol("no value");

const PSEUDO_PARAMETER = /^(?:AWS|ALIYUN)::\w+$/;
const isNoValue = (name: string) => name === "AWS::NoValue" || name === "ALIYUN::NoValue";

/** Deeper than any template nests; a value deeper still is unknown. */
const MAX_DEPTH = 48;

/**
 * A reference whose value the cloud assigns and which cannot carry a script: pseudo parameters (region, account, stack
 * name) and other resources' ids. Custom resources choose their own ids, so they are not inert.
 */
function isInertReference(name: string, ctx: ResolveContext): boolean {
  if (PSEUDO_PARAMETER.test(name)) return true;
  const type = ctx.resourceTypes.get(name);
  return typeof type === "string" && !/^Custom::|CustomResource/.test(type);
}

/**
 * A reference resolved: a parameter's value, or for script text an inert reference kept as `${Name}`, which the
 * script reader treats as a value from outside the script (a directive set from it is a note, never passed). As a
 * value, another resource's id is a reference to it (template-references.ts).
 */
function reference(name: unknown, ctx: ResolveContext, mode: ReadMode): unknown {
  if (typeof name !== "string") return UNKNOWN;
  if (isNoValue(name)) return NO_VALUE;
  if (ctx.parameters.has(name)) return ctx.parameters.get(name);
  if (!isInertReference(name, ctx)) return UNKNOWN;
  if (mode === "script") return `\${${name}}`;
  return PSEUDO_PARAMETER.test(name) ? UNKNOWN : templateReference(name);
}

/**
 * The attribute `Id.Attribute` of a resource: only a resource's own id, or a name its type is linked by
 * (`namesResource`), is known, as a reference to it; in script text kept as `${Id.Attribute}`, as `reference` keeps
 * `${Id}`, so text built around it (an ARN with a folder) is read with the attribute marked. Any other attribute only
 * the cloud knows.
 */
function attribute(logicalId: unknown, name: unknown, ctx: ResolveContext, mode: ReadMode): unknown {
  if (typeof logicalId !== "string" || !isInertReference(logicalId, ctx)) return UNKNOWN;
  if (!namesResource(ctx.resourceTypes.get(logicalId), name)) return UNKNOWN;
  return mode === "script" ? `\${${logicalId}.${String(name)}}` : templateReference(logicalId);
}

/** `Id.Attribute` split at its first dot. */
function splitAttribute(text: string): [string, string | undefined] {
  const [logicalId, name] = text.split(/\.(.*)/s);
  return [logicalId, name];
}

/** `Fn::GetAtt [Id, Attribute]` (or "Id.Attribute"). */
function getAtt(args: unknown, ctx: ResolveContext, mode: ReadMode): unknown {
  const [logicalId, name] = typeof args === "string" ? splitAttribute(args) : Array.isArray(args) ? args : [];
  return attribute(logicalId, name, ctx, mode);
}

/** `Fn::If [Condition, then, else]`: the branch the condition takes, unknown while it is undecided. */
function fnIf(args: unknown, ctx: ResolveContext, mode: ReadMode, depth: number): unknown {
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== "string") return UNKNOWN;
  const taken = ctx.condition?.(args[0]);
  return taken === undefined ? UNKNOWN : resolveAt(taken ? args[1] : args[2], ctx, mode, depth);
}

/** Text a function may splice in; a reference to a resource is an id only the cloud knows, never text. */
const isText = (v: unknown): v is string | number | boolean =>
  (typeof v === "string" && !isUnknown(v) && !isTemplateReference(v)) ||
  typeof v === "number" ||
  typeof v === "boolean";

function join(args: unknown, ctx: ResolveContext, mode: ReadMode, depth: number): unknown {
  if (!Array.isArray(args) || args.length !== 2) return UNKNOWN;
  const delimiter = resolveAt(args[0], ctx, mode, depth);
  const parts = resolveAt(args[1], ctx, mode, depth);
  if (typeof delimiter !== "string" || isUnknown(delimiter) || !Array.isArray(parts)) return UNKNOWN;
  return parts.every(isText) ? parts.map(String).join(delimiter) : UNKNOWN;
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

/** `${name}` of a `Fn::Sub`: one of its own variables, an attribute (`Id.Attribute`) or a reference. */
function subVariable(
  name: string,
  locals: Record<string, unknown>,
  ctx: ResolveContext,
  mode: ReadMode,
  depth: number,
): unknown {
  if (Object.prototype.hasOwnProperty.call(locals, name)) return resolveAt(locals[name], ctx, mode, depth);
  return name.includes(".") ? attribute(...splitAttribute(name), ctx, mode) : reference(name, ctx, mode);
}

function sub(args: unknown, ctx: ResolveContext, mode: ReadMode, depth: number): unknown {
  const [text, vars] = Array.isArray(args) ? args : [args, undefined];
  const locals = obj(vars) ?? {};
  if (typeof text !== "string" || isUnknown(text)) return UNKNOWN;
  // `!Sub "${Alb.DNSName}"` is the variable's value itself: a reference to a resource stays one.
  const single = mode === "value" ? /^\$\{([^}!][^}]*)\}$/.exec(text) : null;
  if (single) {
    const v = subVariable(single[1], locals, ctx, mode, depth);
    if (isTemplateReference(v)) return v;
  }
  let unresolved = false;
  const out = text.replace(SUB_VARIABLE, (whole, name: string) => {
    // `${!Literal}` writes `${Literal}` itself.
    if (name.startsWith("!")) return `\${${name.slice(1)}}`;
    const v = subVariable(name, locals, ctx, mode, depth);
    if (isText(v)) return String(v);
    unresolved = true;
    return whole;
  });
  return unresolved ? UNKNOWN : out;
}

function base64(args: unknown, ctx: ResolveContext, mode: ReadMode, depth: number): unknown {
  const v = resolveAt(args, ctx, mode, depth);
  return typeof v === "string" && !isUnknown(v) ? Buffer.from(v, "utf8").toString("base64") : UNKNOWN;
}

function select(args: unknown, ctx: ResolveContext, mode: ReadMode, depth: number): unknown {
  if (!Array.isArray(args) || args.length !== 2) return UNKNOWN;
  const index = Number(resolveAt(args[0], ctx, mode, depth));
  const items = resolveAt(args[1], ctx, mode, depth);
  // A list attribute that names its resource (an instance's Ipv6AddressIds): any entry is read from that resource.
  if (isTemplateReference(items)) return items;
  return Array.isArray(items) && Number.isInteger(index) && index >= 0 && index < items.length ? items[index] : UNKNOWN;
}

function findInMap(args: unknown, ctx: ResolveContext, mode: ReadMode, depth: number): unknown {
  if (!Array.isArray(args) || args.length !== 3) return UNKNOWN;
  const keys = args.map((k) => resolveAt(k, ctx, mode, depth));
  if (!keys.every((k) => typeof k === "string" && !isUnknown(k))) return UNKNOWN;
  const [map, top, second] = keys as string[];
  const found = obj(obj(ctx.mappings?.[map])?.[top])?.[second];
  return found === undefined ? UNKNOWN : resolveAt(found, ctx, mode, depth);
}

type Intrinsic = (args: unknown, ctx: ResolveContext, mode: ReadMode, depth: number) => unknown;

/** The functions resolved statically; every other (ImportValue, GetAZs, Split…) is unknown. */
const INTRINSICS: ReadonlyMap<string, Intrinsic> = new Map<string, Intrinsic>([
  ["Ref", (args, ctx, mode) => reference(args, ctx, mode)],
  ["Fn::GetAtt", (args, ctx, mode) => getAtt(args, ctx, mode)],
  ["Fn::If", fnIf],
  ["Fn::Join", join],
  ["Fn::Sub", sub],
  ["Fn::Base64", base64],
  ["Fn::Base64Encode", base64],
  ["Fn::Select", select],
  ["Fn::FindInMap", findInMap],
]);

/** A one-key mapping naming a function: `{ "Ref": … }`, `{ "Fn::…": … }` or `{ "Condition": … }`. */
export function intrinsicName(v: unknown): string | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const keys = Object.keys(o);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  return key === "Ref" || key === "Condition" || key.startsWith("Fn::") ? key : undefined;
}

function resolveAt(v: unknown, ctx: ResolveContext, mode: ReadMode, depth: number): unknown {
  if (depth > MAX_DEPTH) return UNKNOWN;
  if (Array.isArray(v)) {
    return v.map((item) => resolveAt(item, ctx, mode, depth + 1)).filter((item) => item !== NO_VALUE);
  }
  const o = obj(v);
  if (!o) return v;
  const fn = intrinsicName(o);
  if (fn) return INTRINSICS.get(fn)?.(o[fn], ctx, mode, depth + 1) ?? UNKNOWN;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o)) {
    const resolved = resolveAt(value, ctx, mode, depth + 1);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

/** The value with every function resolved or unknown; a property set to NoValue reads as absent (undefined). */
export function resolveTemplateValue(v: unknown, ctx: ResolveContext, mode: ReadMode = "value"): unknown {
  const resolved = resolveAt(v, ctx, mode, 0);
  return resolved === NO_VALUE ? undefined : resolved;
}
