// Where a raw template's WAFv2 logging configuration sends the logs. WAF accepts only a log group, bucket or
// Firehose stream whose name starts with aws-waf-logs-, and CloudFormation names a resource left unnamed after the
// stack, without that prefix: the configuration is then refused and the web ACL goes unlogged. A destination the template leaves
// unknown at preview (an import, an ARN built from the account, an undecided `Fn::If`) is a note, never a pass. A
// program's destinations are outputs unknown at preview and are not judged here.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, list } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { isOpenInput } from "./templates/template-conditional-switches";
import { isTemplateResourceId } from "./templates/template-references";

export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const BUCKET = "aws:s3/bucket:Bucket";

/** The input holding each destination type's name. */
const NAME_INPUTS: ReadonlyMap<string, string> = new Map([
  [LOG_GROUP, "name"],
  [BUCKET, "bucket"],
]);

const PREFIX = "aws-waf-logs-";

/** What one destination that names a template resource says: nothing when WAF accepts it. */
function templateDestination(log: GenericResource, id: string, byId: ReadonlyMap<unknown, GenericResource>): Finding[] {
  const dest = byId.get(id);
  const nameInput = dest && NAME_INPUTS.get(dest.type);
  if (!dest || !nameInput)
    return [unverifiable("logDestinationConfigs", "the destination is a template resource the kit does not read")];
  const name = dest.inputs[nameInput];
  if (isUnknown(name)) return [unverifiable(`${nameInput} of ${dest.name}`, `whether it starts with ${PREFIX}`)];
  if (typeof name === "string" && name.startsWith(PREFIX)) return [];
  const named =
    typeof name === "string" ? `is named ${name}` : `has no ${nameInput}, so CloudFormation names it after the stack`;
  return [
    violation(
      `logging configuration ${log.name} sends to ${dest.name}, which ${named}: WAF accepts only destinations whose name starts with ${PREFIX}, so the web ACL is not logged`,
    ),
  ];
}

/** Findings about the destinations of logging configuration `log`; `resources` are the stack's. */
export function destinationFindings(log: GenericResource, resources: readonly GenericResource[]): Finding[] {
  if (isOpenInput(log, "logDestinationConfigs"))
    return [unverifiable("logDestinationConfigs", "the template leaves where the web ACL's logs go open at preview")];
  const named = list(log.inputs.logDestinationConfigs).filter(isTemplateResourceId);
  if (named.length === 0) return [];
  const byId = new Map(resources.filter((r) => NAME_INPUTS.has(r.type)).map((r) => [r.inputs.id, r]));
  return named.flatMap((id) => templateDestination(log, id, byId));
}
