// A template's resources placed in the container that deploys them: each gets a urn and name of its own under the
// container's, its references to the template's other resources bound to the ids those carry in this container, and
// (the resource itself, not a piece it splits into) that id, so stack checks link them as the program's resources.
import { EmbeddedResource } from "./embedded-resource";
import { TEMPLATE_CONTAINERS, TemplateContainer } from "./template-containers";
import { readTemplateResources } from "./template-reading";
import { bindReferences, templateResourceId } from "./template-references";
import { rememberStackTags } from "./template-stack-tags";

/** The container as the caller knows it: a PolicyResource's or a planned resource's fields. */
export interface ContainerResource {
  urn: string;
  name: string;
  type: string;
  props: Record<string, unknown>;
}

export interface PlacedTemplateResource {
  urn: string;
  /** `<container name>/<LogicalId>`. */
  name: string;
  type: string;
  props: Record<string, unknown>;
  resource: EmbeddedResource;
  container: ContainerResource;
}

/**
 * `<container urn>/template:<LogicalId>[/<where>]`: logical ids are alphanumeric, so two template resources never
 * share one; a program resource that happens to hold the same urn is told apart by a trailing `#`.
 */
function placedUrn(containerUrn: string, r: EmbeddedResource, taken: ReadonlySet<string>): string {
  let urn = `${containerUrn}/template:${r.logicalId}${r.where ? `/${r.where}` : ""}`;
  while (taken.has(urn)) urn += "#";
  return urn;
}

/**
 * The props a rule judges: references bound to this container, and the resource's own id when `withId`; they carry
 * the container's stack tags, which the stack gives the resource (template-stack-tags.ts).
 */
export function placedProps(
  r: EmbeddedResource,
  container: Pick<ContainerResource, "urn" | "props">,
  withId: boolean,
): Record<string, unknown> {
  const bound = bindReferences(r.props, container.urn) as Record<string, unknown>;
  const props = withId && !r.where ? { ...bound, id: templateResourceId(container.urn, r.logicalId) } : bound;
  rememberStackTags(props, container.props);
  return props;
}

/** Every translated resource the stack's template containers deploy, placed in them. */
export function placeTemplateResources(
  resources: readonly ContainerResource[],
  containers: ReadonlyMap<string, TemplateContainer> = TEMPLATE_CONTAINERS,
): PlacedTemplateResource[] {
  const placed: PlacedTemplateResource[] = [];
  let taken: Set<string> | undefined;
  for (const c of resources) {
    const container = containers.get(c.type);
    if (!container) continue;
    taken ??= new Set(resources.map((r) => r.urn));
    for (const r of readTemplateResources(container, c.props).resources) {
      const urn = placedUrn(c.urn, r, taken);
      taken.add(urn);
      const props = placedProps(r, c, true);
      placed.push({ urn, name: `${c.name}/${r.logicalId}`, type: r.type, props, resource: r, container: c });
    }
  }
  return placed;
}
