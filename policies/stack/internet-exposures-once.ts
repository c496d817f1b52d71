// The internet's rows of a network model, computed once per model: several stack rules of one AnalyzeStack read them
// (admin ports, database ports, WAF listener reach, CloudFront origins) from the model the request's rules share
// (stack-view.ts), which is only read once built. The rows are handed out read-only.
import { Exposure, internetExposures, NetworkModel } from "../../lib/reachability";

const rowsByModel = new WeakMap<NetworkModel, readonly Exposure[]>();

export function internetExposuresOnce(m: NetworkModel): readonly Exposure[] {
  let rows = rowsByModel.get(m);
  if (rows === undefined) rowsByModel.set(m, (rows = internetExposures(m)));
  return rows;
}
