// The data a preview produces. Shared with the reachability model (`exposures.ts`) and the JSON output.
import type { CustomTimeouts } from "./timeouts";

export interface SourcePosition {
  uri: string;
  line: number;
  column: number;
}

/** Resource options that change what a later update or destroy does; only options that are set are recorded. */
export interface ResourceOptions {
  protect?: boolean;
  /** The resource is dropped from the state instead of being deleted. */
  retainOnDelete?: boolean;
  /** URN of the resource whose deletion also deletes this one (its own delete is skipped). */
  deletedWith?: string;
  deleteBeforeReplace?: boolean;
  ignoreChanges?: string[];
  replaceOnChanges?: string[];
  additionalSecretOutputs?: string[];
  /** Go duration strings as the program gave them ("5m"). */
  customTimeouts?: CustomTimeouts;
}

/** One resource the program asked for, as the engine records it before any provider runs. */
export interface PlannedResource {
  urn: string;
  type: string;
  name: string;
  /** Parent URN; "" only for the root stack resource. */
  parent: string;
  /** Inputs as the analyzer sees them: unknowns are the unknown sentinel, secrets are signature objects. */
  inputs: Record<string, unknown>;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  sourcePosition?: SourcePosition;
  options?: ResourceOptions;
}

/** Extra facts the engine keeps about a registration (not part of the JSON document). */
export interface Registration extends PlannedResource {
  options: ResourceOptions;
  custom: boolean;
  /** "urn::id" of an explicit provider, "" when the default provider applies. */
  provider: string;
  providers: Record<string, string>;
  aliases: string[];
  version: string;
  /** Registered through ReadResource (`Resource.get`): not planned for creation. */
  read: boolean;
  outputs?: Record<string, unknown>;
}

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical" | "";

export interface PolicyDiagnostic {
  policyPackName: string;
  policyName: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  urn: string;
  message: string;
}

export interface EngineLog {
  severity: "info" | "warning" | "error";
  message: string;
  urn: string;
}
