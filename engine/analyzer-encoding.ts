// The analyzer requests that carry resources (Analyze, Remediate, AnalyzeStack), encoded by the engine itself: the
// resource's fields and its properties' Struct go straight into protobufjs's writer (struct-writer.ts), the options
// and the stack's links through google-protobuf's generated classes. The bytes are those google-protobuf would write
// for the same message, fields in number order (test/engine/analyzer-encoding.test.ts compares them).
import type { Writer } from "protobufjs/minimal";
import { analyzerPb } from "./grpc";
import { protobufRuntime } from "./protobuf-runtime";
import type { AnalyzerInput } from "./policy-host";
import { writeStruct } from "./struct-writer";
import { durationSeconds, type CustomTimeouts } from "./timeouts";

const newWriter = (): Writer => protobufRuntime().Writer.create();

// Wire tags of analyzer.proto: AnalyzeRequest and AnalyzerResource share fields 1-6 (type, properties, urn, name,
// options, provider), as AnalyzerProviderResource shares 1-4; AnalyzeStackRequest.resources = 1.
const TYPE = (1 << 3) | 2;
const PROPERTIES = (2 << 3) | 2;
const URN = (3 << 3) | 2;
const NAME = (4 << 3) | 2;
const OPTIONS = (5 << 3) | 2;
const PROVIDER = (6 << 3) | 2;
const RESOURCES = (1 << 3) | 2;

/** An AnalyzeRequest (Analyze and Remediate) for the resource. */
export function encodeAnalyzeRequest(r: AnalyzerInput): Uint8Array {
  const writer = newWriter();
  writeResourceFields(writer, r);
  return writer.finish();
}

/** An AnalyzeStackRequest of the resources, each with its parent, dependencies and property dependencies. */
export function encodeAnalyzeStackRequest(resources: readonly AnalyzerInput[]): Uint8Array {
  const writer = newWriter();
  for (const r of resources) {
    const fields = newWriter();
    writeResourceFields(fields, r);
    // The fields after 6 come encoded by google-protobuf; a message's fields may be joined as bytes.
    writer.uint32(RESOURCES).bytes(Buffer.concat([fields.finish(), stackLinks(r).serializeBinary()]));
  }
  return writer.finish();
}

/** Fields 1-6; properties and options are always written, as the engine sets them. */
function writeResourceFields(writer: Writer, r: AnalyzerInput): void {
  writeIdentity(writer, r);
  writer.uint32(OPTIONS).bytes(resourceOptions(r).serializeBinary());
  if (r.provider) {
    writer.uint32(PROVIDER).fork();
    writeIdentity(writer, r.provider);
    writer.ldelim();
  }
}

/** Fields 1-4 (type, properties, urn, name), which a resource and its provider share; empty strings skipped, as proto3 does. */
function writeIdentity(writer: Writer, r: Pick<AnalyzerInput, "type" | "inputs" | "urn" | "name">): void {
  if (r.type) writer.uint32(TYPE).string(r.type);
  writer.uint32(PROPERTIES).fork();
  writeStruct(writer, r.inputs);
  writer.ldelim();
  if (r.urn) writer.uint32(URN).string(r.urn);
  if (r.name) writer.uint32(NAME).string(r.name);
}

function resourceOptions(r: AnalyzerInput): any {
  const options = new analyzerPb.AnalyzerResourceOptions();
  options.setProtect(r.options?.protect ?? false);
  options.setIgnorechangesList(r.options?.ignoreChanges ?? []);
  options.setAliasesList(r.options?.aliases ?? []);
  options.setAdditionalsecretoutputsList(r.options?.additionalSecretOutputs ?? []);
  options.setParent(r.parent ?? "");
  options.setCustomtimeouts(analyzerTimeouts(r.options?.customTimeouts));
  if (r.options?.deleteBeforeReplace !== undefined) {
    options.setDeletebeforereplace(r.options.deleteBeforeReplace);
    options.setDeletebeforereplacedefined(true);
  }
  return options;
}

/** Timeouts in seconds, as the engine parses the program's duration strings for analyzers. */
function analyzerTimeouts(timeouts: CustomTimeouts = {}): any {
  const message = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
  message.setCreate(durationSeconds(timeouts.create ?? "") ?? 0);
  message.setUpdate(durationSeconds(timeouts.update ?? "") ?? 0);
  message.setDelete(durationSeconds(timeouts.delete ?? "") ?? 0);
  return message;
}

/** An AnalyzerResource holding only its fields after 6 (parent, dependencies, property dependencies). */
function stackLinks(r: AnalyzerInput): any {
  const message = new analyzerPb.AnalyzerResource();
  message.setParent(r.parent ?? "");
  message.setDependenciesList(r.dependencies ?? []);
  for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
    message.getPropertydependenciesMap().set(key, new analyzerPb.AnalyzerPropertyDependencies().setUrnsList(urns));
  }
  return message;
}
