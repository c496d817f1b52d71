// Resource transforms (`transforms` option, `registerResourceTransform`) as the engine runs them: the program serves
// each transform as a callback; before a registration is recorded the engine calls the resource's own transforms,
// then those of each ancestor, then the stack's, and registers what they return.
import { callbackGrpc, callbackPb, channelOptions, grpc, resourcePb } from "./grpc";

export interface Callback {
  target: string;
  token: string;
}

const asCallback = (c: any): Callback => ({ target: c.getTarget(), token: c.getToken() });

/** The options a transform may read and change, copied from a registration. */
function transformOptions(req: any): any {
  const opts = new resourcePb.TransformResourceOptions();
  opts.setDependsOnList(req.getDependenciesList());
  opts.setProtect(req.getProtect() ?? false);
  opts.setIgnoreChangesList(req.getIgnorechangesList());
  opts.setReplaceOnChangesList(req.getReplaceonchangesList());
  opts.setVersion(req.getVersion());
  opts.setAliasesList(req.getAliasesList());
  opts.setProvider(req.getProvider());
  if (req.getCustomtimeouts()) opts.setCustomTimeouts(req.getCustomtimeouts());
  opts.setPluginDownloadUrl(req.getPlugindownloadurl());
  opts.setRetainOnDelete(req.getRetainondelete() ?? false);
  opts.setDeletedWith(req.getDeletedwith());
  if (req.getDeletebeforereplacedefined()) opts.setDeleteBeforeReplace(req.getDeletebeforereplace());
  opts.setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList());
  for (const [pkg, ref] of req.getProvidersMap().entries()) opts.getProvidersMap().set(pkg, ref);
  return opts;
}

/** Writes what a transform returned back onto the registration. */
function applyOptions(req: any, opts: any): void {
  req.setDependenciesList(opts.getDependsOnList());
  req.setProtect(opts.getProtect());
  req.setIgnorechangesList(opts.getIgnoreChangesList());
  req.setReplaceonchangesList(opts.getReplaceOnChangesList());
  req.setVersion(opts.getVersion());
  // A transform's aliases replace the registration's, as Alias messages (URNs or specs) like the SDK's own.
  req.setAliasesList(opts.getAliasesList());
  req.setAliasurnsList([]);
  req.setProvider(opts.getProvider());
  req.setCustomtimeouts(opts.getCustomTimeouts());
  req.setPlugindownloadurl(opts.getPluginDownloadUrl());
  req.setRetainondelete(opts.getRetainOnDelete());
  req.setDeletedwith(opts.getDeletedWith());
  if (opts.hasDeleteBeforeReplace()) {
    req.setDeletebeforereplace(opts.getDeleteBeforeReplace());
    req.setDeletebeforereplacedefined(true);
  }
  req.setAdditionalsecretoutputsList(opts.getAdditionalSecretOutputsList());
  req.getProvidersMap().clear();
  for (const [pkg, ref] of opts.getProvidersMap().entries()) req.getProvidersMap().set(pkg, ref);
}

export class Transforms {
  private readonly stack: Callback[] = [];
  /** Each resource's own transforms, inherited by its children. */
  private readonly own = new Map<string, Callback[]>();
  private readonly parents = new Map<string, string>();
  private readonly clients = new Map<string, any>();

  addStackTransform(callback: any): void {
    this.stack.push(asCallback(callback));
  }

  /** The transforms that apply to a registration, in the order the engine runs them (records its own). */
  chain(urn: string, req: any): Callback[] {
    const mine: Callback[] = req.getTransformsList().map(asCallback);
    const parent: string = req.getParent();
    this.parents.set(urn, parent);
    if (mine.length) this.own.set(urn, mine);
    if (!this.own.size && !this.stack.length) return mine;
    const chain = [...mine];
    for (let p = parent; p; p = this.parents.get(p) ?? "") chain.push(...(this.own.get(p) ?? []));
    return [...chain, ...this.stack];
  }

  /** Runs transforms on a registration in place, each on what the previous one returned. */
  async run(chain: Callback[], req: any): Promise<void> {
    for (const callback of chain) {
      const request = new resourcePb.TransformRequest();
      request.setType(req.getType());
      request.setName(req.getName());
      request.setCustom(req.getCustom());
      request.setParent(req.getParent());
      request.setProperties(req.getObject());
      request.setOptions(transformOptions(req));
      const reply = await this.invoke(callback, request.serializeBinary());
      const response = resourcePb.TransformResponse.deserializeBinary(reply);
      if (response.getProperties()) req.setObject(response.getProperties());
      if (response.getOptions()) applyOptions(req, response.getOptions());
    }
  }

  private invoke(callback: Callback, bytes: Uint8Array): Promise<Uint8Array> {
    let client = this.clients.get(callback.target);
    if (!client) {
      client = new callbackGrpc.CallbacksClient(callback.target, grpc.credentials.createInsecure(), channelOptions);
      this.clients.set(callback.target, client);
    }
    const request = new callbackPb.CallbackInvokeRequest();
    request.setToken(callback.token);
    request.setRequest(bytes);
    return new Promise((resolve, reject) =>
      client.invoke(request, (err: Error | null, res: any) => (err ? reject(err) : resolve(res.getResponse_asU8()))),
    );
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
