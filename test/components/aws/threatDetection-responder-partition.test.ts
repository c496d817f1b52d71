// A responder ARN whose partition is not its region's ("arn:aws-cn:sns:us-east-1:…") names no target anywhere:
// EventBridge would refuse it only when the targets are created, after the detector and its stores exist. It is
// refused with the arguments, as the dead-letter queue's is, and once known when given as an Output.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { responderProblem, ThreatDetection } from "../../../components/aws/threatDetection";

const topic = (partition: string, region: string) => `arn:${partition}:sns:${region}:123456789012:soc-red`;
const fn = (partition: string, region: string) => `arn:${partition}:lambda:${region}:123456789012:function:contain`;

beforeEach(() => reset());

describe("ThreatDetection responder partition", () => {
  it.each([
    ["a China topic with a us-east-1 region", topic("aws-cn", "us-east-1"), "aws", "us-east-1"],
    ["a commercial queue with a China region", "arn:aws:sqs:cn-north-1:123456789012:soc", "aws-cn", "cn-north-1"],
    ["a commercial function with a GovCloud region", fn("aws", "us-gov-west-1"), "aws-us-gov", "us-gov-west-1"],
  ])("refuses %s", (_what, value, expected, region) => {
    const found = responderProblem("responders.red", value);
    expect(found?.allowed).toContain(`its partition must be its region's (${expected} for ${region})`);
    // Still refused once the detector's region is known, even when the regions match.
    expect(responderProblem("responders.red", value, region)?.allowed).toContain("its partition must be its region's");
  });

  it.each([
    ["a commercial topic", topic("aws", "eu-west-1"), "eu-west-1"],
    ["a China function", fn("aws-cn", "cn-northwest-1"), "cn-northwest-1"],
    ["a GovCloud queue", "arn:aws-us-gov:sqs:us-gov-east-1:123456789012:soc", "us-gov-east-1"],
  ])("accepts %s", (_what, value, region) => {
    expect(responderProblem("responders.red", value)).toBeUndefined();
    expect(responderProblem("responders.red", value, region)).toBeUndefined();
  });

  it("refuses it at construction, naming the argument, registering nothing", async () => {
    const arn = topic("aws-cn", "us-east-1");
    const error = validationErrorOf(() => new ThreatDetection("gd", { responders: { red: arn } }));
    expect(error.problems.map((p) => p.argument)).toEqual(["responders.red"]);
    expect(error.message).toContain(`argument "responders.red" is "${arn}"; allowed: the ARN of a standard SNS topic`);
    await settle();
    expect(recorded).toEqual([]);
  });

  it("refuses it once known when given as an Output, with no EventBridge target", async () => {
    const arn = topic("aws-cn", "us-east-1");
    const failures = await registrationFailures(async () => {
      new ThreatDetection("gd", { responders: { red: pulumi.output(arn) } });
      await settle();
    });
    expect(failures).toEqual([expect.stringContaining(`argument "responders.red" is "${arn}"`)]);
    expect(failures[0]).toContain("its partition must be its region's (aws for us-east-1)");
    expect(recorded.filter((r) => r.type === "aws:cloudwatch/eventTarget:EventTarget" && /red/.test(r.name))).toEqual(
      [],
    );
  });
});
