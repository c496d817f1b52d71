// A resource declared inside a CloudFormation or ROS template, translated to the Pulumi type and property names the
// pack's rules read, so each rule judges it as it judges the same resource written in the program.
import { isUnknown, obj, UNKNOWN } from "../../../lib/values";
import { ReadMode } from "./template-values";

export interface Translated {
  /** Pulumi type token, e.g. aws:ec2/securityGroup:SecurityGroup. */
  type: string;
  props: Record<string, unknown>;
  /** Where inside the template resource, when it splits into several (one rule per `SecurityGroupIngress[2]`). */
  where?: string;
  /** Said after the resource's messages: why a value the template leaves out is not known. */
  hint?: string;
  /**
   * The rules that judge it, when the translation carries only the fields they read (a clone's login password):
   * to the others it would look like a resource with every other setting left out.
   */
  judgedBy?: readonly string[];
}

export interface EmbeddedResource extends Translated {
  logicalId: string;
  /** The template's own type, e.g. AWS::EC2::SecurityGroup or ALIYUN::ECS::Instance. */
  templateType: string;
  /** Inputs whose unknown value is a parameter the program feeds (template-parameter-links.ts). */
  parameterFields?: readonly string[];
}

/** A property of the template resource by name (or path into nested blocks), every function resolved or unknown. */
export type PropertyReader = (path: string | readonly string[], mode?: ReadMode) => unknown;

/** `self`: a reference to the resource itself, for the pieces it splits into (a group's rules name their group). */
export type Translation = (read: PropertyReader, self: string) => Translated[];

/** Several tables of translations as one: a type two tables translate yields both translations, in order. */
export function joinTranslations(...tables: ReadonlyMap<string, Translation>[]): Map<string, Translation> {
  const joined = new Map<string, Translation>();
  for (const [type, translate] of tables.flatMap((t) => [...t])) {
    const before = joined.get(type);
    joined.set(type, before ? (read, self) => [...before(read, self), ...translate(read, self)] : translate);
  }
  return joined;
}

/** A nested block of a template property through `map`; absent or unknown at preview stays so. */
export function templateBlock(value: unknown, map: (fields: Record<string, unknown>) => unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  return map(obj(value) ?? {});
}

/** Only the properties the template sets: a property left out stays absent, as it would in a program. */
export function defined(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}

/** Template `Tags` (`[{ Key, Value }]`) as the provider's `tags` map; a list unknown at preview stays unknown. */
export function tagMap(tags: unknown): unknown {
  if (tags === undefined || isUnknown(tags) || !Array.isArray(tags)) return tags === undefined ? undefined : UNKNOWN;
  const out: Record<string, unknown> = {};
  for (const t of tags) {
    const key = obj(t)?.Key;
    if (typeof key === "string" && !isUnknown(key)) out[key] = obj(t)?.Value;
  }
  return out;
}

/** A single id and a list of ids written side by side (`SecurityGroupId`, `SecurityGroupIds`) as one list. */
export function idList(...values: unknown[]): unknown[] | undefined {
  const ids = values.flatMap((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]));
  return ids.length > 0 ? ids : undefined;
}
