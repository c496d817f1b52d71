// What a raw CloudFormation value the resolver leaves unknown at preview is built from: the template resources it
// names (`Ref`, `Fn::GetAtt`, `${Id}` or `${Id.Attribute}` in `Fn::Sub`, in any branch of an undecided `Fn::If`), the
// parameters it reads, and whether it imports another stack's export. A WAFv2 LoggingConfiguration's ResourceArn is
// read this way to tell which web ACLs it may log when it cannot be resolved (template-values.ts resolves the plain
// `Fn::GetAtt [WebAcl, Arn]`). Only the text of the template is read: nothing here resolves or deploys anything.
import { BoundedMemo } from "../../../lib/bounded-memo";
import { isUnknown, obj } from "../../../lib/values";
import { MAX_TEMPLATE_CHARS, parseTemplateBody } from "./template-body";
import { intrinsicName } from "./template-values";

export interface ArnSources {
  /** Logical ids of template resources the value is built from. */
  resources: string[];
  /** Parameters it reads. */
  parameters: string[];
  /** It holds an `Fn::ImportValue`: a value another stack exports. */
  imports: boolean;
  /** The value is one resource ARN alone: `Fn::GetAtt [Id, Arn]`, `Fn::Sub "${Id.Arn}"`, either in a one-part join. */
  exactly?: string;
}

/** Deeper than any property nests; what lies deeper is not looked at. */
const MAX_DEPTH = 32;

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

/** The logical ids and parameter names a template declares. */
export interface Declared {
  resources: ReadonlySet<string>;
  parameters: ReadonlySet<string>;
}

/** A name `Ref` or a `${…}` variable reads: before any `.Attribute`. */
function record(name: unknown, declared: Declared, out: ArnSources): void {
  if (typeof name !== "string") return;
  const [id] = name.split(".");
  if (declared.resources.has(id)) out.resources.push(id);
  else if (declared.parameters.has(id)) out.parameters.push(id);
}

function subVariables(args: unknown, declared: Declared, out: ArnSources, depth: number): void {
  const [text, locals] = Array.isArray(args) ? args : [args, undefined];
  const own = obj(locals) ?? {};
  if (typeof text === "string")
    for (const [, name] of text.matchAll(SUB_VARIABLE))
      if (!name.startsWith("!") && !Object.prototype.hasOwnProperty.call(own, name)) record(name, declared, out);
  walk(own, declared, out, depth + 1);
}

function walk(v: unknown, declared: Declared, out: ArnSources, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(v)) return v.forEach((item) => walk(item, declared, out, depth + 1));
  const o = obj(v);
  if (!o) return;
  const fn = intrinsicName(o);
  if (fn === "Ref") return record(o.Ref, declared, out);
  if (fn === "Fn::GetAtt") {
    const args = o[fn];
    return record(Array.isArray(args) ? args[0] : args, declared, out);
  }
  if (fn === "Fn::Sub") return subVariables(o[fn], declared, out, depth);
  if (fn === "Fn::ImportValue") out.imports = true;
  for (const value of Object.values(o)) walk(value, declared, out, depth + 1);
}

/** The logical id whose ARN the value is, when it is nothing else. */
function soleArn(v: unknown, resources: ReadonlySet<string>): string | undefined {
  const o = obj(v);
  const fn = intrinsicName(o);
  if (!o || !fn) return undefined;
  const args = o[fn];
  if (fn === "Fn::Sub") {
    const [text, locals] = Array.isArray(args) ? args : [args, undefined];
    const match = typeof text === "string" ? /^\$\{([A-Za-z0-9]+)\.Arn\}$/.exec(text) : null;
    const shadowed = match !== null && Object.prototype.hasOwnProperty.call(obj(locals) ?? {}, `${match[1]}.Arn`);
    return match && !shadowed && resources.has(match[1]) ? match[1] : undefined;
  }
  if (fn === "Fn::GetAtt") {
    const [id, attribute] = typeof args === "string" ? args.split(/\.(.*)/s) : Array.isArray(args) ? args : [];
    return attribute === "Arn" && typeof id === "string" && resources.has(id) ? id : undefined;
  }
  if (fn === "Fn::Join" && Array.isArray(args) && Array.isArray(args[1]) && args[1].length === 1)
    return soleArn(args[1][0], resources);
  return undefined;
}

/** What the raw value `v` of a template declaring `resources` and `parameters` is built from. */
export function arnSources(v: unknown, declared: Declared): ArnSources {
  const out: ArnSources = { resources: [], parameters: [], imports: false };
  walk(v, declared, out, 0);
  const exactly = soleArn(v, declared.resources);
  return {
    ...out,
    resources: [...new Set(out.resources)],
    parameters: [...new Set(out.parameters)],
    ...(exactly ? { exactly } : {}),
  };
}

/** Several logging configurations of one template read the same body. */
const parsed = new BoundedMemo<string, Record<string, unknown> | undefined>(8);

/**
 * What property `property` of template resource `logicalId` in `body` is built from; undefined when the body cannot
 * be read or the resource does not set it.
 */
export function propertySources(body: unknown, logicalId: string, property: string): ArnSources | undefined {
  if (typeof body !== "string" || isUnknown(body) || body.length > MAX_TEMPLATE_CHARS) return undefined;
  const template = parsed.through(body, () => parseTemplateBody(body));
  const resources = obj(template?.Resources);
  const value = obj(obj(resources?.[logicalId])?.Properties)?.[property];
  if (!template || !resources || value === undefined) return undefined;
  return arnSources(value, {
    resources: new Set(Object.keys(resources)),
    parameters: new Set(Object.keys(obj(template.Parameters) ?? {})),
  });
}
