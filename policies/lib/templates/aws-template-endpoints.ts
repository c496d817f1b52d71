// CloudFormation web entry points a WAF stands in front of, as the Pulumi AWS provider's: elastic load balancers v2
// (their scheme, type, subnets and groups, which the WAF rule and the network model read), classic load balancers
// (aws-template-classic-load-balancers.ts) and CloudFront distributions (the web ACL they name, open when unknown at
// preview, and their origins with the custom headers they send, which an origin request gate's listener rules
// require: waf-endpoints-cloudfront-gate.ts).
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { AWS_CLASSIC_LOAD_BALANCER_TRANSLATIONS } from "./aws-template-classic-load-balancers";
import { AWS_LISTENER_TRANSLATIONS } from "./aws-template-listeners";
import { internal } from "./aws-template-schemes";
import { AWS_TARGET_GROUP_TRANSLATIONS } from "./aws-template-target-groups";
import { defined, tagMap, Translation } from "./embedded-resource";
import { markingOpen } from "./template-conditional-switches";
import { resolvedAtDeployment } from "./template-dynamic-references";

function subnetMappings(mappings: unknown): unknown {
  if (mappings === undefined || isUnknown(mappings)) return mappings;
  return list(mappings).map((m) =>
    isUnknown(m) ? UNKNOWN : defined({ subnetId: obj(m)?.SubnetId, allocationId: obj(m)?.AllocationId }),
  );
}

/** `Ref` of a balancer gives its ARN, which a WebACLAssociation's ResourceArn names it by. */
const loadBalancer: Translation = (read) => [
  {
    type: "aws:lb/loadBalancer:LoadBalancer",
    props: defined({
      name: read("Name"),
      internal: internal(read("Scheme")),
      loadBalancerType: read("Type"),
      subnets: read("Subnets"),
      subnetMappings: subnetMappings(read("SubnetMappings")),
      securityGroups: read("SecurityGroups"),
      ipAddressType: read("IpAddressType"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/**
 * `OriginCustomHeaders` (`[{ HeaderName, HeaderValue }]`) as the provider's `customHeaders`. A value from a dynamic
 * reference (`{{resolve:secretsmanager:…}}`) is set at deployment: unknown at preview, its name still read.
 */
function customHeaders(value: unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  return list(value).map((h) =>
    isUnknown(h) ? UNKNOWN : { name: obj(h)?.HeaderName, value: resolvedAtDeployment(obj(h)?.HeaderValue) },
  );
}

/** An origin's `DomainName`: `Fn::GetAtt [Alb, DNSName]` reads as a reference to the template's ALB. */
function origins(value: unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  return list(value).map((o) =>
    isUnknown(o)
      ? UNKNOWN
      : defined({
          originId: obj(o)?.Id,
          domainName: obj(o)?.DomainName,
          customHeaders: customHeaders(obj(o)?.OriginCustomHeaders),
        }),
  );
}

/**
 * `DistributionConfig.WebACLId`: a WAFv2 web ACL's ARN (or a classic web ACL's id), as the provider's webAclId. Unknown
 * at preview it is open, not set: an undecided `Fn::If` may leave it out.
 */
const distribution: Translation = (read) => [
  {
    type: "aws:cloudfront/distribution:Distribution",
    props: markingOpen(
      defined({
        enabled: read(["DistributionConfig", "Enabled"]),
        webAclId: read(["DistributionConfig", "WebACLId"]),
        aliases: read(["DistributionConfig", "Aliases"]),
        origins: origins(read(["DistributionConfig", "Origins"])),
        tags: tagMap(read("Tags")),
      }),
      ["webAclId"],
    ),
  },
];

export const AWS_ENDPOINT_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::ElasticLoadBalancingV2::LoadBalancer", loadBalancer],
  ["AWS::CloudFront::Distribution", distribution],
  ...AWS_CLASSIC_LOAD_BALANCER_TRANSLATIONS,
  ...AWS_LISTENER_TRANSLATIONS,
  ...AWS_TARGET_GROUP_TRANSLATIONS,
]);
