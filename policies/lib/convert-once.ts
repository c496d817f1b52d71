// @pulumi/policy decodes a resource's properties (Struct → JavaScript → a deep copy) once per policy that may apply
// to it: every policy spanning several types, plus the settings policy, in Analyze; every stack policy in
// AnalyzeStack. That was most of the pack's time per resource. Both steps are pure, so the pack remembers them per
// Struct message: one decoding per resource, shared by its policies. Sharing is safe because no policy of this pack
// writes to its props (test/policies/props-read-only.test.ts holds every policy to that); Remediate, whose props a
// remediation may replace, still decodes for each policy.
import { createRequire } from "module";

interface StructClass {
  prototype: { toJavaScript(): unknown };
}

interface DeserializeModule {
  deserializeProperties(struct: unknown, proxySecrets: boolean): unknown;
}

const MEMOISED = Symbol.for("hardening-kit.struct-to-javascript-once");

/** The google-protobuf Struct class the given @pulumi/policy copy decodes requests with. */
export function structClassOf(policyEntry: string): StructClass {
  const fromPolicy = createRequire(policyEntry);
  const pulumiProto = createRequire(fromPolicy.resolve("@pulumi/pulumi/proto/analyzer_pb"));
  return pulumiProto("google-protobuf/google/protobuf/struct_pb.js").Struct;
}

/** The module whose `deserializeProperties` the given @pulumi/policy copy's handlers call (looked up per call). */
export function deserializeModuleOf(policyEntry: string): DeserializeModule {
  return createRequire(policyEntry)("./deserialize");
}

/** Makes `toJavaScript` convert each Struct message at most once. Idempotent. */
export function convertStructsOnce(struct: StructClass = structClassOf(require.resolve("@pulumi/policy"))): void {
  const proto = struct.prototype as StructClass["prototype"] & { [MEMOISED]?: true };
  if (proto[MEMOISED] || typeof proto.toJavaScript !== "function") return;
  const convert = proto.toJavaScript;
  const converted = new WeakMap<object, unknown>();
  proto.toJavaScript = function (this: object) {
    if (converted.has(this)) return converted.get(this);
    const js = convert.call(this);
    converted.set(this, js);
    return js;
  };
  proto[MEMOISED] = true;
}

/**
 * Makes `deserializeProperties` decode each Struct message at most once when secrets are not proxied (Analyze,
 * AnalyzeStack, the provider of either), handing every caller the same props. Idempotent; a copy of the SDK
 * without the function is left as it is.
 */
export function deserializeOnce(
  deserialize: DeserializeModule = deserializeModuleOf(require.resolve("@pulumi/policy")),
): void {
  const mod = deserialize as DeserializeModule & { [MEMOISED]?: true };
  if (mod[MEMOISED] || typeof mod.deserializeProperties !== "function") return;
  const decode = mod.deserializeProperties;
  const decoded = new WeakMap<object, unknown>();
  mod.deserializeProperties = function (struct: unknown, proxySecrets: boolean) {
    if (proxySecrets || struct === null || typeof struct !== "object") return decode.call(this, struct, proxySecrets);
    if (decoded.has(struct)) return decoded.get(struct);
    const props = decode.call(this, struct, proxySecrets);
    decoded.set(struct, props);
    return props;
  };
  mod[MEMOISED] = true;
}

/** What the pack's entry runs before it serves: each resource's properties are decoded once. */
export function decodePropertiesOnce(policyEntry: string = require.resolve("@pulumi/policy")): void {
  convertStructsOnce(structClassOf(policyEntry));
  deserializeOnce(deserializeModuleOf(policyEntry));
}
