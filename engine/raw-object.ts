// A registration's `object` (its inputs, a protobuf Struct) crosses the monitor as the bytes the program sent: a
// preview echoes the inputs back unchanged, so decoding them into google-protobuf's object graph and encoding them
// again on every RegisterResource only delays the answer the program waits for (most of a cold monitor's time per
// call). The Struct is decoded when something reads it: a transform, a provider's configuration, or the conversion of
// recorded inputs while the monitor is idle. The wire format is unchanged: the answer carries the same field 3.
import { jspb, resourcePb, structpb } from "./grpc";
import { readPlainRegistration } from "./registration-request";

/** `RegisterResourceRequest.object` and `RegisterResourceResponse.object` (pulumi/proto/pulumi/resource.proto). */
const REQUEST_OBJECT_FIELD = 5;
const RESPONSE_FIELDS = { urn: 1, id: 2, object: 3 } as const;

/** Inputs as received: undecoded bytes, or a Struct once something decoded or replaced them. */
export type ObjectPayload = Uint8Array | any;

const rawObjects = new WeakMap<object, Uint8Array>();

/**
 * The caller's stack (`stackTrace`, field 35): the SDK sends one with every registration and nothing here reads it
 * (the source position is field 29), so it is cut before decoding, which saves a nested message per call.
 */
const REQUEST_STACK_TRACE_FIELD = 35;

/** The bytes of `bytes` outside the ranges [start, end) listed in `cuts` (in order). */
function withoutRanges(bytes: Buffer, cuts: number[]): Buffer {
  if (!cuts.length) return bytes;
  const kept: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < cuts.length; i += 2) {
    kept.push(bytes.subarray(from, cuts[i]));
    from = cuts[i + 1];
  }
  kept.push(bytes.subarray(from));
  return Buffer.concat(kept);
}

/**
 * Splits the `object` field off an encoded request: the rest decodes as usual (into plain fields when it can, see
 * registration-request.ts), the field stays bytes. The stack trace is cut from the rest.
 */
function deserializeRegistration(bytes: Buffer): any {
  // Byte ranges [start, end) left out of the decoded rest, in order.
  const cuts: number[] = [];
  let object: Uint8Array | undefined;
  const cut = (field: number, reader: any): boolean => {
    if (reader.getWireType() !== 2) return false;
    const start = reader.getFieldCursor();
    if (field === REQUEST_OBJECT_FIELD) {
      if (object) return false;
      object = reader.readBytes();
    } else if (field === REQUEST_STACK_TRACE_FIELD) {
      reader.skipField();
    } else {
      return false;
    }
    cuts.push(start, reader.getCursor());
    return true;
  };
  const plain = readPlainRegistration(bytes, cut, () => withoutRanges(bytes, cuts));
  if (plain) {
    if (object) rawObjects.set(plain, object);
    return plain;
  }
  cuts.length = 0;
  object = undefined;
  const reader = new jspb.BinaryReader(bytes);
  while (reader.nextField() && !reader.isEndGroup()) {
    const field = reader.getFieldNumber();
    // The SDK sends one; anything else decodes as the generated code decodes it.
    if (field === REQUEST_OBJECT_FIELD && object && reader.getWireType() === 2) {
      return resourcePb.RegisterResourceRequest.deserializeBinary(bytes);
    }
    if (!cut(field, reader)) reader.skipField();
  }
  const request = resourcePb.RegisterResourceRequest.deserializeBinary(withoutRanges(bytes, cuts));
  if (object) rawObjects.set(request, object);
  return request;
}

/** What the monitor answers a registration with. */
export interface RegistrationAnswer {
  urn: string;
  id: string;
  object?: ObjectPayload;
}

/** A lone surrogate encodes differently in google-protobuf's writer and in node's: the writer takes those. */
const SURROGATE = /[\uD800-\uDFFF]/u;

function varintLength(n: number): number {
  let length = 1;
  while (n >= 0x80) {
    n >>>= 7;
    length++;
  }
  return length;
}

function writeVarint(out: Buffer, at: number, n: number): number {
  while (n >= 0x80) {
    out[at++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  out[at++] = n;
  return at;
}

/**
 * The answer's bytes, written directly: three length-delimited fields, as the generated serializer writes them (empty
 * strings left off, raw inputs always written). google-protobuf's writer costs most of an answer on a cold monitor.
 */
function serializeAnswer(answer: RegistrationAnswer): Buffer {
  const { urn, id, object } = answer;
  const plain = typeof urn === "string" && typeof id === "string" && (!object || object instanceof Uint8Array);
  if (!plain || SURROGATE.test(urn) || SURROGATE.test(id)) {
    return serializeAnswerWithWriter(answer);
  }
  const urnLength = Buffer.byteLength(urn);
  const idLength = Buffer.byteLength(id);
  const field = (length: number) => 1 + varintLength(length) + length;
  const size = (urn ? field(urnLength) : 0) + (id ? field(idLength) : 0) + (object ? field(object.length) : 0);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  if (urn) {
    out[at++] = (RESPONSE_FIELDS.urn << 3) | 2;
    at = writeVarint(out, at, urnLength);
    at += out.write(urn, at, "utf8");
  }
  if (id) {
    out[at++] = (RESPONSE_FIELDS.id << 3) | 2;
    at = writeVarint(out, at, idLength);
    at += out.write(id, at, "utf8");
  }
  if (object) {
    out[at++] = (RESPONSE_FIELDS.object << 3) | 2;
    at = writeVarint(out, at, object.length);
    out.set(object, at);
  }
  return out;
}

function serializeAnswerWithWriter(answer: RegistrationAnswer): Buffer {
  const writer = new jspb.BinaryWriter();
  // proto3 leaves empty strings off the wire, as the generated serializer does.
  if (answer.urn) writer.writeString(RESPONSE_FIELDS.urn, answer.urn);
  if (answer.id) writer.writeString(RESPONSE_FIELDS.id, answer.id);
  if (answer.object instanceof Uint8Array) writer.writeBytes(RESPONSE_FIELDS.object, answer.object);
  else if (answer.object) {
    writer.writeMessage(RESPONSE_FIELDS.object, answer.object, structpb.Struct.serializeBinaryToWriter);
  }
  return Buffer.from(writer.getResultBuffer());
}

/** The ResourceMonitor service with RegisterResource's inputs passed through as bytes. */
export function withRawRegistrationObjects(
  service: import("@grpc/grpc-js").ServiceDefinition,
): import("@grpc/grpc-js").ServiceDefinition {
  return {
    ...service,
    registerResource: {
      ...service.registerResource,
      requestDeserialize: deserializeRegistration,
      responseSerialize: serializeAnswer,
    },
  };
}

/** The request's inputs without decoding them: bytes as received, or the Struct a transform left. */
export function objectPayload(request: any): ObjectPayload | undefined {
  return rawObjects.get(request) ?? request.getObject();
}

/** Decodes the request's inputs into its `object` field, for code that reads or replaces the Struct. */
export function decodeObject(request: any): void {
  const raw = rawObjects.get(request);
  if (!raw) return;
  rawObjects.delete(request);
  request.setObject(structpb.Struct.deserializeBinary(raw));
}

/** Inputs as plain values (as google-protobuf's `toJavaScript` gives them): `{}` when there are none. */
export function payloadToJs(payload: ObjectPayload | undefined): Record<string, unknown> {
  if (!payload) return {};
  const struct = payload instanceof Uint8Array ? structpb.Struct.deserializeBinary(payload) : payload;
  return struct.toJavaScript();
}
