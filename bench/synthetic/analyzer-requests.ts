// Builds AnalyzeRequest / AnalyzeStackRequest messages as the engine sends them. Each message goes through a binary
// round trip so the handler reads a Struct decoded from the wire, not the one we built.
import { AnalyzerMessages } from "./policy-sdk";
import { SyntheticResource } from "./resource";

function options(m: AnalyzerMessages, parent?: string): any {
  const opts = new m.AnalyzerResourceOptions();
  opts.setProtect(false);
  if (parent) opts.setParent(parent);
  return opts;
}

export function analyzeRequest(m: AnalyzerMessages, r: SyntheticResource): any {
  const req = new m.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name);
  req.setUrn(r.urn);
  req.setProperties(m.Struct.fromJavaScript(r.props));
  // The SDK throws "A more recent version of the Pulumi CLI is required" when options are missing.
  req.setOptions(options(m, r.parent));
  return m.AnalyzeRequest.deserializeBinary(req.serializeBinary());
}

function analyzerResource(m: AnalyzerMessages, r: SyntheticResource): any {
  const res = new m.AnalyzerResource();
  res.setType(r.type);
  res.setName(r.name);
  res.setUrn(r.urn);
  res.setProperties(m.Struct.fromJavaScript(r.props));
  res.setOptions(options(m, r.parent));
  if (r.parent) res.setParent(r.parent);
  res.setDependenciesList(r.dependencies ?? []);
  const deps = res.getPropertydependenciesMap();
  for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
    const d = new m.AnalyzerPropertyDependencies();
    d.setUrnsList(urns);
    deps.set(key, d);
  }
  return res;
}

export function analyzeStackRequest(m: AnalyzerMessages, resources: SyntheticResource[]): any {
  const req = new m.AnalyzeStackRequest();
  req.setResourcesList(resources.map((r) => analyzerResource(m, r)));
  return m.AnalyzeStackRequest.deserializeBinary(req.serializeBinary());
}
