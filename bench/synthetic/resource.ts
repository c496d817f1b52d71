// The shape every synthetic or fuzzed resource takes before it becomes an analyzer request.

export interface SyntheticResource {
  type: string;
  name: string;
  urn: string;
  /** Resource inputs as the engine sends them: plain JSON-like values, unknown sentinels, secret envelopes. */
  props: Record<string, unknown>;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

export function urnOf(type: string, name: string, stack = "bench", project = "hardening-kit"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** The cloud a resource type belongs to, read from its package prefix. */
export function cloudOf(type: string): string {
  return type.split(":", 1)[0];
}
