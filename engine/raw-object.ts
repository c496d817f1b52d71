// A registration's `object` (its inputs, a protobuf Struct) crosses the monitor as the bytes the program sent: a
// preview echoes the inputs back unchanged, so decoding them into google-protobuf's object graph and encoding them
// again on every RegisterResource only delays the answer the program waits for (most of a cold monitor's time per
// call). The Struct is decoded when something reads it: a transform, a provider's configuration, or the conversion of
// recorded inputs while the monitor is idle. The wire format is unchanged: the answer carries the same field 3.
import { jspb, resourcePb, structpb } from "./grpc";

/** `RegisterResourceRequest.object` and `RegisterResourceResponse.object` (pulumi/proto/pulumi/resource.proto). */
const REQUEST_OBJECT_FIELD = 5;
const RESPONSE_FIELDS = { urn: 1, id: 2, object: 3 } as const;

/** Inputs as received: undecoded bytes, or a Struct once something decoded or replaced them. */
export type ObjectPayload = Uint8Array | any;

const rawObjects = new WeakMap<object, Uint8Array>();

/** Splits the `object` field off an encoded request: the rest decodes as usual, the field stays bytes. */
function deserializeRegistration(bytes: Buffer): any {
  const reader = new jspb.BinaryReader(bytes);
  let start = -1;
  let end = -1;
  let object: Uint8Array | undefined;
  while (reader.nextField() && !reader.isEndGroup()) {
    if (reader.getFieldNumber() === REQUEST_OBJECT_FIELD && reader.getWireType() === 2) {
      // The SDK sends one; anything else decodes as the generated code decodes it.
      if (object) return resourcePb.RegisterResourceRequest.deserializeBinary(bytes);
      start = reader.getFieldCursor();
      object = reader.readBytes();
      end = reader.getCursor();
    } else {
      reader.skipField();
    }
  }
  if (!object) return resourcePb.RegisterResourceRequest.deserializeBinary(bytes);
  const rest = Buffer.concat([bytes.subarray(0, start), bytes.subarray(end)]);
  const request = resourcePb.RegisterResourceRequest.deserializeBinary(rest);
  rawObjects.set(request, object);
  return request;
}

/** What the monitor answers a registration with. */
export interface RegistrationAnswer {
  urn: string;
  id: string;
  object?: ObjectPayload;
}

function serializeAnswer(answer: RegistrationAnswer): Buffer {
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
