// Inputs whose change makes the provider replace the resource (ForceNew / create-only), for well-known types.
// An offline engine has no provider Diff: this short list only flags likely replacements; absence proves nothing.

const CREATE_ONLY: Record<string, readonly string[]> = {
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:s3/bucketV2:BucketV2": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:ec2/vpc:Vpc": ["cidrBlock", "instanceTenancy"],
  "aws:ec2/subnet:Subnet": ["vpcId", "cidrBlock", "availabilityZone"],
  "aws:ec2/securityGroup:SecurityGroup": ["name", "namePrefix", "vpcId", "description"],
  "aws:ec2/flowLog:FlowLog": ["vpcId", "logDestination", "logDestinationType", "logFormat", "trafficType"],
  "aws:ec2/instance:Instance": ["ami", "availabilityZone", "subnetId", "keyName"],
  "aws:rds/instance:Instance": ["identifier", "engine", "username", "storageEncrypted", "kmsKeyId"],
  "aws:kms/key:Key": ["keyUsage", "customerMasterKeySpec"],
  "aws:backup/vault:Vault": ["name", "kmsKeyArn"],
  "aws:cloudtrail/trail:Trail": ["name"],
  "aws:cloudwatch/logGroup:LogGroup": ["name", "namePrefix"],
  "alicloud:oss/bucket:Bucket": ["bucket", "storageClass", "redundancyType"],
  "alicloud:log/project:Project": ["name", "projectName"],
  "alicloud:log/store:Store": ["project", "projectName", "name", "logstoreName"],
  "alicloud:vpc/switch:Switch": ["vpcId", "cidrBlock", "zoneId", "availabilityZone"],
  "alicloud:ecs/securityGroupRule:SecurityGroupRule": [
    "type",
    "ipProtocol",
    "portRange",
    "securityGroupId",
    "cidrIp",
    "ipv6CidrIp",
    "sourceSecurityGroupId",
    "policy",
    "priority",
    "nicType",
  ],
  "alicloud:hbr/vault:Vault": ["vaultType", "vaultStorageClass"],
  "alicloud:actiontrail/trail:Trail": ["name", "trailName"],
};

/** The changed inputs that would replace the resource: `replaceOnChanges` entries, then the well-known list. */
export function replacingInputs(type: string, changed: string[], replaceOnChanges: string[] = []): string[] {
  if (replaceOnChanges.includes("*")) return changed;
  const createOnly = new Set([...(CREATE_ONLY[type] ?? []), ...replaceOnChanges.map((p) => p.split(/[.[]/)[0])]);
  return changed.filter((key) => createOnly.has(key));
}
