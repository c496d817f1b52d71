// Route 53 is one service per partition and publishes its health-check metrics in one region of it; an alarm on them
// (and every action of that alarm) must be there. A region of another partition is refused at deployment, so the
// alarm's region follows the partition of the provider the component runs with.
import { partitionOfRegionName } from "../../lib/aws-names";
import { Problems } from "../validation";

/**
 * The region holding Route 53 health-check metrics, per partition: us-east-1 in the commercial partition (Route 53
 * Developer Guide, "Monitoring health checks using CloudWatch"); in aws-cn and aws-us-gov, the region Route 53's own
 * endpoint signs for (route53.amazonaws.com.cn: cn-northwest-1; route53.us-gov.amazonaws.com: us-gov-west-1), where
 * its CloudWatch metrics go as us-east-1 is for the global endpoint. GovCloud documents health checks ("Amazon Route
 * 53" in the GovCloud User Guide); the partitions missing here (the isolated ones, the European Sovereign Cloud)
 * document none.
 */
export const HEALTH_CHECK_METRICS_REGION: Readonly<Record<string, string>> = {
  aws: "us-east-1",
  "aws-cn": "cn-northwest-1",
  "aws-us-gov": "us-gov-west-1",
};

/**
 * The region of the health-check metrics, and so of an alarm on them and of the topic it pages, for a stack in
 * `stackRegion`; undefined when its partition has no Route 53 health checks. A stack places its paging topic with it.
 */
export function healthCheckAlarmRegionOf(stackRegion: string): string | undefined {
  const partition = partitionOfRegionName(stackRegion);
  return partition === undefined ? undefined : HEALTH_CHECK_METRICS_REGION[partition];
}

/** The metrics region for a stack in `stackRegion`, or undefined (reported) when its partition has none. */
export function healthCheckMetricsRegion(problems: Problems, stackRegion: string): string | undefined {
  const partition = partitionOfRegionName(stackRegion);
  const region = healthCheckAlarmRegionOf(stackRegion);
  problems.check(
    region !== undefined,
    "provider region",
    stackRegion,
    `a region of a partition with Route 53 health checks (${Object.keys(HEALTH_CHECK_METRICS_REGION).join(", ")}); ` +
      `${stackRegion} is in ${partition ?? "no known partition"}`,
    "create the DnsFailover with a provider of a region in one of those partitions (opts.provider), or fail over " +
      "by other means in this one",
  );
  return region;
}
