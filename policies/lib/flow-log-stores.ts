// Which Alibaba Cloud log store of the stack a VPC flow log names by value: a log store's name is unique only within
// its project, so `logStoreName` names a store only together with `projectName`. A project the plan does not show on
// either side (unknown at preview) leaves an equal store name a "maybe", unless the flow log depends on the store
// itself (its project read from the store, or an explicit dependency), or both projectNames are read from one log
// project of the stack (a project named with a random suffix): then the store is the one meant.
import { GenericResource, isUnknown, str } from "../../lib/reachability/internals";
import { Link } from "./links";

const LOG_PROJECT = "alicloud:log/project:Project";

const storeName = (s: GenericResource) => str(s.inputs.logstoreName) ?? str(s.inputs.name);
const storeProject = (s: GenericResource) => str(s.inputs.projectName) ?? str(s.inputs.project);
/** The store's project field: projectName, or the deprecated project when only that is given. */
const storeProjectKey = (s: GenericResource) =>
  s.inputs.projectName === undefined && s.inputs.project !== undefined ? "project" : "projectName";

/** The resource type a URN names (the last of its parent chain): `urn:pulumi:stack::proj::parent$type::name`. */
const urnType = (urn: string) => (urn.split("::")[2] ?? "").split("$").pop() ?? "";

/**
 * Both projectNames unknown at preview and read from the same log project of the stack: an unknown value names the
 * resource it flows from (as linkOf reads it), so both name that project. A shared source that is no project (a
 * random suffix both are built from) proves nothing.
 */
function readFromOneProject(f: GenericResource, s: GenericResource): boolean {
  const key = storeProjectKey(s);
  if (!isUnknown(f.inputs.projectName) || !isUnknown(s.inputs[key])) return false;
  const theirs = s.propertyDependencies[key] ?? [];
  return (f.propertyDependencies.projectName ?? []).some((u) => theirs.includes(u) && urnType(u) === LOG_PROJECT);
}

/** The flow log's resource dependencies, or its project's property dependencies, include the store. */
const dependsOnStore = (f: GenericResource, s: GenericResource) =>
  f.dependencies.includes(s.urn) || (f.propertyDependencies.projectName ?? []).includes(s.urn);

export interface StoreNaming {
  store: GenericResource;
  link: Link;
  /** Why the naming is only "maybe"; absent otherwise. */
  why?: string;
}

/** How the flow log's known store and project names name `store`. */
export function storeNaming(f: GenericResource, store: GenericResource): StoreNaming {
  const name = str(f.inputs.logStoreName);
  if (name === undefined || storeName(store) !== name) return { store, link: "no" };
  const [project, own] = [str(f.inputs.projectName), storeProject(store)];
  if (project !== undefined && own !== undefined) return { store, link: project === own ? "yes" : "no" };
  if (dependsOnStore(f, store) || readFromOneProject(f, store)) return { store, link: "yes" };
  const unseen = project === undefined ? `${f.name}'s projectName` : `log store ${store.name}'s project`;
  return { store, link: "maybe", why: `${unseen} is not known at preview` };
}

/** The stores the flow log surely names by value, else those it may name. */
export function storesNamedBy(f: GenericResource, stores: readonly GenericResource[]): StoreNaming[] {
  const namings = stores.map((store) => storeNaming(f, store)).filter((n) => n.link !== "no");
  const sure = namings.filter((n) => n.link === "yes");
  return sure.length > 0 ? sure : namings;
}
