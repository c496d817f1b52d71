// AWS Verified Access instances that serve web traffic: WAF attaches to the instance (a WebAclAssociation) and
// inspects its HTTP(S) endpoints; TCP, RDS and CIDR endpoints carry nothing it can read.
import { GenericResource, isUnknown, prop, Resolver, str } from "../../lib/reachability/internals";
import { anyOf, Proof } from "../lib/proof";

export const VERIFIED_ACCESS = {
  instance: "aws:verifiedaccess/instance:Instance",
  group: "aws:verifiedaccess/group:Group",
  endpoint: "aws:verifiedaccess/endpoint:Endpoint",
};

const OPTIONS_BY_ENDPOINT_TYPE: Record<string, string> = {
  "load-balancer": "loadBalancerOptions",
  "network-interface": "networkInterfaceOptions",
};

/** HTTP(S) endpoint; the protocol may be left out (it was HTTP(S) only before TCP endpoints existed). */
function servesWeb(endpoint: GenericResource): Proof {
  const type = endpoint.inputs.endpointType;
  if (isUnknown(type)) return "unknown";
  const optionsKey = OPTIONS_BY_ENDPOINT_TYPE[(str(type) ?? "").toLowerCase()];
  if (!optionsKey) return "no";
  const options = endpoint.inputs[optionsKey];
  const protocol = prop(options, "protocol");
  if (isUnknown(options) || isUnknown(protocol)) return "unknown";
  const p = str(protocol)?.toLowerCase();
  return p === undefined || p === "http" || p === "https" ? "yes" : "no";
}

/** Instance URN → whether one of its endpoints (through their groups) serves web traffic. */
export function verifiedAccessWebInstances(res: Resolver): Map<string, Proof> {
  for (const g of res.ofType(VERIFIED_ACCESS.group)) {
    const id = str(g.inputs.verifiedaccessGroupId);
    if (id) res.alias(g, id);
  }
  const out = new Map<string, Proof>();
  for (const endpoint of res.ofType(VERIFIED_ACCESS.endpoint)) {
    const web = servesWeb(endpoint);
    if (web === "no") continue;
    const groupUrn = res.one(endpoint, "verifiedAccessGroupId", endpoint.inputs.verifiedAccessGroupId, [
      VERIFIED_ACCESS.group,
    ]);
    const group = groupUrn ? res.get(groupUrn) : undefined;
    const instance = group
      ? res.one(group, "verifiedaccessInstanceId", group.inputs.verifiedaccessInstanceId, [VERIFIED_ACCESS.instance])
      : undefined;
    if (instance) out.set(instance, anyOf([out.get(instance) ?? "no", web]));
  }
  return out;
}
