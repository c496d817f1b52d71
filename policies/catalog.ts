import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { stackPolicies } from "./stack";

/** Every policy of the pack, side-effect free so tests can import it without starting a server. */
export const resourcePolicies: ResourceValidationPolicy[] = [];
export const allPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [...resourcePolicies, ...stackPolicies];
