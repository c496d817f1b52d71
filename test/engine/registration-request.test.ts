// RegisterResource requests read into plain fields: every getter the monitor reads answers what the generated
// message's would, anything else (setters, toObject, transforms) goes through the generated message, and requests the
// plain reader does not cover are decoded by the generated code. The answer is written without google-protobuf's
// writer, byte for byte as it would write it.
import { createRequire } from "module";
import { jspb, resourceGrpc, resourcePb, structpb } from "../../engine/grpc";
import { objectPayload, withRawRegistrationObjects } from "../../engine/raw-object";
import { PlainRegistration } from "../../engine/registration-request";

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const sourcePb = pulumiRequire("./proto/source_pb.js");
const aliasPb = pulumiRequire("./proto/alias_pb.js");

const service = withRawRegistrationObjects(resourceGrpc.ResourceMonitorService);
const deserialize = (bytes: Uint8Array) => service.registerResource.requestDeserialize(Buffer.from(bytes));
const serialize = (answer: { urn: string; id: string; object?: unknown }): Buffer =>
  service.registerResource.responseSerialize(answer);
const Request = resourcePb.RegisterResourceRequest;

/** The getters the monitor, its transforms and alias specs read, and what they return as plain values. */
const GETTERS = [
  "getType",
  "getName",
  "getParent",
  "getCustom",
  "getProtect",
  "getDependenciesList",
  "getProvider",
  "getDeletebeforereplace",
  "getVersion",
  "getIgnorechangesList",
  "getAcceptsecrets",
  "getAdditionalsecretoutputsList",
  "getAliasurnsList",
  "getImportid",
  "getDeletebeforereplacedefined",
  "getSupportspartialvalues",
  "getRemote",
  "getAcceptresources",
  "getReplaceonchangesList",
  "getPlugindownloadurl",
  "getRetainondelete",
  "getDeletedwith",
  "getAliasspecs",
  "getSupportsresultreporting",
  "getPackageref",
  "getParentstacktracehandle",
  "getHidediffsList",
  "getAliasesList",
  "getTransformsList",
];

function seen(req: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const getter of GETTERS) out[getter] = req[getter]();
  const timeouts = req.getCustomtimeouts();
  out.timeouts = timeouts && [timeouts.getCreate(), timeouts.getUpdate(), timeouts.getDelete(), timeouts.getRead()];
  const pos = req.getSourceposition();
  out.position = pos && [pos.getUri(), pos.getLine(), pos.getColumn()];
  out.propertyDependencies = [...req.getPropertydependenciesMap().entries()].map(([k, v]: [string, any]) => [
    k,
    v.getUrnsList(),
  ]);
  out.providers = [...req.getProvidersMap().entries()];
  out.providerAws = req.getProvidersMap().get("aws");
  out.providerNone = req.getProvidersMap().get("none");
  out.dependencyOfB = req.getPropertydependenciesMap().get("b")?.getUrnsList();
  return out;
}

/** A registration with every field the plain reader reads, maps out of order. */
function fullRequest(): any {
  const req = new Request();
  req.setType("aws:s3/bucket:Bucket");
  req.setName("logs-é");
  req.setParent("urn:pulumi:dev::kit::my:Component::parent");
  req.setCustom(true);
  req.setObject(structpb.Struct.fromJavaScript({ bucket: "b", tags: { a: "1" } }));
  req.setProtect(true);
  req.setDependenciesList(["urn:a", "urn:b"]);
  req.setProvider("urn:pulumi:dev::kit::pulumi:providers:aws::p::id");
  const deps = (urns: string[]) => new Request.PropertyDependencies().setUrnsList(urns);
  req.getPropertydependenciesMap().set("z", deps(["urn:z"]));
  req.getPropertydependenciesMap().set("b", deps(["urn:b1", "urn:b2"]));
  req.getPropertydependenciesMap().set("a", deps([]));
  req.setDeletebeforereplace(true);
  req.setVersion("6.0.0");
  req.setIgnorechangesList(["tags"]);
  req.setAcceptsecrets(true);
  req.setAdditionalsecretoutputsList(["secret"]);
  req.setAliasurnsList(["urn:old"]);
  req.setImportid("bucket-id");
  req.setCustomtimeouts(new Request.CustomTimeouts().setCreate("5m").setDelete("1h").setRead("2m"));
  req.setDeletebeforereplacedefined(true);
  req.setSupportspartialvalues(true);
  req.setAcceptresources(true);
  req.getProvidersMap().set("gcp", "urn:gcp::id");
  req.getProvidersMap().set("aws", "urn:aws::id");
  req.setReplaceonchangesList(["bucket"]);
  req.setPlugindownloadurl("https://example.com");
  req.setRetainondelete(true);
  req.setDeletedwith("urn:other");
  req.setAliasspecs(true);
  req.setSourceposition(new sourcePb.SourcePosition().setUri("file:///index.ts").setLine(12).setColumn(-3));
  req.setStacktrace(new sourcePb.StackTrace().setFramesList([new sourcePb.StackFrame()]));
  req.setSupportsresultreporting(true);
  req.setPackageref("ref");
  req.setParentstacktracehandle("handle");
  req.setHidediffsList(["x"]);
  return req;
}

/** The generated message for the same bytes, inputs and stack trace left out. */
function generated(bytes: Uint8Array): any {
  const req = Request.deserializeBinary(bytes);
  req.setObject(undefined);
  req.setStacktrace(undefined);
  return req;
}

describe("RegisterResource requests read into plain fields", () => {
  it("reads a full registration without the generated classes, every getter as the generated message answers", () => {
    const bytes = fullRequest().serializeBinary();
    const received = deserialize(bytes);
    expect(received).toBeInstanceOf(PlainRegistration);
    expect(seen(received)).toEqual(seen(generated(bytes)));
    expect(seen(received).propertyDependencies).toEqual([
      ["a", []],
      ["b", ["urn:b1", "urn:b2"]],
      ["z", ["urn:z"]],
    ]);
    expect(objectPayload(received)).toBeInstanceOf(Uint8Array);
  });

  it("reads an empty registration as the generated message does", () => {
    const received = deserialize(new Request().serializeBinary());
    expect(received).toBeInstanceOf(PlainRegistration);
    expect(seen(received)).toEqual(seen(new Request()));
    expect(objectPayload(received)).toBeUndefined();
  });

  it("cuts the caller's stack trace, which nothing reads", () => {
    const received = deserialize(fullRequest().serializeBinary());
    expect(received.getStacktrace()).toBeUndefined();
    expect(received.getSourceposition().getLine()).toBe(12);
  });

  it("hands everything but the plain getters to the generated message, setters included", () => {
    const bytes = fullRequest().serializeBinary();
    const received = deserialize(bytes);
    expect(received.toObject()).toEqual(generated(bytes).toObject());
    received.setName("renamed");
    received.getProvidersMap().set("azure", "urn:azure::id");
    expect(received.getName()).toBe("renamed");
    expect(received.getProvidersMap().get("azure")).toBe("urn:azure::id");
    const roundTrip = Request.deserializeBinary(received.serializeBinary());
    expect(roundTrip.getName()).toBe("renamed");
    expect(roundTrip.getVersion()).toBe("6.0.0");
  });

  it("reads repeated map keys and repeated messages as the generated code does (last one wins)", () => {
    const first = new Request();
    first.getProvidersMap().set("aws", "urn:first::id");
    first.setCustomtimeouts(new Request.CustomTimeouts().setCreate("1m"));
    first.setSourceposition(new sourcePb.SourcePosition().setUri("a").setLine(1));
    const second = new Request();
    second.getProvidersMap().set("aws", "urn:second::id");
    second.setCustomtimeouts(new Request.CustomTimeouts().setUpdate("2m"));
    second.setSourceposition(new sourcePb.SourcePosition().setColumn(4));
    const bytes = Buffer.concat([first.serializeBinary(), second.serializeBinary()]);
    const received = deserialize(bytes);
    expect(received).toBeInstanceOf(PlainRegistration);
    expect(seen(received)).toEqual(seen(generated(bytes)));
  });

  it("leaves requests with aliases, transforms or unknown map entry fields to the generated decoder", () => {
    const aliased = fullRequest();
    aliased.setAliasesList([new aliasPb.Alias().setUrn("urn:older")]);
    const received = deserialize(aliased.serializeBinary());
    expect(received).toBeInstanceOf(Request);
    expect(received.getAliasesList()[0].getUrn()).toBe("urn:older");
    expect(received.getStacktrace()).toBeUndefined();

    // A map entry with a third field: google-protobuf's Map reader does not skip it, so its outcome is the generated one.
    const writer = new jspb.BinaryWriter();
    writer.writeString(1, "aws:s3/bucket:Bucket");
    writer.writeMessage(22, {}, () => {
      writer.writeString(1, "aws");
      writer.writeString(3, "junk");
      writer.writeString(2, "urn:aws::id");
    });
    const odd = writer.getResultBuffer();
    let expected: unknown;
    try {
      expected = seen(Request.deserializeBinary(odd));
    } catch (e) {
      expected = (e as Error).message;
    }
    let actual: unknown;
    try {
      const req = deserialize(odd);
      expect(req).toBeInstanceOf(Request);
      actual = seen(req);
    } catch (e) {
      actual = (e as Error).message;
    }
    expect(actual).toEqual(expected);
  });

  it("leaves a field of an unexpected wire type to the generated decoder", () => {
    const writer = new jspb.BinaryWriter();
    writer.writeString(1, "t");
    writer.writeInt32(2, 7); // name as a varint
    const bytes = writer.getResultBuffer();
    let expected: unknown;
    try {
      expected = seen(Request.deserializeBinary(bytes));
    } catch {
      expected = "throws";
    }
    let actual: unknown;
    try {
      actual = seen(deserialize(bytes));
    } catch {
      actual = "throws";
    }
    expect(actual).toEqual(expected);
  });

  it("fails on truncated bytes as the generated decoder does", () => {
    const bytes = fullRequest().serializeBinary();
    const truncated = bytes.subarray(0, bytes.length - 3);
    expect(() => Request.deserializeBinary(truncated)).toThrow();
    let message = "";
    try {
      Request.deserializeBinary(truncated);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(() => deserialize(truncated)).toThrow(message);
  });
});

describe("RegisterResource answers written directly", () => {
  const viaWriter = (urn: string, id: string, object?: Uint8Array) => {
    const writer = new jspb.BinaryWriter();
    if (urn) writer.writeString(1, urn);
    if (id) writer.writeString(2, id);
    if (object) writer.writeBytes(3, object);
    return Buffer.from(writer.getResultBuffer());
  };

  it("writes raw inputs without google-protobuf's writer, byte for byte as it would", () => {
    const object = structpb.Struct.fromJavaScript({ big: "x".repeat(300) }).serializeBinary();
    const cases: [string, string, Uint8Array | undefined][] = [
      ["urn:pulumi:dev::kit::t::name", "", object],
      ["urn:pulumi:dev::kit::t::" + "n".repeat(200) + "-é-日本", "id-1", object],
      ["", "", new Uint8Array()],
      ["u", "", undefined],
    ];
    const writeString = jest.spyOn(jspb.BinaryWriter.prototype, "writeString");
    try {
      for (const [urn, id, obj] of cases) {
        const written = serialize({ urn, id, object: obj });
        writeString.mockClear();
        expect(written).toEqual(viaWriter(urn, id, obj));
        expect(resourcePb.RegisterResourceResponse.deserializeBinary(written).getUrn()).toBe(urn);
      }
      writeString.mockClear();
      serialize({ urn: "urn:pulumi:dev::kit::t::name", id: "", object });
      expect(writeString).not.toHaveBeenCalled();
    } finally {
      writeString.mockRestore();
    }
  });

  it("writes an answer without string fields as google-protobuf's writer does (nothing for the missing ones)", () => {
    const generatedMessage = new resourcePb.RegisterResourceResponse().setUrn("u");
    expect(serialize(generatedMessage)).toEqual(Buffer.alloc(0));
    expect(serialize({ urn: "u" } as never)).toEqual(viaWriter("u", ""));
  });

  it("leaves a URN with a lone surrogate to google-protobuf's writer", () => {
    const urn = "urn:pulumi:dev::kit::t::bad\uD800name";
    expect(serialize({ urn, id: "", object: new Uint8Array([1]) })).toEqual(viaWriter(urn, "", new Uint8Array([1])));
  });
});
