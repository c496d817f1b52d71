// The Network Load Balancer a traffic-mirror session sends its packets to. EC2 takes only an NLB's ARN (not an ALB's,
// a listener's or a target group's) of the session's own partition and region: a mirror target is regional, and one
// of elsewhere fails the session at deployment, after the evidence bucket and flow logs exist.
import { ACCOUNT_PATTERN, ArnPlace, PARTITION_PATTERN, REGION_PATTERN } from "../../lib/aws-names";
import { Problems } from "../validation";
import { checkArnPlace } from "./arnPlace";

const NLB_ARN = new RegExp(
  `^arn:${PARTITION_PATTERN}:elasticloadbalancing:${REGION_PATTERN}:${ACCOUNT_PATTERN}:loadbalancer/net/[A-Za-z0-9-]{1,32}/[0-9a-f]+$`,
);
const ARGUMENT = "mirroring.targetNlbArn";

/**
 * Checks a known sensor NLB ARN: its form and, when `stack` is given (the provider's partition and region, once
 * known), its place. Without it, only that its partition is its own region's.
 */
export function checkMirrorTargetNlb(problems: Problems, value: unknown, stack?: Required<ArnPlace>): void {
  const formed = problems.check(
    typeof value === "string" && NLB_ARN.test(value),
    ARGUMENT,
    value,
    "the ARN of a Network Load Balancer (arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>)",
    "pass the sensor NLB's arn (not an Application Load Balancer's, a listener's or a target group's), or give " +
      "mirroring.targetEniId instead",
  );
  if (!formed) return;
  checkArnPlace(problems, ARGUMENT, value, {
    ...stack,
    why: "the stack's: a mirror target must be in the mirrored interfaces' own region",
    fix: `create the sensor NLB in ${stack?.region ?? "the stack's region"} with the stack's provider, or give mirroring.targetEniId`,
  });
}
