// Secrets as the engine sends them, and props taken through @pulumi/policy's own decoding and handlers (with the
// pack's decode-once memo, policies/lib/convert-once.ts), which unwrap every secret before any rule runs.
import * as path from "path";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { deserializeOnce } from "../../policies/lib/convert-once";
import { analyzeRequest, analyzeStackRequest } from "../../bench/synthetic/analyzer-requests";
import { InProcessPack } from "../../bench/synthetic/in-process-pack";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";
import { StackInput, urnOf } from "./harness";

/** A secret as the engine sends it, before @pulumi/policy unwraps it. */
export const secret = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

const sdk = loadPolicySdk(path.join(__dirname, "../.."));
deserializeOnce(sdk.deserialize);

/** `props` as a rule reads them under the CLI: sent as a Struct over the wire, decoded with secrets not proxied. */
export function decodedBySdk(props: Record<string, unknown>): unknown {
  const { Struct } = sdk.messages;
  const wire = Struct.deserializeBinary(Struct.fromJavaScript(props).serializeBinary());
  return sdk.deserialize.deserializeProperties(wire, false);
}

/** The messages a resource policy reports through the SDK's Analyze handler. */
export async function analyzedBySdk(
  policy: ResourceValidationPolicy,
  type: string,
  props: Record<string, unknown>,
): Promise<string[]> {
  const pack = new InProcessPack(sdk, "secret-wire", [policy]);
  const request = analyzeRequest(sdk.messages, { type, name: "res", urn: urnOf(type, "res"), props });
  return (await pack.analyze(request)).diagnostics.map((d) => d.message);
}

/** The messages a stack policy reports through the SDK's AnalyzeStack handler. */
export async function stackAnalyzedBySdk(policy: StackValidationPolicy, resources: StackInput[]): Promise<string[]> {
  const pack = new InProcessPack(sdk, "secret-wire", [policy]);
  const sent = resources.map((r) => ({ type: r.type, name: r.name, urn: urnOf(r.type, r.name), props: r.props }));
  return (await pack.analyzeStack(analyzeStackRequest(sdk.messages, sent))).diagnostics.map((d) => d.message);
}
