// The pack's resource rules run through @pulumi/policy's own Analyze handler, in process: unknown markers, the
// unknown-checking proxy and the violation reporting behave exactly as in a preview.
import * as path from "path";
import { analyzeRequest } from "../../bench/synthetic/analyzer-requests";
import { InProcessPack } from "../../bench/synthetic/in-process-pack";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";
import { urnOf } from "../../bench/synthetic/resource";
import { resourcePolicies } from "../../policies/catalog";
import type { Diagnostic } from "./harness";

/** pulumirpc.EnforcementLevel, by its number. */
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

const sdk = loadPolicySdk(path.join(__dirname, "../.."));
const pack = new InProcessPack(sdk, "hardening-kit", resourcePolicies);

/** What the handler reports for one resource of the stack "test", in the order it reports it. */
export async function analyzeThroughHandler(
  type: string,
  name: string,
  props: Record<string, unknown>,
): Promise<Diagnostic[]> {
  const request = analyzeRequest(sdk.messages, { type, name, urn: urnOf(type, name, "test"), props });
  const { diagnostics } = await pack.analyze(request);
  return diagnostics.map((d) => ({ policy: d.policyName, level: LEVELS[d.enforcementLevel], message: d.message }));
}
