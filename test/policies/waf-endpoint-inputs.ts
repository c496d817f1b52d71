// Stack inputs the require-waf-on-internet-endpoints tables share: a web ACL association and a CloudFront
// distribution, each linked to its target the way a preview links new resources (ARNs and host names unknown).
import { StackInput, UNKNOWN, urnOf } from "./harness";

export const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
export const CLOUDFRONT = "aws:cloudfront/distribution:Distribution";
export const WEB_ACL_ARN = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/1";
export const CLOUDFRONT_WEB_ACL_ARN = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1";

/** An association whose resourceArn flows from `target` (unknown at preview, or `resourceArn` once known). */
export const associationOf = (type: string, name: string, resourceArn: unknown = UNKNOWN): StackInput => ({
  type: ASSOCIATION,
  name: `${name}-waf`,
  props: { resourceArn, webAclArn: WEB_ACL_ARN },
  propertyDependencies: { resourceArn: [urnOf(type, name)] },
});

/**
 * A distribution with one origin: `origin` is the resource whose output becomes the origin's domainName (unknown at
 * preview), or a known host name. `webAcl` holds its webAclId, or nothing for a distribution without one.
 */
export function distribution(
  origin: { type: string; name: string } | string,
  webAcl: { webAclId?: unknown } = { webAclId: CLOUDFRONT_WEB_ACL_ARN },
): StackInput {
  const linked = typeof origin !== "string";
  return {
    type: CLOUDFRONT,
    name: "edge",
    props: {
      enabled: true,
      ...webAcl,
      origins: [{ originId: "api", domainName: linked ? UNKNOWN : origin }],
    },
    propertyDependencies: linked ? { origins: [urnOf(origin.type, origin.name)] } : {},
  };
}
