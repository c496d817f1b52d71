// The engine writes the analyzer's resource requests itself; a pack must receive exactly the message google-protobuf
// would have written. Each row compares the bytes with google-protobuf's serialization of the same message.
import { encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "../../engine/analyzer-encoding";
import { analyzerPb, structpb } from "../../engine/grpc";
import type { AnalyzerInput } from "../../engine/policy-host";
import { durationSeconds } from "../../engine/timeouts";
import { syntheticStack } from "../../bench/synthetic/generate";

/** google-protobuf's message for the resource, built with its generated setters (the oracle). */
function referenceResource<T>(message: T & Record<string, any>, r: AnalyzerInput): T {
  message.setUrn(r.urn);
  message.setType(r.type);
  message.setName(r.name);
  message.setProperties(structpb.Struct.fromJavaScript(r.inputs));
  const options = new analyzerPb.AnalyzerResourceOptions();
  options.setProtect(r.options?.protect ?? false);
  options.setIgnorechangesList(r.options?.ignoreChanges ?? []);
  options.setAliasesList(r.options?.aliases ?? []);
  options.setAdditionalsecretoutputsList(r.options?.additionalSecretOutputs ?? []);
  options.setParent(r.parent ?? "");
  const timeouts = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
  const t = r.options?.customTimeouts ?? {};
  timeouts.setCreate(durationSeconds(t.create ?? "") ?? 0);
  timeouts.setUpdate(durationSeconds(t.update ?? "") ?? 0);
  timeouts.setDelete(durationSeconds(t.delete ?? "") ?? 0);
  options.setCustomtimeouts(timeouts);
  if (r.options?.deleteBeforeReplace !== undefined) {
    options.setDeletebeforereplace(r.options.deleteBeforeReplace);
    options.setDeletebeforereplacedefined(true);
  }
  message.setOptions(options);
  if (r.provider) {
    const provider = new analyzerPb.AnalyzerProviderResource();
    provider.setUrn(r.provider.urn);
    provider.setType(r.provider.type);
    provider.setName(r.provider.name);
    provider.setProperties(structpb.Struct.fromJavaScript(r.provider.inputs));
    message.setProvider(provider);
  }
  return message;
}

function referenceStack(resources: AnalyzerInput[]): Uint8Array {
  const req = new analyzerPb.AnalyzeStackRequest();
  req.setResourcesList(
    resources.map((r) => {
      const message = referenceResource(new analyzerPb.AnalyzerResource(), r);
      message.setParent(r.parent ?? "");
      message.setDependenciesList(r.dependencies ?? []);
      for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
        message.getPropertydependenciesMap().set(key, new analyzerPb.AnalyzerPropertyDependencies().setUrnsList(urns));
      }
      return message;
    }),
  );
  return req.serializeBinary();
}

const referenceRequest = (r: AnalyzerInput): Uint8Array =>
  referenceResource(new analyzerPb.AnalyzeRequest(), r).serializeBinary();

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

const URN = "urn:pulumi:dev::kit::aws:ec2/securityGroup:SecurityGroup::web";
const base: AnalyzerInput = { urn: URN, type: "aws:ec2/securityGroup:SecurityGroup", name: "web", inputs: {} };

const TRICKY: [string, AnalyzerInput][] = [
  ["no properties", base],
  [
    "every kind of value",
    {
      ...base,
      inputs: {
        s: "text",
        empty: "",
        n: 22,
        negative: -1,
        fraction: 0.25,
        big: 2 ** 60,
        minusZero: -0,
        infinite: -Infinity,
        yes: true,
        no: false,
        nothing: null,
        list: [1, "two", null, [], {}, [[false]]],
        nested: { deeper: { deepest: ["0.0.0.0/0", "::/0"] } },
      },
    },
  ],
  [
    "keys in any order, numeric-looking and empty ones, and text beyond ASCII",
    {
      ...base,
      inputs: { zeta: 1, "10": 2, "9": 3, "": "empty key", Alpha: "ü – 日本 🙂", alpha: { b: 1, a: 2, "": [] } },
    },
  ],
  [
    "the engine's unknown and secret encodings",
    {
      ...base,
      inputs: {
        vpcId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        password: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" },
      },
    },
  ],
  [
    "a provider",
    {
      ...base,
      provider: {
        urn: "urn:pulumi:dev::kit::pulumi:providers:aws::default",
        type: "pulumi:providers:aws",
        name: "default",
        inputs: { region: "eu-west-1", version: "7.48.0" },
      },
    },
  ],
  ["a provider with empty fields", { ...base, provider: { urn: "", type: "", name: "", inputs: {} } }],
  ["empty urn, type and name", { urn: "", type: "", name: "", inputs: { a: 1 } }],
  [
    "every option",
    {
      ...base,
      parent: "urn:pulumi:dev::kit::pulumi:pulumi:Stack::kit-dev",
      options: {
        protect: true,
        ignoreChanges: ["tags", "ingress[0]"],
        aliases: ["urn:pulumi:dev::kit::aws:ec2/securityGroup:SecurityGroup::old"],
        additionalSecretOutputs: ["password"],
        deleteBeforeReplace: false,
        customTimeouts: { create: "5m", update: "1h30m", delete: "90s" },
      },
    },
  ],
];

describe("analyzer request encoding", () => {
  it.each(TRICKY)("writes an AnalyzeRequest as google-protobuf does: %s", (_what, r) => {
    expect(hex(encodeAnalyzeRequest(r))).toBe(hex(referenceRequest(r)));
  });

  it("writes NaN as a NaN double (google-protobuf picks another of NaN's bit patterns)", () => {
    const decoded = analyzerPb.AnalyzeRequest.deserializeBinary(
      encodeAnalyzeRequest({ ...base, inputs: { n: [NaN] } }),
    );
    expect(decoded.getProperties().toJavaScript()).toEqual({ n: [NaN] });
  });

  it("writes an AnalyzeStackRequest as google-protobuf does, links included", () => {
    const parent = "urn:pulumi:dev::kit::pulumi:pulumi:Stack::kit-dev";
    const resources: AnalyzerInput[] = [
      ...TRICKY.map(([, r]) => r),
      { ...base, parent, dependencies: [parent, URN], propertyDependencies: { vpcId: [URN], z: [], a: [parent, URN] } },
      { ...base, parent: "", dependencies: [], propertyDependencies: {} },
    ];
    expect(hex(encodeAnalyzeStackRequest(resources))).toBe(hex(referenceStack(resources)));
    expect(hex(encodeAnalyzeStackRequest([]))).toBe(hex(referenceStack([])));
  });

  it("writes the benchmark's 2,000 synthetic resources of both clouds as google-protobuf does", () => {
    const resources = syntheticStack(2_000).map((r) => ({ urn: r.urn, type: r.type, name: r.name, inputs: r.props }));
    const differing = resources.filter((r) => hex(encodeAnalyzeRequest(r)) !== hex(referenceRequest(r)));
    expect(differing.map((r) => r.urn)).toEqual([]);
    expect(Buffer.from(encodeAnalyzeStackRequest(resources)).equals(Buffer.from(referenceStack(resources)))).toBe(true);
  });

  it.each([
    ["undefined", undefined],
    ["a function", () => 1],
    ["a bigint", BigInt(1)],
  ])("refuses %s inside the properties with google-protobuf's own error", (_what, value) => {
    const r = { ...base, inputs: { ok: 1, list: [value] } };
    expect(() => referenceRequest(r)).toThrow("Unexpected struct type.");
    expect(() => encodeAnalyzeRequest(r)).toThrow("Unexpected struct type.");
  });
});
