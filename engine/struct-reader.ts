// Reads a google.protobuf.Struct from protobufjs's reader straight into a JavaScript object, as google-protobuf's
// `Struct.deserializeBinary(...).toJavaScript()` would give it without building a message object for every value
// (the pack's AnalyzerInfo holds every policy's config schema: ~80 KB, ~25 ms with google-protobuf at a pack's start).
import type { Reader } from "protobufjs/minimal";

// Field numbers of struct.proto (frozen): Struct.fields = 1 (map entry: key = 1, value = 2); Value: null_value = 1,
// number_value = 2, string_value = 3, bool_value = 4, struct_value = 5, list_value = 6; ListValue.values = 1.
const FIELD = 1;
const KEY = 1;
const VALUE = 2;
const NULL = 1;
const NUMBER = 2;
const STRING = 3;
const BOOL = 4;
const STRUCT = 5;
const LIST = 6;

/** The value a Value holds when it has none: google-protobuf's `toJavaScript` refuses it, with this message. */
const NO_KIND = "Unexpected struct type";

/** Reads a Struct's fields up to `end`; a key seen twice keeps its last value, as a protobuf map does. */
export function readStruct(reader: Reader, end: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 !== FIELD) {
      reader.skipType(tag & 7);
      continue;
    }
    const entryEnd = reader.uint32() + reader.pos;
    let key = "";
    let value: unknown = null;
    let hasValue = false;
    while (reader.pos < entryEnd) {
      const t = reader.uint32();
      if (t >>> 3 === KEY) key = reader.string();
      else if (t >>> 3 === VALUE) {
        value = readValue(reader, reader.uint32() + reader.pos);
        hasValue = true;
      } else reader.skipType(t & 7);
    }
    // An entry without a value holds an empty Value, which google-protobuf refuses.
    if (!hasValue) throw new Error(NO_KIND);
    // An own property even for "__proto__", which plain assignment would take as the object's prototype.
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  }
  return object;
}

/** Reads a Value up to `end`; of several kinds written, the last is kept, as a oneof does. */
function readValue(reader: Reader, end: number): unknown {
  let value: unknown;
  while (reader.pos < end) {
    const tag = reader.uint32();
    switch (tag >>> 3) {
      case NULL:
        reader.int32();
        value = null;
        break;
      case NUMBER:
        value = reader.double();
        break;
      case STRING:
        value = reader.string();
        break;
      case BOOL:
        value = reader.bool();
        break;
      case STRUCT:
        value = readStruct(reader, reader.uint32() + reader.pos);
        break;
      case LIST:
        value = readList(reader, reader.uint32() + reader.pos);
        break;
      default:
        reader.skipType(tag & 7);
    }
  }
  if (value === undefined) throw new Error(NO_KIND);
  return value;
}

function readList(reader: Reader, end: number): unknown[] {
  const list: unknown[] = [];
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 === FIELD) list.push(readValue(reader, reader.uint32() + reader.pos));
    else reader.skipType(tag & 7);
  }
  return list;
}
