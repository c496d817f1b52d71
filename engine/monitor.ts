// A local resource monitor and engine that plan and create nothing, speaking the protocol `@pulumi/pulumi` programs use.
import { aliasUrnsOf } from "./alias-specs";
import { LocalListener } from "./local-listener";
import { answerInvoke, UnsupportedInvokeError } from "./invokes";
import type { ProviderUse } from "./analyzer-input";
import {
  defaultProviderDenied,
  defaultProviderDisabled,
  defaultProviderName,
  defaultProviderPackage,
  isExplicitProviderRef,
  packageConfig,
} from "./default-providers";
import { importCaveat, importIdOf, type ImportOption } from "./imports";
import type { EngineLog, Registration, ResourceOptions } from "./model";
import { unconfiguredProviderNote } from "./provider-failures";
import { isFailedRegion, providerRegion, providerRegionFailure, type ProviderRegion } from "./provider-regions";
import { Transforms } from "./transforms";
import { UnaryServer, type UnaryCall, type UnaryCallback } from "./unary-server";
import {
  decodeObject,
  objectPayload,
  payloadToJs,
  withRawRegistrationObjects,
  type ObjectPayload,
  type RegistrationAnswer,
} from "./raw-object";
import { SecretMatcher } from "./secret-matcher";
import { customTimeouts } from "./timeouts";
import { makeUrn, parseProviderRef } from "./urn";
import { SECRET_SIG, SIG_KEY } from "../lib/wire-values";
import {
  channelOptions,
  emptypb,
  engineGrpc,
  enginePb,
  grpc,
  providerPb,
  resourceGrpc,
  resourcePb,
  structpb,
} from "./grpc";

/** Features this monitor advertises. No resource references: inputs arrive downgraded, as the analyzer sees them. */
const FEATURES: Record<string, boolean> = {
  secrets: true,
  resourceReferences: false,
  outputValues: false,
  deletedWith: true,
  replaceWith: true,
  aliasSpecs: true,
  transforms: true,
  invokeTransforms: false,
  parameterization: true,
  resourceHooks: false,
  errorHooks: false,
};

/** Inputs converted per idle turn: a few dozen microseconds, so an answer waits at most that long. */
const CONVERT_BATCH = 8;

const LOG_SEVERITIES: Record<number, EngineLog["severity"] | undefined> = { 1: "info", 2: "warning", 3: "error" };

/** The SDK's debug line for a registration that failed before reaching the monitor. */
const FAILED_REGISTRATION = /^RegisterResource RPC failed: t=(.+?), name=(.+?), err=/;

export interface MonitorOptions {
  project: string;
  stack: string;
  config: Record<string, string>;
  /** The environment providers would run in (their region may come from it); default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Told the values a program passed secret-wrapped as invoke arguments, as they arrive (the preview redacts them). */
  onSecrets?: (values: unknown[]) => void;
}

function toJs(struct: any): Record<string, unknown> {
  return struct ? struct.toJavaScript() : {};
}

/** Drops `undefined` so the value fits a protobuf Struct. */
function toStruct(value: Record<string, unknown>): any {
  return structpb.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

/** The options of a registration that are set (unset ones would only add noise to every resource). */
function resourceOptions(req: any): ResourceOptions {
  const options: ResourceOptions & ImportOption = {};
  if (req.getCustom() && req.getImportid()) options.import = req.getImportid();
  if (req.getProtect()) options.protect = true;
  if (req.getRetainondelete()) options.retainOnDelete = true;
  if (req.getDeletedwith()) options.deletedWith = req.getDeletedwith();
  if (req.getDeletebeforereplace()) options.deleteBeforeReplace = true;
  const timeouts = customTimeouts(req.getCustomtimeouts());
  if (timeouts) options.customTimeouts = timeouts;
  const lists = {
    ignoreChanges: req.getIgnorechangesList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
  };
  for (const [key, list] of Object.entries(lists)) if (list.length) options[key as keyof typeof lists] = list;
  return options;
}

/** Why a read resource's outputs stay unknown offline, where the CLI would know them. */
function readCaveat(type: string, id: string): string {
  if (type === "pulumi:pulumi:StackReference") {
    return `the outputs of stack "${id}" are unknown offline (\`pulumi preview\` reads them from the backend)`;
  }
  return `the state of existing ${type} "${id}" is unknown offline (\`pulumi preview\` reads it through the provider)`;
}

/** Deeper than invoke arguments nest: a hostile value is walked no further. */
const MAX_ARGUMENT_DEPTH = 32;

/**
 * Invoke arguments without their secret wrappers (handlers read plain values), the wrapped values pushed onto
 * `secrets`. The Node SDK unwraps secret arguments itself before sending them; other SDKs may not.
 */
function unwrapSecrets(value: unknown, secrets: unknown[], depth = 0): unknown {
  if (typeof value !== "object" || value === null || depth > MAX_ARGUMENT_DEPTH) return value;
  const record = value as Record<string, unknown>;
  if (record[SIG_KEY] === SECRET_SIG) {
    secrets.push(record.value);
    return unwrapSecrets(record.value, [], depth + 1);
  }
  if (Array.isArray(value)) return value.map((v) => unwrapSecrets(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v, secrets, depth + 1)]));
}

/** Shorter argument strings are not cut from an invoke's error (as the redactor does not search shorter secrets). */
const MIN_CUT_ARGUMENT = 3;
/** What an invoke's error shows for an argument it quoted. */
const ARGUMENT_MARKER = "[argument]";

/** The strings (and numbers, as spelled) an invoke's arguments hold. */
function argumentTexts(value: unknown, into: Set<string>, depth = 0): Set<string> {
  if (typeof value === "string") into.add(value);
  else if (typeof value === "number" && Number.isFinite(value)) into.add(String(value));
  else if (typeof value === "object" && value !== null && depth <= MAX_ARGUMENT_DEPTH)
    for (const v of Object.values(value)) argumentTexts(v, into, depth + 1);
  return into;
}

/**
 * A handler's refusal as the program gets it, without the arguments it quotes (a parameter's name, a list's name):
 * the SDK sends secret arguments unmarked, so any of them may be a secret, and the program prints the error.
 */
export function withoutArguments(message: string, token: string, args: Record<string, unknown>): string {
  const texts = [...argumentTexts(args, new Set())].filter((t) => t.length >= MIN_CUT_ARGUMENT);
  if (texts.length === 0) return message;
  // The token is the engine's, not an argument: an argument that happens to be part of it leaves it whole.
  const matcher = new SecretMatcher(texts);
  const cut = message
    .split(token)
    .map((part) => matcher.replace(part, ARGUMENT_MARKER))
    .join(token);
  if (cut === message) return message;
  return `${cut} (the invoke's arguments are not quoted: the program may have passed them as secrets)`;
}

function fail(callback: UnaryCallback, message: string, code = grpc.status.UNKNOWN): void {
  callback({ code, details: message, message } as any, null);
}

export class LocalMonitor {
  /** Registrations in arrival order; `inputs` are filled by `finish()` to keep the RPC path cheap. */
  readonly registrations: Registration[] = [];
  readonly logs: EngineLog[] = [];
  /** Packages and versions invokes asked of a default provider (the engine registers one for each). */
  readonly invokeProviders: ProviderUse[] = [];
  private readonly invokeProviderKeys = new Set<string>();
  /** Tokens of invokes no handler answers, once each: a program that catches the rejection goes on without them. */
  readonly unansweredInvokes: string[] = [];
  /** Resources whose registration failed inside the program (their inputs could not be computed). */
  readonly failedRegistrations: { type: string; name: string }[] = [];
  rootResource = "";
  private readonly byUrn = new Map<string, Registration>();
  private readonly structs = new Map<Registration, ObjectPayload>();
  private converting = false;
  private readonly transforms = new Transforms();
  /** Default providers' regions by package: stack config and environment do not change during a run. */
  private readonly defaultRegions = new Map<string, ProviderRegion>();
  /** Provider URNs whose configuration failure is already logged (the CLI reports it once, on the provider). */
  private readonly reportedProviders = new Set<string>();
  private server?: UnaryServer;
  private listener?: LocalListener;
  address = "";

  constructor(private readonly options: MonitorOptions) {}

  async start(listener?: LocalListener): Promise<string> {
    const server = new UnaryServer(channelOptions["grpc.max_receive_message_length"]);
    server.addService(withRawRegistrationObjects(resourceGrpc.ResourceMonitorService), {
      supportsFeature: this.supportsFeature,
      registerResource: this.registerResource,
      registerResourceOutputs: this.registerResourceOutputs,
      readResource: this.readResource,
      invoke: this.invoke,
      call: (_c: UnaryCall, cb: UnaryCallback) =>
        fail(cb, "method calls on remote components need their provider plugin, which an offline preview lacks"),
      registerPackage: this.registerPackage,
      registerStackTransform: (call: UnaryCall, cb: UnaryCallback) => {
        this.transforms.addStackTransform(call.request);
        cb(null, new emptypb.Empty());
      },
      signalAndWaitForShutdown: (_c: UnaryCall, cb: UnaryCallback) => cb(null, new emptypb.Empty()),
    });
    server.addService(engineGrpc.EngineService, {
      log: this.log,
      getRootResource: (_c: UnaryCall, cb: UnaryCallback) =>
        cb(null, new enginePb.GetRootResourceResponse().setUrn(this.rootResource)),
      setRootResource: (call: UnaryCall, cb: UnaryCallback) => {
        this.rootResource = call.request.getUrn();
        cb(null, new enginePb.SetRootResourceResponse());
      },
    });
    this.server = server;
    // A listener opened earlier may already hold the program's first connections.
    this.listener = listener ?? (await LocalListener.open());
    this.listener.handTo((socket) => server.injectConnection(socket));
    this.address = this.listener.address;
    return this.address;
  }

  stop(): void {
    this.transforms.close();
    this.server?.forceShutdown();
    this.server = undefined;
    this.listener?.close();
    this.listener = undefined;
  }

  /** Converts the recorded inputs not yet converted to plain objects, once the program is done. */
  finish(): Registration[] {
    this.convertPending(Infinity);
    return this.registrations;
  }

  /** Converts up to `count` recorded inputs, oldest first. */
  private convertPending(count: number): void {
    for (const [reg, struct] of this.structs) {
      if (count-- <= 0) return;
      reg.inputs = payloadToJs(struct);
      this.structs.delete(reg);
    }
  }

  /**
   * Converts recorded inputs a few at a time while the monitor waits for the program: off the registration hot path
   * (answers go first: `setImmediate` runs after pending I/O) and done by the time the program exits. A struct that
   * cannot be converted stops this and stays recorded, so that `finish()` throws it inside the preview's error
   * handling rather than here, where nothing would catch it.
   */
  private convertWhileIdle(): void {
    if (this.converting) return;
    this.converting = true;
    const step = () => {
      try {
        this.convertPending(CONVERT_BATCH);
      } catch {
        return;
      }
      if (this.structs.size > 0) setImmediate(step);
      else this.converting = false;
    };
    setImmediate(step);
  }

  get(urn: string): Registration | undefined {
    return this.byUrn.get(urn);
  }

  /** Inputs of a registration, converting on demand (providers are read by invokes while the program runs). */
  inputsOf(reg: Registration): Record<string, unknown> {
    const struct = this.structs.get(reg);
    if (struct) {
      reg.inputs = payloadToJs(struct);
      this.structs.delete(reg);
    }
    return reg.inputs;
  }

  /**
   * The engine's refusal when a registration or invoke of `pkg` would need a default provider that
   * `pulumi:disable-default-providers` disables (or a malformed list); undefined when it may have one.
   */
  private deniedDefault(pkg: string | undefined, subject: string): string | undefined {
    if (!pkg) return undefined;
    try {
      return defaultProviderDisabled(pkg, this.options.config) ? defaultProviderDenied(pkg, subject) : undefined;
    } catch (e) {
      return (e as Error).message;
    }
  }

  private get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  private defaultRegion(pkg: string): ProviderRegion {
    let region = this.defaultRegions.get(pkg);
    if (!region) {
      region = providerRegion(pkg, packageConfig(pkg, this.options.config), this.env);
      this.defaultRegions.set(pkg, region);
    }
    return region;
  }

  /** Logs a provider's configuration failure once, against the provider, where the CLI reports it. */
  private reportProvider(urn: string, message: string): void {
    if (this.reportedProviders.has(urn)) return;
    this.reportedProviders.add(urn);
    this.logs.push({ severity: "error", message, urn });
  }

  /**
   * When `pkg`'s default provider (of `version`) cannot be configured (no region anywhere): logs the CLI's failure against the provider and returns what the registration or invoke
   * it serves fails with; undefined when it can be.
   * Under the CLI this fails the preview whatever the program does with the error.
   */
  private defaultProviderProblem(pkg: string, version: string): string | undefined {
    const region = this.defaultRegion(pkg);
    if (!isFailedRegion(region)) return undefined;
    const name = defaultProviderName(version);
    this.reportProvider(
      makeUrn(this.options.stack, this.options.project, "", `pulumi:providers:${pkg}`, name),
      providerRegionFailure(pkg, name, region, false),
    );
    return unconfiguredProviderNote(pkg, name, false);
  }

  /** The same for an explicit provider resource (at `urn`) that cannot be configured. */
  private explicitProviderProblem(pkg: string, name: string, urn: string, region: ProviderRegion): string | undefined {
    if (!isFailedRegion(region)) return undefined;
    this.reportProvider(urn, providerRegionFailure(pkg, name, region, true));
    return unconfiguredProviderNote(pkg, name, true);
  }

  /** The explicit provider problem of a provider resource being registered; undefined for other resources. */
  private registeredProviderProblem(
    type: string,
    name: string,
    urn: string,
    struct: ObjectPayload | undefined,
  ): string | undefined {
    if (!type.startsWith("pulumi:providers:")) return undefined;
    const pkg = type.slice("pulumi:providers:".length);
    return this.explicitProviderProblem(pkg, name, urn, providerRegion(pkg, payloadToJs(struct), this.env));
  }

  /** Whether a custom resource names its provider: itself, through `providers`, or through a component parent. */
  private hasExplicitProvider(req: any, pkg: string): boolean {
    if (isExplicitProviderRef(req.getProvider()) || isExplicitProviderRef(req.getProvidersMap().get(pkg))) return true;
    for (
      let parent = this.byUrn.get(req.getParent());
      parent && !parent.custom;
      parent = this.byUrn.get(parent.parent)
    ) {
      if (isExplicitProviderRef(parent.providers[pkg])) return true;
    }
    return false;
  }

  private record(reg: Registration, struct: ObjectPayload | undefined): void {
    if (this.byUrn.has(reg.urn)) {
      // The engine's own wording (diag.GetDuplicateResourceURNError).
      throw new Error(`Duplicate resource URN '${reg.urn}'; try giving it a unique name`);
    }
    this.byUrn.set(reg.urn, reg);
    this.registrations.push(reg);
    this.structs.set(reg, struct);
    this.convertWhileIdle();
  }

  private readonly supportsFeature = (call: UnaryCall, cb: UnaryCallback) => {
    cb(null, new resourcePb.SupportsFeatureResponse().setHassupport(FEATURES[call.request.getId()] === true));
  };

  private readonly registerResource = (call: UnaryCall, cb: UnaryCallback) => {
    const req = call.request;
    const type: string = req.getType();
    const name: string = req.getName();
    const parent: string = req.getParent();
    const urn = makeUrn(this.options.stack, this.options.project, parent, type, name);
    if (req.getRemote()) {
      return fail(
        cb,
        `${urn}: remote component ${type} needs its provider plugin (Construct), which an offline preview lacks`,
      );
    }
    const transforms = this.transforms.chain(urn, req);
    if (!transforms.length) return this.complete(urn, req, cb);
    // Transforms read and replace the inputs as a Struct.
    decodeObject(req);
    this.transforms.run(transforms, req).then(
      () => this.complete(urn, req, cb),
      (e) => fail(cb, `${urn}: a resource transform failed: ${e.details || e.message}`),
    );
  };

  /** Records a registration (after its transforms ran) and answers as a real preview does. */
  private complete(urn: string, req: any, cb: UnaryCallback): void {
    const type: string = req.getType();
    const name: string = req.getName();
    const parent: string = req.getParent();
    const propertyDependencies: Record<string, string[]> = {};
    for (const [key, deps] of req.getPropertydependenciesMap().entries())
      propertyDependencies[key] = deps.getUrnsList();
    const providers: Record<string, string> = {};
    for (const [pkg, ref] of req.getProvidersMap().entries()) providers[pkg] = ref;
    const pos = req.getSourceposition();
    const struct = objectPayload(req);
    const pkg = defaultProviderPackage(type, req.getCustom());
    const usesDefault = pkg !== undefined && !this.hasExplicitProvider(req, pkg);
    const denied = usesDefault ? this.deniedDefault(pkg, urn) : undefined;
    if (denied) {
      // The CLI's step generator reports this against the resource and stops the deployment, whatever the program does.
      this.logs.push({ severity: "error", message: denied, urn });
      return fail(cb, denied, grpc.status.FAILED_PRECONDITION);
    }
    const unconfigured = usesDefault
      ? this.defaultProviderProblem(pkg, req.getVersion())
      : req.getCustom() && this.registeredProviderProblem(type, name, urn, struct);
    if (unconfigured) return fail(cb, unconfigured, grpc.status.FAILED_PRECONDITION);
    const reg: Registration = {
      urn,
      type,
      name,
      parent,
      inputs: {},
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      custom: req.getCustom(),
      provider: req.getProvider(),
      providers,
      aliases: aliasUrnsOf(req, { stack: this.options.stack, project: this.options.project, type, name, parent }),
      version: req.getVersion(),
      read: false,
      options: resourceOptions(req),
      ...(pos ? { sourcePosition: { uri: pos.getUri(), line: pos.getLine(), column: pos.getColumn() } } : {}),
    };
    try {
      this.record(reg, struct);
    } catch (e) {
      return fail(cb, (e as Error).message, grpc.status.ALREADY_EXISTS);
    }
    const importId = importIdOf(reg.options);
    if (importId) this.logs.push({ severity: "warning", message: importCaveat(importId), urn });
    // As in a real preview: no id yet, inputs echo back as outputs, every other output stays unknown.
    const answer: RegistrationAnswer = { urn, id: "", object: struct };
    cb(null, answer);
  }

  private readonly registerResourceOutputs = (call: UnaryCall, cb: UnaryCallback) => {
    const reg = this.byUrn.get(call.request.getUrn());
    if (reg) reg.outputs = toJs(call.request.getOutputs());
    cb(null, new emptypb.Empty());
  };

  private readonly readResource = (call: UnaryCall, cb: UnaryCallback) => {
    const req = call.request;
    const urn = makeUrn(this.options.stack, this.options.project, req.getParent(), req.getType(), req.getName());
    const struct = req.getProperties();
    const pkg = defaultProviderPackage(req.getType(), true);
    // The CLI names the read type where the package would go (ReadResource in source_eval.go); the package is clearer.
    const usesDefault = pkg !== undefined && !isExplicitProviderRef(req.getProvider());
    const denied = usesDefault ? this.deniedDefault(pkg, req.getType()) : undefined;
    if (denied) return fail(cb, denied, grpc.status.FAILED_PRECONDITION);
    const unconfigured = usesDefault ? this.defaultProviderProblem(pkg, req.getVersion()) : undefined;
    if (unconfigured) return fail(cb, unconfigured, grpc.status.FAILED_PRECONDITION);
    const reg: Registration = {
      urn,
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent(),
      inputs: {},
      dependencies: req.getDependenciesList(),
      propertyDependencies: {},
      custom: true,
      provider: req.getProvider(),
      providers: {},
      aliases: [],
      version: req.getVersion(),
      read: true,
      options: {},
    };
    try {
      this.record(reg, struct);
    } catch (e) {
      return fail(cb, (e as Error).message, grpc.status.ALREADY_EXISTS);
    }
    this.logs.push({ severity: "warning", message: readCaveat(reg.type, req.getId()), urn });
    const resp = new resourcePb.ReadResourceResponse();
    resp.setUrn(urn);
    if (struct) resp.setProperties(struct);
    cb(null, resp);
  };

  private readonly invoke = (call: UnaryCall, cb: UnaryCallback) => {
    const token: string = call.request.getTok();
    const pkg = token.split(":")[0];
    if (!isExplicitProviderRef(call.request.getProvider())) {
      const denied = this.deniedDefault(pkg, token);
      // A failed invoke is the program's to handle, as under the CLI.
      if (denied) return fail(cb, `Invoke: ${denied}`, grpc.status.FAILED_PRECONDITION);
      this.noteDefaultProvider(token, call.request.getVersion());
    }
    const providerUrn = parseProviderRef(call.request.getProvider())?.urn;
    const providerReg = providerUrn ? this.byUrn.get(providerUrn) : undefined;
    const region = providerReg ? providerRegion(pkg, this.inputsOf(providerReg), this.env) : this.defaultRegion(pkg);
    if (isFailedRegion(region)) {
      const problem = providerReg
        ? this.explicitProviderProblem(pkg, providerReg.name, providerReg.urn, region)
        : this.defaultProviderProblem(pkg, call.request.getVersion());
      return fail(cb, `Invoke: ${problem}`, grpc.status.FAILED_PRECONDITION);
    }
    if (region.kind === "unknown") {
      // A provider with unknown inputs is left unconfigured in a preview, and the CLI's engine answers every invoke
      // it serves, whatever the token, with an empty result without asking the provider (pulumi/pulumi
      // sdk/go/common/resource/plugin/provider_plugin.go, provider.Invoke: "If the provider is not fully configured,
      // return an empty property map"): the program sees a known result whose fields are all undefined.
      return cb(null, new providerPb.InvokeResponse().setReturn(toStruct({})));
    }
    let args: Record<string, unknown> = {};
    try {
      const secrets: unknown[] = [];
      args = unwrapSecrets(toJs(call.request.getArgs()), secrets) as Record<string, unknown>;
      if (secrets.length > 0) this.options.onSecrets?.(secrets);
      const result = answerInvoke(token, args, { region: region.region, config: this.options.config });
      cb(null, new providerPb.InvokeResponse().setReturn(toStruct(result)));
    } catch (e) {
      if (e instanceof UnsupportedInvokeError && !this.unansweredInvokes.includes(token))
        this.unansweredInvokes.push(token);
      const message = (e as Error).message;
      fail(
        cb,
        e instanceof UnsupportedInvokeError ? message : withoutArguments(message, token, args),
        grpc.status.UNIMPLEMENTED,
      );
    }
  };

  private noteDefaultProvider(token: string, version: string): void {
    const pkg = token.split(":")[0];
    const key = `${pkg}@${version}`;
    if (pkg === "pulumi" || this.invokeProviderKeys.has(key)) return;
    this.invokeProviderKeys.add(key);
    this.invokeProviders.push({ pkg, version });
  }

  private readonly registerPackage = (call: UnaryCall, cb: UnaryCallback) => {
    const req = call.request;
    const param = req.getParameterization();
    const ref = param ? `${param.getName()}@${param.getVersion()}` : `${req.getName()}@${req.getVersion()}`;
    cb(null, new resourcePb.RegisterPackageResponse().setRef(ref));
  };

  private readonly log = (call: UnaryCall, cb: UnaryCallback) => {
    const failed = FAILED_REGISTRATION.exec(call.request.getMessage());
    if (failed) this.failedRegistrations.push({ type: failed[1], name: failed[2] });
    const severity = LOG_SEVERITIES[call.request.getSeverity()];
    if (severity && !call.request.getEphemeral()) {
      this.logs.push({ severity, message: call.request.getMessage(), urn: call.request.getUrn() });
    }
    cb(null, new emptypb.Empty());
  };
}
