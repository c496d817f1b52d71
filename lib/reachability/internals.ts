// Building blocks for rules that correlate resources without the full network model.
export { Resolver } from "./resolver";
export { isUnknown, items, list, mayBeTrue, num, prop, str, tags } from "./resource";
export type { GenericResource } from "./resource";
