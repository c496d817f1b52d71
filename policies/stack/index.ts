import { StackValidationPolicy } from "@pulumi/policy";

/** Stack policies: checks that need the whole planned stack (reachability, coverage). */
export const stackPolicies: StackValidationPolicy[] = [];
