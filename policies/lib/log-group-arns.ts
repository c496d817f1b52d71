// A flow log's CloudWatch Logs destination written as a literal ARN (`arn:aws:logs:<region>:<account>:log-group:<name>`,
// with or without the trailing `:*`) names a log group by its name in the ARN's region and account. A log group of the
// stack with that name is the one named when its place is the ARN's; the plan shows its region when the group or its
// provider names one, its account only through the provider's allowedAccountIds, so either may stay "maybe".
import { GenericResource, str } from "../../lib/reachability/internals";
import { bothLinks, Link } from "./links";
import { providerAccount } from "./provider-accounts";
import { regionOf } from "./provider-region";

/** Log group names hold no colon, so the name ends at the optional `:*`. */
const LOG_GROUP_ARN = /^(arn:[\w-]+:logs:([^:]*):([^:]*):log-group:([^:]+))(?::\*)?$/;

export interface LogGroupArnNaming {
  group: GenericResource;
  link: Link;
  /** Why the naming is only "maybe" (what the plan does not show); absent otherwise. */
  why?: string;
}

function accountLink(account: string, group: GenericResource): Link {
  const ids = providerAccount(group).within;
  if (ids === undefined) return "maybe";
  if (!ids.includes(account)) return "no";
  return ids.length === 1 ? "yes" : "maybe";
}

/** Whether a log group ARN names `group`: by the group's own ARN when known, else by its name and place. */
function namesGroup(arn: RegExpExecArray, group: GenericResource): LogGroupArnNaming {
  const [, bare, region, account, name] = arn;
  const ownArn = str(group.inputs.arn);
  if (ownArn !== undefined) return { group, link: ownArn.replace(/:\*$/, "") === bare ? "yes" : "no" };
  if (str(group.inputs.name) !== name) return { group, link: "no" };
  const own = regionOf(group);
  const inRegion: Link = own === undefined ? "maybe" : own === region ? "yes" : "no";
  const inAccount = accountLink(account, group);
  const link = bothLinks(inRegion, inAccount);
  if (link !== "maybe") return { group, link };
  const unseen = [
    ...(inRegion === "maybe" ? ["region"] : []),
    ...(inAccount === "maybe" ? ["account, which only its provider's allowedAccountIds would show"] : []),
  ];
  return { group, link, why: `the plan does not show log group ${group.name}'s ${unseen.join(" or ")}` };
}

/**
 * The log groups of `groups` a known destination ARN names: those it surely names, else those it may name; none when
 * the value is no log group ARN or names none of them.
 */
export function logGroupsNamedByArn(destination: unknown, groups: readonly GenericResource[]): LogGroupArnNaming[] {
  const arn = LOG_GROUP_ARN.exec(str(destination) ?? "");
  if (!arn) return [];
  const namings = groups.map((g) => namesGroup(arn, g)).filter((n) => n.link !== "no");
  const sure = namings.filter((n) => n.link === "yes");
  return sure.length > 0 ? sure : namings;
}
