// What the stack rules derive from the whole stack, made once per AnalyzeStack and shared by its rules: the resources
// raw templates deploy, the network model, names by URN. The SDK builds a resource list of its own for each stack
// policy, but their elements are the same objects when converted from props decoded from the request's message
// (stack/resources.ts), so a list with the same elements in the same order gets the same view; any other list (another
// request, a list a test built) gets one of its own. Everything in a view is derived from the list alone, never from
// a rule's configuration, and is only read once built.
import { buildNetworkModel, GenericResource, NetworkModel } from "../../lib/reachability";
import { StackWithTemplates, withTemplateResources } from "./templates/template-stack-resources";

export interface StackView {
  /** The program's resources, then those its raw templates deploy, placed in their containers. */
  modelled(): StackWithTemplates;
  /** The network model of `modelled().resources`. */
  model(): NetworkModel;
  /** Each resource's name by URN, template resources included. */
  names(): ReadonlyMap<string, string>;
}

interface Remembered {
  resources: readonly GenericResource[];
  view: StackView;
}

/** Keyed by the list's first element; held only as long as that resource is (its request's lifetime). */
const viewsByFirst = new WeakMap<GenericResource, Remembered>();

export function stackViewOf(resources: readonly GenericResource[]): StackView {
  const first = resources[0];
  if (first === undefined) return newView([]);
  const known = viewsByFirst.get(first);
  if (known && sameElements(known.resources, resources)) return known.view;
  // A copy: the caller's list stays its own to change, and what the view was built from cannot change under it.
  const own = [...resources];
  const view = newView(own);
  viewsByFirst.set(first, { resources: own, view });
  return view;
}

function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function newView(resources: GenericResource[]): StackView {
  let modelled: StackWithTemplates | undefined;
  let model: NetworkModel | undefined;
  let names: Map<string, string> | undefined;
  const view: StackView = {
    modelled: () => (modelled ??= withTemplateResources(resources)),
    model: () => (model ??= buildNetworkModel(view.modelled().resources)),
    names: () => (names ??= new Map(view.modelled().resources.map((r) => [r.urn, r.name]))),
  };
  return view;
}
