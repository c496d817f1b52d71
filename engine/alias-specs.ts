// Alias URNs from a registration, as the CLI's step generator collapses them (collapseAliasToUrn): the monitor
// advertises `aliasSpecs`, so the SDK sends each alias as given (a URN, or a spec whose empty fields default to the
// resource's own name, type, parent, project and stack) and leaves inheritance from renamed parents to the engine.
import { ROOT_STACK_TYPE, makeUrn, qualifiedType } from "./urn";

export interface AliasTarget {
  stack: string;
  project: string;
  type: string;
  name: string;
  parent: string;
}

/** The alias URNs a RegisterResourceRequest carries: its Alias messages with specs, else its plain URN list. */
export function aliasUrnsOf(req: any, target: AliasTarget): string[] {
  const urns = new Set<string>(req.getAliasurnsList());
  for (const alias of req.getAliasesList()) {
    if (alias.hasUrn()) urns.add(alias.getUrn());
    else if (alias.hasSpec()) urns.add(collapseSpec(alias.getSpec(), target));
  }
  return [...urns];
}

function collapseSpec(spec: any, target: AliasTarget): string {
  let parent: string = spec.getNoparent() ? "" : spec.getParenturn() || target.parent;
  // A child of the root stack carries no parent in its URN, whether the alias names the stack or no parent.
  if (parent && qualifiedType(parent) === ROOT_STACK_TYPE) parent = "";
  return makeUrn(
    spec.getStack() || target.stack,
    spec.getProject() || target.project,
    parent,
    spec.getType() || target.type,
    spec.getName() || target.name,
  );
}
