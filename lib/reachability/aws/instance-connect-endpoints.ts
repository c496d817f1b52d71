// EC2 Instance Connect Endpoints: an IAM-authorised tunnel into private hosts, not an internet source. A host's rule
// admitting an endpoint's security group admits the tunnel, whether or not the endpoint preserves client addresses
// (AWS documents the group reference as working either way).
import type { NetworkModel } from "../model";
import { list } from "../resource";
import { AWS, AWS_SECURITY_GROUPS } from "./tokens";

/**
 * Security groups of the stack that an endpoint of the stack names in `securityGroupIds`, by known id or property
 * dependency. An endpoint naming none gets the VPC's default group, which is no access path of its own.
 */
export function instanceConnectEndpointGroups(m: NetworkModel): Set<string> {
  const res = m.resolver;
  const out = new Set<string>();
  for (const r of res.ofType(AWS.instanceConnectEndpoint))
    for (const sg of res.many(r, "securityGroupIds", list(r.inputs.securityGroupIds), AWS_SECURITY_GROUPS).urns)
      out.add(sg);
  return out;
}
