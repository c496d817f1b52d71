// RegisterResource's inputs cross the monitor as bytes: the request decodes as the generated code would, and the answer
// is byte for byte what the generated serializer writes.
import { resourceGrpc, resourcePb, structpb, UNKNOWN } from "../../engine/grpc";
import {
  decodeObject,
  objectPayload,
  payloadToJs,
  withRawRegistrationObjects,
  type RegistrationAnswer,
} from "../../engine/raw-object";

const service = withRawRegistrationObjects(resourceGrpc.ResourceMonitorService);
const deserialize = (bytes: Uint8Array) => service.registerResource.requestDeserialize(Buffer.from(bytes));
const serialize = (answer: RegistrationAnswer): Buffer => service.registerResource.responseSerialize(answer);

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" };
const INPUTS = {
  vpcId: UNKNOWN,
  ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: [] }],
  tags: { owner: "ops", empty: null, enabled: true },
  password: SECRET,
};

function request(inputs?: Record<string, unknown>): any {
  const req = new resourcePb.RegisterResourceRequest();
  req.setType("aws:ec2/securityGroup:SecurityGroup");
  req.setName("web");
  req.setParent("urn:pulumi:dev::kit::pulumi:pulumi:Stack::kit-dev");
  req.setCustom(true);
  if (inputs) req.setObject(structpb.Struct.fromJavaScript(inputs));
  req.setDependenciesList(["urn:pulumi:dev::kit::aws:ec2/vpc:Vpc::main"]);
  req.getPropertydependenciesMap().set("vpcId", new resourcePb.RegisterResourceRequest.PropertyDependencies());
  req.setVersion("6.83.0");
  req.setAcceptsecrets(true);
  req.setIgnorechangesList(["tags"]);
  return req;
}

describe("RegisterResource inputs kept as bytes", () => {
  it("decodes every other field as the generated code does and keeps the inputs undecoded", () => {
    const sent = request(INPUTS);
    const received = deserialize(sent.serializeBinary());
    expect(received.getObject()).toBeUndefined();
    expect(objectPayload(received)).toBeInstanceOf(Uint8Array);
    expect(payloadToJs(objectPayload(received))).toEqual(sent.getObject().toJavaScript());
    decodeObject(received);
    expect(received.toObject()).toEqual(sent.toObject());
  });

  it("answers with the bytes the generated serializer writes, from raw inputs and from a Struct", () => {
    const sent = request(INPUTS);
    const expected = new resourcePb.RegisterResourceResponse();
    expected.setUrn("urn:pulumi:dev::kit::aws:ec2/securityGroup:SecurityGroup::web");
    expected.setId("");
    expected.setObject(sent.getObject());
    const generated = Buffer.from(expected.serializeBinary());

    const received = deserialize(sent.serializeBinary());
    const urn = expected.getUrn();
    expect(serialize({ urn, id: "", object: objectPayload(received) })).toEqual(generated);
    decodeObject(received);
    expect(serialize({ urn, id: "", object: objectPayload(received) })).toEqual(generated);
    const decoded = resourcePb.RegisterResourceResponse.deserializeBinary(generated);
    expect(decoded.getObject().toJavaScript()).toEqual(INPUTS);
  });

  it("handles a registration without inputs", () => {
    const received = deserialize(request().serializeBinary());
    expect(objectPayload(received)).toBeUndefined();
    expect(payloadToJs(objectPayload(received))).toEqual({});
    const answer = resourcePb.RegisterResourceResponse.deserializeBinary(serialize({ urn: "u", id: "" }));
    expect(answer.getUrn()).toBe("u");
    expect(answer.getObject()).toBeUndefined();
  });

  it("reads inputs sent twice as the generated code reads them", () => {
    const first = request({ a: 1, shared: "first" });
    const second = new resourcePb.RegisterResourceRequest();
    second.setObject(structpb.Struct.fromJavaScript({ b: 2, shared: "second" }));
    const bytes = Buffer.concat([first.serializeBinary(), second.serializeBinary()]);
    const expected = resourcePb.RegisterResourceRequest.deserializeBinary(bytes).getObject().toJavaScript();
    // google-protobuf keeps the last occurrence (other decoders merge them); the monitor follows the program's copy.
    expect(expected).toEqual({ b: 2, shared: "second" });
    expect(payloadToJs(objectPayload(deserialize(bytes)))).toEqual(expected);
  });

  it("fails a Value without a kind when the inputs are read, as google-protobuf does", () => {
    const struct = new structpb.Struct();
    struct.getFieldsMap().set("broken", new structpb.Value());
    const req = request();
    req.setObject(struct);
    const payload = objectPayload(deserialize(req.serializeBinary()));
    expect(() => payloadToJs(payload)).toThrow("Unexpected struct type");
  });
});
