// URNs exactly as the engine builds them: urn:pulumi:<stack>::<project>::<parentQualifiedType$type>::<name>.

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The qualified type of a URN: the parent chain of types joined by "$", ending in the resource's own type. */
export function qualifiedType(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4)
    throw new Error(`malformed URN "${urn}": expected urn:pulumi:<stack>::<project>::<type>::<name>`);
  return parts[2];
}

/** The name of a URN: everything after its fourth part, since a name may itself contain "::" (as the engine reads it). */
export function urnName(urn: string): string {
  let at = -2;
  for (let i = 0; i < 3; i++) {
    at = urn.indexOf("::", at + 2);
    if (at < 0) return urn;
  }
  return urn.slice(at + 2);
}

/** The resource's own type: the last "$"-separated part of the qualified type. */
export function urnType(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

export function makeUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
  let typePart = type;
  if (parentUrn) {
    const parentType = qualifiedType(parentUrn);
    // Children of the root stack carry no prefix.
    if (parentType !== ROOT_STACK_TYPE) typePart = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${typePart}::${name}`;
}

/** Splits a provider reference "urn::id" (the id may be the unknown sentinel during preview). */
export function parseProviderRef(ref: string): { urn: string; id: string } | undefined {
  if (!ref) return undefined;
  const at = ref.lastIndexOf("::");
  if (at < 0) return undefined;
  return { urn: ref.slice(0, at), id: ref.slice(at + 2) };
}
