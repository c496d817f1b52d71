// What an invoke answer may depend on: the region it runs in and the stack's configuration.
import { createHash } from "crypto";

export interface InvokeContext {
  region: string;
  /** Stack configuration, "namespace:key" → string. */
  config: Record<string, string>;
}

export type InvokeArgs = Record<string, any>;
export type InvokeHandler = (args: InvokeArgs, ctx: InvokeContext) => Record<string, unknown>;

/** Stable pseudo-identifiers: the same question gets the same answer on every run. */
export function stableHex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

export function firstConfigValue(config: Record<string, string>, key: string): string | undefined {
  const raw = config[key];
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed.length ? String(parsed[0]) : undefined;
  } catch {
    // plain string value
  }
  return raw;
}
