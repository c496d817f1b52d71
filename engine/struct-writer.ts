// Writes a JavaScript object as a google.protobuf.Struct straight into protobufjs's writer. google-protobuf's
// `Struct.fromJavaScript(...).serializeBinary()` builds a message object for every value first; over the properties of
// 10,000 resources that took ~200 ms, this ~55 ms. The bytes are google-protobuf's own: the same fields, map keys
// sorted as its serializer sorts them, and the same refusal of what a Struct cannot hold.
import type { Writer } from "protobufjs/minimal";

// Wire tags (field number << 3 | wire type) of struct.proto, which is frozen: Struct.fields = 1 (map entries:
// key = 1, value = 2); Value: null_value = 1, number_value = 2, string_value = 3, bool_value = 4, struct_value = 5,
// list_value = 6; ListValue.values = 1.
const STRUCT_FIELD = (1 << 3) | 2;
const ENTRY_KEY = (1 << 3) | 2;
const ENTRY_VALUE = (2 << 3) | 2;
const NULL_VALUE = (1 << 3) | 0;
const NUMBER_VALUE = (2 << 3) | 1;
const STRING_VALUE = (3 << 3) | 2;
const BOOL_VALUE = (4 << 3) | 0;
const STRUCT_VALUE = (5 << 3) | 2;
const LIST_VALUE = (6 << 3) | 2;
const LIST_ITEM = (1 << 3) | 2;

/** Writes the Struct's fields (the message body, without a length: the caller forks around it). */
export function writeStruct(writer: Writer, object: object): void {
  // google-protobuf reads the keys with for-in and writes its map sorted by key.
  const keys: string[] = [];
  for (const key in object) keys.push(key);
  keys.sort();
  for (const key of keys) {
    writer.uint32(STRUCT_FIELD).fork();
    writer.uint32(ENTRY_KEY).string(key);
    writer.uint32(ENTRY_VALUE).fork();
    writeValue(writer, (object as Record<string, unknown>)[key]);
    writer.ldelim();
    writer.ldelim();
  }
}

function writeValue(writer: Writer, value: unknown): void {
  if (value === null) {
    writer.uint32(NULL_VALUE).int32(0);
  } else if (typeof value === "string") {
    writer.uint32(STRING_VALUE).string(value);
  } else if (typeof value === "number") {
    writer.uint32(NUMBER_VALUE).double(value);
  } else if (typeof value === "boolean") {
    writer.uint32(BOOL_VALUE).bool(value);
  } else if (Array.isArray(value)) {
    writer.uint32(LIST_VALUE).fork();
    for (const item of value) {
      writer.uint32(LIST_ITEM).fork();
      writeValue(writer, item);
      writer.ldelim();
    }
    writer.ldelim();
  } else if (typeof value === "object") {
    writer.uint32(STRUCT_VALUE).fork();
    writeStruct(writer, value);
    writer.ldelim();
  } else {
    // google-protobuf's own message for undefined, functions, symbols and bigints.
    throw new Error("Unexpected struct type.");
  }
}
