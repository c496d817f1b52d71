// Reachability: a network model of a planned stack and the questions asked of it.
export { buildNetworkModel } from "./build";
export { internetExposures } from "./internet";
export { internalReach, groupCarriers } from "./internal";
export { certainGroups } from "./group-links";
export type { InternalReach, ReachSource } from "./internal";
export { renderPath, ANY_SOURCE } from "./exposure";
export type { Exposure, Family } from "./exposure";
export { formatPorts } from "./intervals";
export type * from "./model";
export { UNKNOWN, isUnknown } from "./resource";
export type { GenericResource } from "./resource";
