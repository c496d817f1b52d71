// Most resources' properties are plain data: no secret, asset, archive or other signed value. For those, what
// @pulumi/policy's deserializeProperties returns (Struct.toJavaScript, then a deep copy that unwraps signed values)
// equals the Struct read once into plain objects, which is what this module does, in one walk instead of three
// (conversion, copy, and the search for secrets). A Struct holding anything else is left to the SDK: the reader
// gives up on the first signed object, and on a `__proto__` key, whose assignment the SDK's conversion turns into a
// prototype (test/policies/plain-struct.test.ts compares both on hostile Structs).
// Only the Struct and Value messages' generated accessors are used, so any copy of google-protobuf reads alike.
import { SIG_KEY } from "../../lib/wire-values";

/** Thrown inside the walk when the Struct holds something other than plain data; never escapes this module. */
const NOT_PLAIN = Symbol("not plain data");

interface ValueMessage {
  hasStringValue(): boolean;
  getStringValue(): string;
  hasStructValue(): boolean;
  getStructValue(): StructMessage;
  hasListValue(): boolean;
  getListValue(): { getValuesList(): ValueMessage[] };
  hasBoolValue(): boolean;
  getBoolValue(): boolean;
  hasNumberValue(): boolean;
  getNumberValue(): number;
  hasNullValue(): boolean;
}

interface StructMessage {
  getFieldsMap(): { forEach(fn: (value: ValueMessage, key: string) => void, self: object): void };
}

const isStructMessage = (struct: unknown): struct is StructMessage =>
  struct !== null && typeof struct === "object" && typeof (struct as StructMessage).getFieldsMap === "function";

/**
 * The props @pulumi/policy would decode from the Struct, when it holds plain data only; undefined when it holds a
 * signed value or anything else the SDK must decode itself (it then also says what is wrong with a malformed one).
 */
export function plainPropsOf(struct: unknown): Record<string, unknown> | undefined {
  if (!isStructMessage(struct)) return undefined;
  try {
    return objectOf(struct);
  } catch (e) {
    // A Struct nested deeper than this walk's stack allows is the SDK's to decode or to fail on.
    if (e === NOT_PLAIN || e instanceof RangeError) return undefined;
    throw e;
  }
}

// Most values are strings, then objects and lists: the accessors are asked in that order. The generated `getKindCase`
// would rewrite the message's fields on every call.
function valueOf(v: ValueMessage): unknown {
  if (v.hasStringValue()) return v.getStringValue();
  if (v.hasStructValue()) return objectOf(v.getStructValue());
  if (v.hasListValue()) {
    const values = v.getListValue().getValuesList();
    const list = new Array<unknown>(values.length);
    for (let i = 0; i < values.length; i++) list[i] = valueOf(values[i]);
    return list;
  }
  if (v.hasBoolValue()) return v.getBoolValue();
  if (v.hasNumberValue()) return v.getNumberValue();
  if (v.hasNullValue()) return null;
  throw NOT_PLAIN;
}

function objectOf(struct: StructMessage): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  struct.getFieldsMap().forEach(putField, obj);
  return obj;
}

function putField(this: Record<string, unknown>, value: ValueMessage, key: string): void {
  if (key === SIG_KEY || key === "__proto__") throw NOT_PLAIN;
  this[key] = valueOf(value);
}
