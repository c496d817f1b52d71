// A RegisterResourceRequest read into plain fields instead of google-protobuf's generated message: on a monitor whose
// code is not yet optimised (every preview's first registrations), the generated decoder's setters, maps and nested
// messages cost more than the rest of a registration. The fields are read with google-protobuf's own reader, so every
// value is what the generated getters would return. A request carrying a field read here only by the generated code
// (aliases, transforms, hooks, ...) is decoded by it instead; so is the whole request as soon as anything but the
// getters below is asked of it (a setter, `toObject`, a transform).
import { jspb, resourcePb } from "./grpc";

const Request = resourcePb.RegisterResourceRequest;

/** Thrown while reading a request the generated decoder must read instead. */
class NotPlain extends Error {}

const DELIMITED = 2;
const VARINT = 0;

/**
 * A map field as the getters see it: `get`, and `entries` by sorted key, as google-protobuf's Map gives them;
 * `view` turns a stored value into what the generated getter returns.
 */
class ReadMap<V, Seen = V> {
  private readonly values = new Map<string, V>();
  constructor(private readonly view: (value: V) => Seen) {}
  set(key: string, value: V): void {
    this.values.set(key, value);
  }
  get(key: string): Seen | undefined {
    const value = this.values.get(String(key));
    return value === undefined ? undefined : this.view(value);
  }
  entries(): IterableIterator<[string, Seen]> {
    return [...this.values.keys()]
      .sort()
      .map((key): [string, Seen] => [key, this.view(this.values.get(key)!)])
      [Symbol.iterator]();
  }
}

const urnsView = (urns: string[]) => ({ getUrnsList: () => urns });
const sameView = (value: string) => value;

interface PlainFields {
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  protect: boolean;
  dependencies: string[];
  provider: string;
  propertyDependencies: ReadMap<string[], { getUrnsList(): string[] }>;
  deleteBeforeReplace: boolean;
  version: string;
  ignoreChanges: string[];
  acceptSecrets: boolean;
  additionalSecretOutputs: string[];
  aliasUrns: string[];
  importId: string;
  customTimeouts?: { create: string; update: string; delete: string; read: string };
  deleteBeforeReplaceDefined: boolean;
  supportsPartialValues: boolean;
  remote: boolean;
  acceptResources: boolean;
  providers: ReadMap<string>;
  replaceOnChanges: string[];
  pluginDownloadUrl: string;
  retainOnDelete: boolean;
  deletedWith: string;
  aliasSpecs: boolean;
  sourcePosition?: { uri: string; line: number; column: number };
  supportsResultReporting: boolean;
  packageRef: string;
  parentStackTraceHandle: string;
  hideDiffs: string[];
}

function expect(reader: any, wireType: number): void {
  if (reader.getWireType() !== wireType) throw new NotPlain();
}

/** Reads a nested message's fields with `read(field)`; unknown fields are skipped, as the generated code skips them. */
function readNested(reader: any, read: (field: number) => boolean): void {
  expect(reader, DELIMITED);
  reader.readMessage(undefined, () => {
    while (reader.nextField() && !reader.isEndGroup()) if (!read(reader.getFieldNumber())) reader.skipField();
  });
}

function readString(reader: any): string {
  expect(reader, DELIMITED);
  return reader.readString();
}

function readBool(reader: any): boolean {
  expect(reader, VARINT);
  return reader.readBool();
}

function readInt32(reader: any): number {
  expect(reader, VARINT);
  return reader.readInt32();
}

/** A map entry (key 1, value 2) as google-protobuf's Map reads it: it reads no other field, so none may appear. */
function readEntry<V>(reader: any, map: ReadMap<V, unknown>, value: () => V, readValue: (current: V) => V): void {
  let key = "";
  let current = value();
  readNested(reader, (field) => {
    if (field === 1) key = readString(reader);
    else if (field === 2) current = readValue(current);
    else throw new NotPlain();
    return true;
  });
  map.set(key, current);
}

/**
 * Reads the request's fields, but for those `skip` takes (it reads or skips them and returns true: the inputs and the
 * stack trace); undefined when the generated decoder must read the request.
 */
function readPlainFields(bytes: Uint8Array, skip: (field: number, reader: any) => boolean): PlainFields | undefined {
  const f: PlainFields = {
    type: "",
    name: "",
    parent: "",
    custom: false,
    protect: false,
    dependencies: [],
    provider: "",
    propertyDependencies: new ReadMap(urnsView),
    deleteBeforeReplace: false,
    version: "",
    ignoreChanges: [],
    acceptSecrets: false,
    additionalSecretOutputs: [],
    aliasUrns: [],
    importId: "",
    deleteBeforeReplaceDefined: false,
    supportsPartialValues: false,
    remote: false,
    acceptResources: false,
    providers: new ReadMap(sameView),
    replaceOnChanges: [],
    pluginDownloadUrl: "",
    retainOnDelete: false,
    deletedWith: "",
    aliasSpecs: false,
    supportsResultReporting: false,
    packageRef: "",
    parentStackTraceHandle: "",
    hideDiffs: [],
  };
  const reader = new jspb.BinaryReader(bytes);
  try {
    while (reader.nextField() && !reader.isEndGroup()) {
      const field: number = reader.getFieldNumber();
      if (skip(field, reader)) continue;
      switch (field) {
        case 1:
          f.type = readString(reader);
          break;
        case 2:
          f.name = readString(reader);
          break;
        case 3:
          f.parent = readString(reader);
          break;
        case 4:
          f.custom = readBool(reader);
          break;
        case 6:
          f.protect = readBool(reader);
          break;
        case 7:
          f.dependencies.push(readString(reader));
          break;
        case 8:
          f.provider = readString(reader);
          break;
        case 9:
          readEntry(
            reader,
            f.propertyDependencies,
            () => [] as string[],
            (urns) => {
              readNested(reader, (inner) => {
                if (inner !== 1) return false;
                urns.push(readString(reader));
                return true;
              });
              return urns;
            },
          );
          break;
        case 10:
          f.deleteBeforeReplace = readBool(reader);
          break;
        case 11:
          f.version = readString(reader);
          break;
        case 12:
          f.ignoreChanges.push(readString(reader));
          break;
        case 13:
          f.acceptSecrets = readBool(reader);
          break;
        case 14:
          f.additionalSecretOutputs.push(readString(reader));
          break;
        case 15:
          f.aliasUrns.push(readString(reader));
          break;
        case 16:
          f.importId = readString(reader);
          break;
        case 17: {
          // A new message each time, as the generated code sets one.
          const t = { create: "", update: "", delete: "", read: "" };
          const keys = ["create", "update", "delete", "read"] as const;
          readNested(reader, (inner) => {
            const key = keys[inner - 1];
            if (key === undefined) return false;
            t[key] = readString(reader);
            return true;
          });
          f.customTimeouts = t;
          break;
        }
        case 18:
          f.deleteBeforeReplaceDefined = readBool(reader);
          break;
        case 19:
          f.supportsPartialValues = readBool(reader);
          break;
        case 20:
          f.remote = readBool(reader);
          break;
        case 21:
          f.acceptResources = readBool(reader);
          break;
        case 22:
          readEntry(
            reader,
            f.providers,
            () => "",
            () => readString(reader),
          );
          break;
        case 23:
          f.replaceOnChanges.push(readString(reader));
          break;
        case 24:
          f.pluginDownloadUrl = readString(reader);
          break;
        case 25:
          f.retainOnDelete = readBool(reader);
          break;
        case 27:
          f.deletedWith = readString(reader);
          break;
        case 28:
          f.aliasSpecs = readBool(reader);
          break;
        case 29: {
          const p = { uri: "", line: 0, column: 0 };
          readNested(reader, (inner) => {
            if (inner === 1) p.uri = readString(reader);
            else if (inner === 2) p.line = readInt32(reader);
            else if (inner === 3) p.column = readInt32(reader);
            else return false;
            return true;
          });
          f.sourcePosition = p;
          break;
        }
        case 32:
          f.supportsResultReporting = readBool(reader);
          break;
        case 33:
          f.packageRef = readString(reader);
          break;
        case 36:
          f.parentStackTraceHandle = readString(reader);
          break;
        case 37:
          f.hideDiffs.push(readString(reader));
          break;
        default:
          // Fields the generated code reads into messages of their own (aliases, transforms, hooks, ...); others
          // it skips, as here.
          if (GENERATED_ONLY.has(field)) return undefined;
          reader.skipField();
      }
    }
  } catch {
    // NotPlain, or bytes the reader cannot read: the generated decoder then fails with its own error.
    return undefined;
  }
  return f;
}

/** Fields only the generated decoder reads here (inputs and stack trace included, when `skip` leaves them). */
const GENERATED_ONLY = new Set([5, 26, 30, 31, 34, 35, 38, 39, 41]);

const timeouts = (t: NonNullable<PlainFields["customTimeouts"]>) => ({
  getCreate: () => t.create,
  getUpdate: () => t.update,
  getDelete: () => t.delete,
  getRead: () => t.read,
});
const position = (p: NonNullable<PlainFields["sourcePosition"]>) => ({
  getUri: () => p.uri,
  getLine: () => p.line,
  getColumn: () => p.column,
});

/** Getters answered from the plain fields until the request is decoded by the generated code. */
const PLAIN_GETTERS: Record<string, (f: PlainFields) => unknown> = {
  getType: (f) => f.type,
  getName: (f) => f.name,
  getParent: (f) => f.parent,
  getCustom: (f) => f.custom,
  // The inputs are kept apart as bytes (raw-object.ts).
  getObject: () => undefined,
  hasObject: () => false,
  getProtect: (f) => f.protect,
  getDependenciesList: (f) => f.dependencies,
  getProvider: (f) => f.provider,
  getPropertydependenciesMap: (f) => f.propertyDependencies,
  getDeletebeforereplace: (f) => f.deleteBeforeReplace,
  getVersion: (f) => f.version,
  getIgnorechangesList: (f) => f.ignoreChanges,
  getAcceptsecrets: (f) => f.acceptSecrets,
  getAdditionalsecretoutputsList: (f) => f.additionalSecretOutputs,
  getAliasurnsList: (f) => f.aliasUrns,
  getImportid: (f) => f.importId,
  getCustomtimeouts: (f) => f.customTimeouts && timeouts(f.customTimeouts),
  hasCustomtimeouts: (f) => f.customTimeouts !== undefined,
  getDeletebeforereplacedefined: (f) => f.deleteBeforeReplaceDefined,
  getSupportspartialvalues: (f) => f.supportsPartialValues,
  getRemote: (f) => f.remote,
  getAcceptresources: (f) => f.acceptResources,
  getProvidersMap: (f) => f.providers,
  getReplaceonchangesList: (f) => f.replaceOnChanges,
  getPlugindownloadurl: (f) => f.pluginDownloadUrl,
  getRetainondelete: (f) => f.retainOnDelete,
  getAliasesList: () => [],
  getDeletedwith: (f) => f.deletedWith,
  getAliasspecs: (f) => f.aliasSpecs,
  getSourceposition: (f) => f.sourcePosition && position(f.sourcePosition),
  hasSourceposition: (f) => f.sourcePosition !== undefined,
  getTransformsList: () => [],
  getSupportsresultreporting: (f) => f.supportsResultReporting,
  getPackageref: (f) => f.packageRef,
  getParentstacktracehandle: (f) => f.parentStackTraceHandle,
  getHidediffsList: (f) => f.hideDiffs,
};

/**
 * A request read into plain fields. Its getters above answer from them; every other method of the generated message
 * (setters included) first decodes `rest` with the generated code, after which every method is that message's.
 */
export class PlainRegistration {
  /** The generated message, once something asked for more than the plain getters. */
  message?: any;

  constructor(
    readonly fields: PlainFields,
    /** The request's bytes as the generated code would decode them (inputs and stack trace cut). */
    private readonly rest: () => Uint8Array,
  ) {}

  /** The generated message for these bytes, decoded once. */
  decoded(): any {
    return (this.message ??= Request.deserializeBinary(this.rest()));
  }
}

/** Every method of the generated message, on PlainRegistration: its own getters first, the generated one after. */
function definePlainMethods(): void {
  const names = new Set<string>();
  for (let p = Request.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) if (name !== "constructor") names.add(name);
  }
  for (const name of names) {
    const plain = PLAIN_GETTERS[name];
    const method = plain
      ? function (this: PlainRegistration, ...args: unknown[]) {
          return this.message ? this.message[name](...args) : plain(this.fields);
        }
      : function (this: PlainRegistration, ...args: unknown[]) {
          return this.decoded()[name](...args);
        };
    Object.defineProperty(PlainRegistration.prototype, name, { value: method, writable: true, configurable: true });
  }
}
definePlainMethods();

/**
 * Reads a RegisterResourceRequest into a PlainRegistration, handing fields for which `skip` returns true (it reads or
 * skips them itself) to it; undefined when the generated decoder must read it.
 */
export function readPlainRegistration(
  bytes: Uint8Array,
  skip: (field: number, reader: any) => boolean,
  rest: () => Uint8Array,
): PlainRegistration | undefined {
  const fields = readPlainFields(bytes, skip);
  return fields && new PlainRegistration(fields, rest);
}
