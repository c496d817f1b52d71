// References between the resources of one template (`Ref` of a logical id, `Fn::GetAtt` of its id attribute). A
// reading is shared by every container with the same body, so a reference is first a placeholder naming the logical
// id; placed in a container it becomes the id the referenced resource carries there, `template:<container urn>/<Id>`,
// which the network model links by known id as it links the program's resources.

/** Never the start of a real value: template text cannot hold a NUL character that survives JSON or YAML as is. */
const PLACEHOLDER = "\u0000template-ref:";

/** What a reference to the template's resource `logicalId` reads as until it is placed in a container. */
export const templateReference = (logicalId: string): string => `${PLACEHOLDER}${logicalId}`;

export const isTemplateReference = (v: unknown): v is string => typeof v === "string" && v.startsWith(PLACEHOLDER);

/** Never the start of an id or ARN the cloud assigns. */
const ID_PREFIX = "template:";

/** The id a template resource carries in the container `containerUrn`, and that references to it resolve to. */
export const templateResourceId = (containerUrn: string, logicalId: string): string =>
  `${ID_PREFIX}${containerUrn}/${logicalId}`;

/** True when `id` is the id of a resource some container's template deploys. */
export const isTemplateResourceId = (id: unknown): id is string => typeof id === "string" && id.startsWith(ID_PREFIX);

/** True when `id` is the id of a resource the template of container `containerUrn` deploys. */
export const deployedBy = (id: unknown, containerUrn: string): boolean =>
  typeof id === "string" && id.startsWith(templateResourceId(containerUrn, ""));

/** `Fn::GetAtt` attributes that give a resource's own id whatever its type; others are `<last type part>Id`. */
const ID_ATTRIBUTES: ReadonlySet<string> = new Set(["Id", "GroupId", "AllocationId", "AclId"]);

/**
 * True when `Fn::GetAtt [logicalId, attribute]` is the resource's id: `GroupId` of a security group, `VpcId` of a
 * VPC, `VSwitchId` of a vSwitch, `InstanceId` of an ECS instance. `VpcId` of a security group is another resource's
 * id and stays unknown. Prepaid and elastic variants take the plain type's attribute (`DBInstanceId`, `InstanceId`).
 */
export function isIdAttribute(templateType: unknown, attribute: unknown): boolean {
  if (typeof templateType !== "string" || typeof attribute !== "string") return false;
  // A prepaid or elastic variant (ALIYUN::RDS::PrepayDBInstance, ALIYUN::GPDB::ElasticDBInstance) names its id as the
  // plain type does (DBInstanceId).
  const own = templateType.split("::").pop() ?? "";
  const plain = own.replace(/^(Prepay|Elastic)(?=[A-Z])/, "");
  if ([own, plain].some((name) => attribute.toLowerCase() === `${name}Id`.toLowerCase())) return true;
  if (!ID_ATTRIBUTES.has(attribute)) return false;
  // GroupId and AllocationId name only a group's or an address's own id.
  if (attribute === "GroupId") return /SecurityGroup$/.test(templateType);
  if (attribute === "AllocationId") return /::EIP$/.test(templateType);
  // An SLB access control list's id is AclId, not AccessControlId.
  if (attribute === "AclId") return templateType === "ALIYUN::SLB::AccessControl";
  return true;
}

/**
 * `Fn::GetAtt` attributes that name a resource the way a rule links it, by type: a log group's or bucket's ARN
 * (where a flow log delivers), a log store's name (`Ref` gives these resources' names already), the ARN of a web ACL
 * or of what its rules reference, a load balancer's ARN (where a web ACL association puts the web ACL) or DNS name
 * (where a CloudFront origin sends requests), a listener's ARN (which its rules name), a target group's ARN (which
 * listener actions and auto scaling groups name), a backup vault's ARN or name (where a plan's copy action writes), a
 * role's ARN (a principal a bucket policy names).
 */
const NAMING_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["AWS::Logs::LogGroup", new Set(["Arn"])],
  ["AWS::S3::Bucket", new Set(["Arn"])],
  ["AWS::CloudTrail::Trail", new Set(["Arn"])],
  ["AWS::WAFv2::WebACL", new Set(["Arn"])],
  ["AWS::WAFv2::RuleGroup", new Set(["Arn"])],
  ["AWS::WAFv2::IPSet", new Set(["Arn"])],
  ["AWS::WAFv2::RegexPatternSet", new Set(["Arn"])],
  ["AWS::ElasticLoadBalancingV2::LoadBalancer", new Set(["LoadBalancerArn", "DNSName"])],
  ["AWS::ElasticLoadBalancingV2::Listener", new Set(["ListenerArn"])],
  ["AWS::ElasticLoadBalancingV2::TargetGroup", new Set(["TargetGroupArn"])],
  ["AWS::Backup::BackupVault", new Set(["BackupVaultArn", "BackupVaultName"])],
  ["AWS::Backup::LogicallyAirGappedBackupVault", new Set(["BackupVaultArn", "BackupVaultName"])],
  ["AWS::IAM::Role", new Set(["Arn"])],
  ["ALIYUN::SLS::Logstore", new Set(["LogstoreName"])],
  ["ALIYUN::ACTIONTRAIL::Trail", new Set(["Name"])],
  // An IPv6 address id read from an instance: the model links an address bought bandwidth to the instance it is read
  // from, as it does at preview (lib/reachability/alicloud/ipv6-internet.ts). An instance's primary interface is the
  // instance to the model (an ENI id read from an instance names it at preview), so addresses assigned to it
  // (ALIYUN::ECS::AssignIpv6Addresses, whose address ids name the assignment) are the instance's
  // (ros-ipv6-assignments.ts).
  ["ALIYUN::ECS::Instance", new Set(["Ipv6AddressIds", "PrimaryNetworkInterfaceId"])],
  ["ALIYUN::ECS::PrepayInstance", new Set(["Ipv6AddressIds"])],
  ["ALIYUN::ECS::InstanceGroup", new Set(["Ipv6AddressIds"])],
  ["ALIYUN::ECS::InstanceGroupClone", new Set(["Ipv6AddressIds"])],
  ["ALIYUN::ECS::AssignIpv6Addresses", new Set(["Ipv6AddressIds"])],
]);

/** True when `Fn::GetAtt [logicalId, attribute]` stands for the resource itself: its id, or a name rules link by. */
export function namesResource(templateType: unknown, attribute: unknown): boolean {
  if (isIdAttribute(templateType, attribute)) return true;
  return typeof templateType === "string" && NAMING_ATTRIBUTES.get(templateType)?.has(String(attribute)) === true;
}

/** A translated value with every placeholder replaced by the id the referenced resource has in `containerUrn`. */
export function bindReferences(v: unknown, containerUrn: string): unknown {
  // A provider field taking ids as one comma-separated string (an EMR cluster's additional groups) joins several.
  if (typeof v === "string" && v.includes(",") && v.includes(PLACEHOLDER))
    return v
      .split(",")
      .map((part) => bindReferences(part, containerUrn))
      .join(",");
  if (isTemplateReference(v)) return templateResourceId(containerUrn, v.slice(PLACEHOLDER.length));
  if (Array.isArray(v)) return v.map((item) => bindReferences(item, containerUrn));
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, bindReferences(item, containerUrn)]));
  return v;
}
