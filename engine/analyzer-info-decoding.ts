// The pack's AnalyzerInfo (GetAnalyzerInfo's answer), read by the engine itself from protobufjs's reader: the fields
// it uses, and every policy's config schema straight into JavaScript (struct-reader.ts). google-protobuf's generated
// classes took ~25 ms to decode this kit's ~80 KB answer at a pack's start, and ~5 ms more to convert the schemas.
// What it gives is what `deserializeBinary` then the getters gave (test/engine/analyzer-info-decoding.test.ts).
import type { Reader } from "protobufjs/minimal";
import { LEVELS, POLICY_TYPES, SEVERITIES } from "./analyzer-enums";
import type { ResolvedPolicyConfig } from "./policy-config";
import { protobufRuntime } from "./protobuf-runtime";
import type { PolicyInfo } from "./policy-host";
import { readStruct } from "./struct-reader";

/** What a pack declares about itself: name, version, policies and its own initial config per policy. */
export interface DeclaredPack {
  name: string;
  version: string;
  policies: PolicyInfo[];
  initial: Record<string, ResolvedPolicyConfig>;
}

const newReader = (bytes: Uint8Array): Reader => protobufRuntime().Reader.create(bytes);

// Field numbers of analyzer.proto. AnalyzerInfo: name = 1, policies = 3, version = 4, initialConfig = 6 (map entry:
// key = 1, value = 2). PolicyInfo: name = 1, description = 3, enforcementLevel = 5, configSchema = 6,
// policyType = 7, severity = 8. PolicyConfigSchema: properties = 1, required = 2. PolicyConfig: enforcementLevel = 1,
// properties = 2.
const INFO = { name: 1, policies: 3, version: 4, initialConfig: 6 };
const POLICY = { name: 1, description: 3, enforcementLevel: 5, configSchema: 6, policyType: 7, severity: 8 };
const SCHEMA = { properties: 1, required: 2 };
const CONFIG = { enforcementLevel: 1, properties: 2 };
const ENTRY = { key: 1, value: 2 };

/** Decodes an AnalyzerInfo message; malformed bytes throw (the client reports them as an INTERNAL error). */
export function decodeAnalyzerInfo(bytes: Uint8Array): DeclaredPack {
  const reader = newReader(bytes);
  const pack: DeclaredPack = { name: "", version: "", policies: [], initial: {} };
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    switch (tag >>> 3) {
      case INFO.name:
        pack.name = reader.string();
        break;
      case INFO.policies:
        pack.policies.push(readPolicy(reader, endOf(reader)));
        break;
      case INFO.version:
        pack.version = reader.string();
        break;
      case INFO.initialConfig: {
        const [name, config] = readConfigEntry(reader, endOf(reader));
        pack.initial[name] = config;
        break;
      }
      default:
        reader.skipType(tag & 7);
    }
  }
  return pack;
}

/** The end of the length-delimited field whose tag was just read. */
const endOf = (reader: Reader): number => reader.uint32() + reader.pos;

function readPolicy(reader: Reader, end: number): PolicyInfo {
  let name = "";
  let description = "";
  let level = 0;
  let type = 0;
  let severity = 0;
  let configSchema: PolicyInfo["configSchema"];
  while (reader.pos < end) {
    const tag = reader.uint32();
    switch (tag >>> 3) {
      case POLICY.name:
        name = reader.string();
        break;
      case POLICY.description:
        description = reader.string();
        break;
      case POLICY.enforcementLevel:
        level = reader.int32();
        break;
      case POLICY.configSchema:
        configSchema = readSchema(reader, endOf(reader));
        break;
      case POLICY.policyType:
        type = reader.int32();
        break;
      case POLICY.severity:
        severity = reader.int32();
        break;
      default:
        reader.skipType(tag & 7);
    }
  }
  return {
    name,
    description,
    enforcementLevel: LEVELS[level] ?? "advisory",
    severity: SEVERITIES[severity] ?? "",
    type: POLICY_TYPES[type] ?? "unknown",
    ...(configSchema ? { configSchema } : {}),
  };
}

function readSchema(reader: Reader, end: number): NonNullable<PolicyInfo["configSchema"]> {
  const schema = { properties: {} as Record<string, unknown>, required: [] as string[] };
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 === SCHEMA.properties) schema.properties = readStruct(reader, endOf(reader));
    else if (tag >>> 3 === SCHEMA.required) schema.required.push(reader.string());
    else reader.skipType(tag & 7);
  }
  return schema;
}

/** One entry of the initial config map; a missing value is PolicyConfig's default, as google-protobuf's map gives. */
function readConfigEntry(reader: Reader, end: number): [string, ResolvedPolicyConfig] {
  let name = "";
  const config: ResolvedPolicyConfig = { enforcementLevel: LEVELS[0], properties: {} };
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 === ENTRY.key) name = reader.string();
    else if (tag >>> 3 === ENTRY.value) readConfig(reader, endOf(reader), config);
    else reader.skipType(tag & 7);
  }
  return [name, config];
}

function readConfig(reader: Reader, end: number, config: ResolvedPolicyConfig): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 === CONFIG.enforcementLevel) config.enforcementLevel = LEVELS[reader.int32()] ?? "advisory";
    else if (tag >>> 3 === CONFIG.properties) config.properties = readStruct(reader, endOf(reader));
    else reader.skipType(tag & 7);
  }
}
