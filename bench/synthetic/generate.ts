// The benchmark's stack: a deterministic mix of both clouds shaped like the kit's product stacks (many rules and
// instances, fewer buckets, trails and account settings).
import { awsBuilders, Builder } from "./aws-resources";
import { alicloudBuilders } from "./alicloud-resources";
import { postureOf } from "./posture";
import { Prng } from "./prng";
import { SyntheticResource, urnOf } from "./resource";

/** Relative frequency of each builder; rules and compute dominate, as in a real estate. */
const MIX: readonly (readonly [Builder, number])[] = [
  [awsBuilders.securityGroup, 8],
  [awsBuilders.securityGroupRule, 8],
  [awsBuilders.ingressRule, 4],
  [awsBuilders.instance, 8],
  [awsBuilders.launchTemplate, 3],
  [awsBuilders.bucket, 4],
  [awsBuilders.bucketPublicAccessBlock, 3],
  [awsBuilders.bucketEncryption, 3],
  [awsBuilders.rdsInstance, 3],
  [awsBuilders.loadBalancer, 2],
  [awsBuilders.listener, 2],
  [awsBuilders.classicElb, 1],
  [awsBuilders.trail, 1],
  [awsBuilders.iamPolicy, 3],
  [awsBuilders.iamRole, 3],
  [awsBuilders.passwordPolicy, 0.2],
  [awsBuilders.accessKey, 1],
  [awsBuilders.volume, 3],
  [awsBuilders.vpc, 1],
  [awsBuilders.flowLog, 1],
  [awsBuilders.kmsKey, 1],
  [awsBuilders.logGroup, 2],
  [awsBuilders.dynamoTable, 1],
  [awsBuilders.redshiftCluster, 0.5],
  [awsBuilders.elasticsearchDomain, 0.5],
  [alicloudBuilders.sgRule, 14],
  [alicloudBuilders.securityGroup, 3],
  [alicloudBuilders.ecsInstance, 8],
  [alicloudBuilders.rdsInstance, 2],
  [alicloudBuilders.ossBucket, 3],
  [alicloudBuilders.actionTrail, 0.5],
  [alicloudBuilders.securityPreference, 0.2],
  [alicloudBuilders.ramPasswordPolicy, 0.2],
  [alicloudBuilders.vpcFlowLog, 1],
  [alicloudBuilders.logStore, 1],
  [alicloudBuilders.eipAssociation, 1],
  [alicloudBuilders.forwardEntry, 1],
  [alicloudBuilders.slbListener, 2],
];

export const DEFAULT_SEED = 8_2026;

export function syntheticStack(count = 10_000, seed = DEFAULT_SEED): SyntheticResource[] {
  const rng = new Prng(seed);
  const out: SyntheticResource[] = [];
  for (let i = 0; i < count; i++) {
    const { type, props } = rng.weighted(MIX)(rng, postureOf(rng));
    const name = `r${i}`;
    out.push({ type, name, urn: urnOf(type, name), props });
  }
  return out;
}
