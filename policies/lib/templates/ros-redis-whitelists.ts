// ROS Redis whitelists. ALIYUN::REDIS::Instance takes no whitelist of its own: each ALIYUN::REDIS::Whitelist adds a
// group of entries to the instance it names. Once the whole template is read, the groups naming an instance of the
// template become its securityIps, as the provider's instance holds them, for the rule and the network model alike;
// a group naming an instance elsewhere is judged on its own.
import { EmbeddedResource, Translation } from "./embedded-resource";
import { templateReference } from "./template-references";

const KVSTORE = "alicloud:kvstore/instance:Instance";
const ROS_REDIS = "ALIYUN::REDIS::Instance";
/** A whitelist group as read, before it is settled on its instance; never handed to a rule. */
export const REDIS_WHITELIST = "template:ALIYUN::REDIS::Whitelist";

const whitelist: Translation = (read) => [
  { type: REDIS_WHITELIST, props: { instanceId: read("InstanceId"), securityIps: read("SecurityIps") } },
];

export const ROS_REDIS_WHITELIST_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::REDIS::Whitelist", whitelist],
]);

/**
 * A group naming an instance outside the template (an existing one, or one the program passes in) admits its entries
 * there all the same: judged as the provider's Redis whitelist bound to instances elsewhere, where open is open. The
 * network model does not read that type, so it adds no database host.
 */
function outsideInstance(group: EmbeddedResource): EmbeddedResource {
  return {
    ...group,
    type: "alicloud:redis/globalSecurityIpGroup:GlobalSecurityIpGroup",
    props: { globalIpList: group.props.securityIps },
    hint: "globalIpList is the group's SecurityIps, added to a Redis instance outside the template",
  };
}

/**
 * The template's Redis instances with the entries of the whitelists naming them, which then leave the reading; a
 * whitelist naming no instance of the template stays, judged on its own.
 */
export function settleRedisWhitelists(resources: EmbeddedResource[]): EmbeddedResource[] {
  if (!resources.some((r) => r.type === REDIS_WHITELIST)) return resources;
  const groups = resources.filter((r) => r.type === REDIS_WHITELIST);
  const instances = new Set(
    resources
      .filter((r) => r.templateType === ROS_REDIS && r.type === KVSTORE)
      .map((r) => templateReference(r.logicalId)),
  );
  return resources.flatMap((r) => {
    if (r.type === REDIS_WHITELIST) return instances.has(r.props.instanceId as string) ? [] : [outsideInstance(r)];
    if (r.templateType !== ROS_REDIS || r.type !== KVSTORE) return [r];
    const own = templateReference(r.logicalId);
    const entries = groups.filter((g) => g.props.instanceId === own).map((g) => g.props.securityIps);
    return [entries.length > 0 ? { ...r, props: { ...r.props, securityIps: entries } } : r];
  });
}
