// @pulumi/policy decodes a resource's properties (Struct → JavaScript → a deep copy) once per policy that may apply
// to it: every policy spanning several types, plus the settings policy, in Analyze; every stack policy in
// AnalyzeStack. That was most of the pack's time per resource. Both steps are pure, so the pack remembers them per
// request's Struct: one decoding per resource, shared by its policies. Sharing is safe because no policy of this pack
// writes to its props (test/policies/props-read-only.test.ts holds every policy to that); Remediate, whose props a
// remediation may replace, still gets a fresh deep copy for each policy, made from the Struct converted once.
// Plain data, most resources' props, is read straight from the Struct (plain-struct.ts) rather than by the SDK.
// Only the request's own Struct is remembered, not the Structs nested in it: a memo entry for every nested object
// cost more in lookups and garbage collection than the conversions it saved.
// The one decoding is also the one place that still sees secret envelopes: the secret values it unwraps are remembered
// against the props (secret-values.ts) so that messages can mask them.
import { createRequire } from "module";
import { plainPropsOf } from "./plain-struct";
import { rememberSecrets, secretValuesIn } from "./secret-values";

interface DeserializeModule {
  deserializeProperties(struct: unknown, proxySecrets: boolean): unknown;
}

const MEMOISED = Symbol.for("hardening-kit.struct-to-javascript-once");

/** Props decoded once from a request's message: one object per resource of one request, written by no policy. */
const fromMessages = new WeakSet<object>();

/**
 * True for props this module decoded from a request's message and shares between that request's policies: nothing
 * else holds them, so what is derived from them holds for the whole request (stack/resources.ts, stack-view.ts).
 */
export function decodedFromMessage(props: object): boolean {
  return fromMessages.has(props);
}

/** The module whose `deserializeProperties` the given @pulumi/policy copy's handlers call (looked up per call). */
export function deserializeModuleOf(policyEntry: string): DeserializeModule {
  return createRequire(policyEntry)("./deserialize");
}

interface Convertible {
  toJavaScript(): unknown;
}

const isConvertible = (struct: unknown): struct is Convertible =>
  struct !== null && typeof struct === "object" && typeof (struct as Convertible).toJavaScript === "function";

/**
 * Makes `deserializeProperties` decode each Struct message at most once when secrets are not proxied (Analyze,
 * AnalyzeStack, the provider of either), handing every caller the same props; with proxied secrets (Remediate) each
 * caller gets its own copy, converted from the message once. Idempotent; a copy of the SDK without the function is
 * left as it is.
 */
export function deserializeOnce(
  deserialize: DeserializeModule = deserializeModuleOf(require.resolve("@pulumi/policy")),
): void {
  const mod = deserialize as DeserializeModule & { [MEMOISED]?: true };
  if (mod[MEMOISED] || typeof mod.deserializeProperties !== "function") return;
  const decode = mod.deserializeProperties;
  const decoded = new WeakMap<object, unknown>();
  const converted = new WeakMap<object, unknown>();
  mod.deserializeProperties = function (struct: unknown, proxySecrets: boolean) {
    if (!isConvertible(struct)) return decode.call(this, struct, proxySecrets);
    if (proxySecrets) {
      let js = converted.get(struct);
      if (js === undefined) converted.set(struct, (js = struct.toJavaScript()));
      // deserializeProperties copies what toJavaScript returns, so every caller still gets props of its own.
      return decode.call(this, { toJavaScript: () => js }, true);
    }
    let props = decoded.get(struct);
    if (props === undefined) decoded.set(struct, (props = decodeRememberingSecrets(this, decode, struct)));
    return props;
  };
  mod[MEMOISED] = true;
}

/**
 * Decodes with secrets unwrapped, as the SDK does for Analyze and AnalyzeStack, and remembers the secrets the Struct
 * held against the props (secret-values.ts): once unwrapped, nothing tells them apart. The Struct is converted once;
 * the SDK copies that conversion, and the secrets are read from it, before unwrapping.
 */
function decodeRememberingSecrets(
  self: unknown,
  decode: DeserializeModule["deserializeProperties"],
  struct: Convertible,
) {
  // Plain data (most resources) is read in one walk; it holds no secret to remember.
  const plain = plainPropsOf(struct);
  if (plain !== undefined) {
    fromMessages.add(plain);
    return plain;
  }
  const js = struct.toJavaScript();
  const props = decode.call(self, { toJavaScript: () => js }, false);
  rememberSecrets(props, secretValuesIn(js));
  if (props !== null && typeof props === "object") fromMessages.add(props);
  return props;
}

/** What the pack's entry runs before it serves: each resource's properties are decoded once. */
export function decodePropertiesOnce(policyEntry: string = require.resolve("@pulumi/policy")): void {
  deserializeOnce(deserializeModuleOf(policyEntry));
}
