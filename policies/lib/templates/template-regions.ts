// Where a CloudFormation template's resources run, for rules that judge by provider and region (GuardDuty and
// EventBridge are regional). A stack's run in the stack's region: its `region` input, else its provider's, which they
// already carry. A stack set's run in the accounts and regions of its instances, not where the program's resources
// run: only what the same stack set deploys shares that place.
import type { GenericResource } from "../../../lib/reachability";
import { isUnknown } from "../../../lib/values";

const CFN_STACK = "aws:cloudformation/stack:Stack";
const CFN_STACK_SET = "aws:cloudformation/stackSet:StackSet";

/** Placed urns are `<container urn>/template:<LogicalId>[/<where>]` (template-placement.ts). */
const PLACED = "/template:";

/** The place a stack set's resources share, in the provider's stead; messages show the part after the last `::`. */
const stackSetPlace = (stackSet: GenericResource) => `${stackSet.urn}::stack set ${stackSet.name}'s instances`;

/** The resources with each CloudFormation template resource placed where its container deploys it. */
export function inDeployedPlaces(resources: readonly GenericResource[]): GenericResource[] {
  const containers = new Map(
    resources.filter((r) => r.type === CFN_STACK || r.type === CFN_STACK_SET).map((r) => [r.urn, r]),
  );
  if (containers.size === 0) return [...resources];
  return resources.map((r) => {
    const at = r.urn.indexOf(PLACED);
    const container = at > 0 ? containers.get(r.urn.slice(0, at)) : undefined;
    if (!container) return r;
    if (container.type === CFN_STACK_SET) return { ...r, provider: stackSetPlace(container) };
    const region = container.inputs.region;
    const known = typeof region === "string" && region !== "" && !isUnknown(region);
    return known && r.inputs.region === undefined ? { ...r, inputs: { ...r.inputs, region } } : r;
  });
}
