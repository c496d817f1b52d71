// Template parameters the program feeds with outputs unknown at preview (`parameters: { WebSg: sg.id }`): the
// container's property dependencies (key `parameters`) name the program resources they come from. A template
// property whose whole value is such a parameter (`SecurityGroupIds: [!Ref WebSg]`) is linked as the model links any
// reference unknown at preview: the embedded resource carries those dependencies under the input the property
// becomes, and the resolver keeps the one candidate of the type it expects (none or several: unlinked), or for a
// list every candidate, as it does for the program's own resources.
import { containsUnknown, isUnknown, obj } from "../../../lib/values";
import { PropertyReader, Translated, Translation } from "./embedded-resource";
import { GivenParameters } from "./template-parameters";

/** Never the start of a real value, as template-references.ts's placeholder. */
const MARKER = "\u0000template-parameter:";

/** Deeper than any template nests; a mention deeper still is not looked for. */
const MAX_DEPTH = 48;

/** Parameters the program passes unknown at preview; every declared one when which it sets cannot be told. */
export function programFedParameters(declared: readonly string[], given: GivenParameters): ReadonlySet<string> {
  if (given === "unknown") return new Set(declared);
  return new Set(declared.filter((name) => isUnknown(given.get(name))));
}

/** The parameter values with each fed parameter standing as a marker that names it. */
export function markedParameters(values: ReadonlyMap<string, unknown>, fed: ReadonlySet<string>): Map<string, unknown> {
  return new Map([...values].map(([name, v]) => [name, fed.has(name) ? `${MARKER}${name}` : v]));
}

/** True when raw template text names one of `fed` (`Ref`, or `${Name}` in a `Fn::Sub`); only then is it re-read. */
export function mentionsParameter(v: unknown, fed: ReadonlySet<string>, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof v === "string") return fed.has(v) || [...v.matchAll(/\$\{([^}]*)\}/g)].some((m) => fed.has(m[1]));
  if (Array.isArray(v)) return v.some((item) => mentionsParameter(item, fed, depth + 1));
  const o = obj(v);
  return o !== undefined && Object.values(o).some((item) => mentionsParameter(item, fed, depth + 1));
}

function holdsMarker(v: unknown, depth = 0): boolean {
  if (typeof v === "string") return v.startsWith(MARKER);
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(v)) return v.some((item) => holdsMarker(item, depth + 1));
  const o = obj(v);
  return o !== undefined && Object.values(o).some((item) => holdsMarker(item, depth + 1));
}

/**
 * For each translated piece, the inputs whose unknown value a fed parameter gives: the translation run again with
 * markers for the fed parameters (`translateMarked`) shows a marker where the parameter's value went as is. A piece
 * is matched by type and place; a value built from the parameter (joined into other text) names no resource.
 */
function parameterFieldsOf(pieces: readonly Translated[], translateMarked: () => Translated[]): string[][] {
  let marked: Translated[];
  try {
    marked = translateMarked();
  } catch {
    return pieces.map(() => []);
  }
  return pieces.map((piece) => {
    const twin = marked.find((m) => m.type === piece.type && m.where === piece.where);
    if (!twin) return [];
    return Object.keys(piece.props).filter((k) => containsUnknown(piece.props[k]) && holdsMarker(twin.props[k]));
  });
}

/** A translation's pieces with the inputs fed parameters give (`parameterFields`), when the properties name one. */
export function withParameterFields(
  translate: Translation,
  self: string,
  readers: { plain: PropertyReader; marked: PropertyReader },
  properties: unknown,
  fed: ReadonlySet<string>,
): (Translated & { parameterFields?: string[] })[] {
  const pieces = translate(readers.plain, self);
  if (fed.size === 0 || !mentionsParameter(properties, fed)) return pieces;
  const fields = parameterFieldsOf(pieces, () => translate(readers.marked, self));
  return pieces.map((p, i) => (fields[i].length > 0 ? { ...p, parameterFields: fields[i] } : p));
}

/** The container's candidates for what a fed parameter names: its `parameters` dependencies (older SDKs: all). */
function parameterSources(container: { propertyDependencies: Record<string, string[]>; dependencies: string[] }) {
  const byProperty = container.propertyDependencies;
  return Object.keys(byProperty).length > 0 ? (byProperty.parameters ?? []) : container.dependencies;
}

/** The property dependencies an embedded resource carries: its fed inputs, each naming the parameters' sources. */
export function parameterDependencies(
  fields: readonly string[] | undefined,
  container: { propertyDependencies: Record<string, string[]>; dependencies: string[] },
): Record<string, string[]> {
  const sources = fields?.length ? parameterSources(container) : [];
  return sources.length > 0 ? Object.fromEntries(fields!.map((f) => [f, [...sources]])) : {};
}
