// Ids the mocks give new resources: "<name>-id", except where a component checks an id's form (a security group
// given to Bastion.allowSshTo), which gets an id in its cloud's own form, still derived from the name.
import { createHash } from "crypto";

const AWS_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const ALICLOUD_GROUP = "alicloud:ecs/securityGroup:SecurityGroup";

/** An AWS security group id for `name`: sg- and 17 hex digits. */
export const awsSecurityGroupIdOf = (name: string) =>
  `sg-${createHash("sha256").update(name).digest("hex").slice(0, 17)}`;

/** An Alibaba Cloud security group id for `name`: sg- and its letters and digits, e.g. "sg-opssg" for "ops-sg". */
export const alicloudSecurityGroupIdOf = (name: string) => `sg-${name.replace(/[^A-Za-z0-9]/g, "").slice(0, 27)}`;

export function mockIdOf(type: string, name: string): string {
  if (type === AWS_GROUP) return awsSecurityGroupIdOf(name);
  if (type === ALICLOUD_GROUP) return alicloudSecurityGroupIdOf(name);
  return `${name}-id`;
}
