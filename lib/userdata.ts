// User-data inspection: the case's attacker brute-forced SSH passwords and planted root keys, so any boot script
// that turns password or root login on, sets passwords, or writes root's authorized_keys is a finding.
//
// User data is read the way cloud-init reads it: MIME multi-part documents part by part, `#cloud-config` as YAML
// (falling back to a line scan when it does not parse), anything else as shell, line by line. Every matcher is
// linear in its input: user data may be hostile.
import { isCloudConfig, scanCloudConfig } from "./userdata-cloud-config";
import { InflateBudget } from "./userdata-decode";
import { Findings, LoginWeakness } from "./userdata-findings";
import { mimeParts } from "./userdata-mime";
import { scanLines } from "./userdata-shell";

export { decodeUserData } from "./userdata-decode";
export type { LoginWeakness, LoginWeaknessKind } from "./userdata-findings";

/**
 * Nested documents (MIME parts, write_files contents, runcmd entries) are scanned as user data to this depth, then
 * as plain lines. Each level may be decoded or inflated; all levels share one scan's inflate budget, so nesting
 * cannot multiply the inflate cap.
 */
const MAX_DEPTH = 4;

/**
 * Lines of a boot script or cloud-config that weaken login. A sed expression that rewrites a directive counts by
 * what it writes (the replacement), so `s/^#PasswordAuthentication.*$/PasswordAuthentication no/` is safe.
 */
export function findLoginWeaknesses(text: string): LoginWeakness[] {
  const found = new Findings();
  if (typeof text === "string") scan(text, { found, budget: new InflateBudget() }, 0, false);
  return found.weaknesses();
}

/** What one findLoginWeaknesses call shares across its nested scans. */
interface Scan {
  found: Findings;
  budget: InflateBudget;
}

function scan(text: string, ctx: Scan, depth: number, cloudConfig: boolean): void {
  const { found, budget } = ctx;
  if (depth >= MAX_DEPTH) return scanLines(text, found);
  const parts = mimeParts(text, budget);
  if (parts) {
    for (const part of parts) scan(part.text, ctx, depth + 1, part.contentType === "text/cloud-config");
    return;
  }
  const nested = (inner: string) => scan(inner, ctx, depth + 1, false);
  if ((cloudConfig || isCloudConfig(text)) && scanCloudConfig(text, found, nested, budget)) return;
  scanLines(text, found);
}
