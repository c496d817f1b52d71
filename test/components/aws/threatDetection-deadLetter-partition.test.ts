// A dead-letter queue ARN whose partition is not its region's ("arn:aws-cn:sqs:us-east-1:…") names no queue anywhere:
// EventBridge would refuse it only when the targets are created. It is refused with the arguments, naming them.
import { installMocks, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { deadLetterQueueProblem } from "../../../components/aws/findingsDeadLetterArgs";
import { ThreatDetection } from "../../../components/aws/threatDetection";

const queue = (partition: string, region: string) => `arn:${partition}:sqs:${region}:123456789012:findings-dlq`;

describe("ThreatDetection deadLetterQueueArn partition", () => {
  it.each([
    ["the China partition with a us-east-1 region", "aws-cn", "us-east-1", "aws"],
    ["the commercial partition with a China region", "aws", "cn-north-1", "aws-cn"],
    ["the commercial partition with a GovCloud region", "aws", "us-gov-west-1", "aws-us-gov"],
    ["GovCloud's partition with a sovereign-cloud region", "aws-us-gov", "eusc-de-east-1", "aws-eusc"],
  ])("refuses %s", (_what, partition, region, expected) => {
    const found = deadLetterQueueProblem("deadLetterQueueArn", queue(partition, region));
    expect(found?.argument).toBe("deadLetterQueueArn");
    expect(found?.allowed).toContain(`its partition must be its region's (${expected} for ${region})`);
    // Still refused once the detector's region is known, even when the regions match.
    expect(deadLetterQueueProblem("deadLetterQueueArn", queue(partition, region), region)?.allowed).toContain(
      "its partition must be its region's",
    );
  });

  it.each([
    ["a commercial queue", "aws", "eu-west-1"],
    ["a China queue", "aws-cn", "cn-northwest-1"],
    ["a GovCloud queue", "aws-us-gov", "us-gov-east-1"],
    ["a region of no known partition (left to AWS)", "aws", "xx-east-1"],
  ])("accepts %s", (_what, partition, region) => {
    expect(deadLetterQueueProblem("deadLetterQueueArn", queue(partition, region))).toBeUndefined();
  });

  it("refuses it at construction, registering nothing", async () => {
    reset();
    const arn = queue("aws-cn", "us-east-1");
    const error = validationErrorOf(() => new ThreatDetection("gd", { deadLetterQueueArn: arn }));
    expect(error.problems.map((p) => p.argument)).toEqual(["deadLetterQueueArn"]);
    expect(error.message).toContain(`argument "deadLetterQueueArn" is "${arn}"`);
    await settle();
  });
});
