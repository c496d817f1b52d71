// Alias URNs inherited down a renamed component's whole subtree, as the engine's step generator computes them: with
// aliasSpecs on, the SDK sends only each resource's own aliases, so children of a renamed component would otherwise
// look deleted and re-created.
import { ROOT_STACK_TYPE, qualifiedType, urnName, urnType } from "./urn";

export interface Aliased {
  urn: string;
  type: string;
  name: string;
  parent: string;
  /** Alias URNs the SDK sent. */
  aliases: string[];
}

const nameOf = urnName;
const typeOf = urnType;

/** The URN a child would have under a parent URN (stack and project taken from that URN). */
function childUrn(parentUrn: string, type: string, name: string): string {
  const [stackPart, project] = parentUrn.split("::");
  const parentType = qualifiedType(parentUrn);
  const qualified = parentType === ROOT_STACK_TYPE ? type : `${parentType}$${type}`;
  return `${stackPart}::${project}::${qualified}::${name}`;
}

/** A `${parent}-x` child name follows its parent's rename, as the SDK and engine assume. */
function renamed(childName: string, parentName: string, parentAlias: string): string {
  return childName.startsWith(parentName) ? nameOf(parentAlias) + childName.slice(parentName.length) : childName;
}

/** Every alias URN of each resource; parents must come before their children (registration order). */
export function inheritAliases(resources: Aliased[]): Map<string, string[]> {
  const all = new Map<string, string[]>();
  for (const r of resources) {
    const aliases = new Set(r.aliases);
    const parentAliases = all.get(r.parent) ?? [];
    const parentName = nameOf(r.parent);
    for (const parentAlias of parentAliases) {
      aliases.add(childUrn(parentAlias, r.type, renamed(r.name, parentName, parentAlias)));
      for (const own of r.aliases) {
        aliases.add(childUrn(parentAlias, typeOf(own), renamed(nameOf(own), parentName, parentAlias)));
        // An alias spec under the current parent is also collapsed under the parent's old URN, name unchanged.
        aliases.add(childUrn(parentAlias, typeOf(own), nameOf(own)));
      }
    }
    aliases.delete(r.urn);
    all.set(r.urn, [...aliases]);
  }
  return all;
}
