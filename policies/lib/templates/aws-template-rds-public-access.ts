// Whether an RDS instance or Multi-AZ DB cluster that a template declares without PubliclyAccessible is public.
// CloudFormation passes the RDS API's defaults through (the Pulumi provider's instance defaults to false instead):
// without a DB subnet group, or with the one named "default", RDS places the database in the default VPC, whose
// internet gateway makes it public; in a subnet group of its own it is public when that VPC has an internet gateway,
// which the template alone may not show.
import { isUnknown, UNKNOWN } from "../../../lib/values";

export interface PublicAccess {
  publiclyAccessible: unknown;
  /** Why the flag reads as it does when the template leaves it out. */
  hint?: string;
}

const DEFAULT_VPC_HINT =
  "PubliclyAccessible and DBSubnetGroupName are not set: the RDS API default then places the database in the default VPC, whose internet gateway makes it publicly accessible; set PubliclyAccessible: false or a DBSubnetGroupName";

const UNSET_PUBLIC_HINT =
  "PubliclyAccessible is not set: RDS then makes the database public when its VPC has an internet gateway; set it to false";

/** No subnet group, or the account's default one: the default VPC's subnets. */
function inDefaultVpc(subnetGroup: unknown): boolean {
  if (subnetGroup === undefined) return true;
  return typeof subnetGroup === "string" && !isUnknown(subnetGroup) && subnetGroup.toLowerCase() === "default";
}

/**
 * The flag as written; left out, true in the default VPC when `defaultVpcApplies` (the database is not placed by a
 * source it copies, as a read replica is), else unknown with the reason said.
 */
export function rdsPublicAccess(flag: unknown, subnetGroup: unknown, defaultVpcApplies: boolean): PublicAccess {
  if (flag !== undefined) return { publiclyAccessible: flag };
  if (defaultVpcApplies && inDefaultVpc(subnetGroup)) return { publiclyAccessible: true, hint: DEFAULT_VPC_HINT };
  return { publiclyAccessible: UNKNOWN, hint: UNSET_PUBLIC_HINT };
}

const knownEngine = (engine: unknown): string | undefined =>
  typeof engine === "string" && !isUnknown(engine) ? engine.toLowerCase() : undefined;

/**
 * A Multi-AZ DB cluster (MySQL or PostgreSQL, sized by DBClusterInstanceClass), not Aurora: its own flag decides,
 * where an Aurora cluster's member instances decide for it.
 */
export function isMultiAzCluster(engine: unknown, instanceClass: unknown): boolean {
  const known = knownEngine(engine);
  if (known?.startsWith("aurora")) return false;
  return instanceClass !== undefined || known !== undefined;
}
