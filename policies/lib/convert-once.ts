// @pulumi/policy converts a resource's property Struct to JavaScript once per policy that may apply to it (every
// policy spanning several types, plus the settings policy), which is most of the pack's time per resource. The
// conversion is pure, and in the SDK each result is either copied into a policy's own props (Analyze, Remediate,
// AnalyzeStack) or converted and amended once per message (Configure), so the pack remembers it per Struct message:
// one conversion per resource, and every policy still gets its own copy.
import { createRequire } from "module";

interface StructClass {
  prototype: { toJavaScript(): unknown };
}

const MEMOISED = Symbol.for("hardening-kit.struct-to-javascript-once");

/** The google-protobuf Struct class the given @pulumi/policy copy decodes requests with. */
export function structClassOf(policyEntry: string): StructClass {
  const fromPolicy = createRequire(policyEntry);
  const pulumiProto = createRequire(fromPolicy.resolve("@pulumi/pulumi/proto/analyzer_pb"));
  return pulumiProto("google-protobuf/google/protobuf/struct_pb.js").Struct;
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
