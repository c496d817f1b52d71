// DnsFailover's alarm lives where Route 53 publishes health-check metrics (us-east-1 for a commercial stack), and
// CloudWatch runs no action of another partition or region ("Invalid region eu-west-1 specified. Only us-east-1 is
// supported"). So each alarmActions ARN's form is checked with the arguments, naming the argument, its place once the
// provider's region is known, and an Output once known: a refused action registers no health check, record or alarm;
// one unknown at preview raises no false error.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, recorded, reset, settle, validationErrorOf } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { DnsFailover, DnsFailoverArgs } from "../../../components/aws/dnsFailover";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:on-call";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const SHAPE = "allowed: the ARN of an SNS topic, Lambda function, Systems Manager OpsItem severity or incident";
const PLACE = "allowed: an ARN of partition aws and region us-east-1: the alarm's";
const OWN = "allowed: an ARN whose partition is its region's (aws for us-east-1)";
const children = () => recorded.filter((r) => !r.type.startsWith("hardening:"));
const argsWith = (alarmActions: DnsFailoverArgs["alarmActions"]): DnsFailoverArgs => ({
  zoneId: "Z1",
  recordName: "app.example.com",
  primary: { region: "us-east-1", cname: "a.example.net" },
  secondary: { region: "eu-west-1", cname: "b.example.net" },
  alarmActions,
});

beforeEach(() => {
  reset();
  jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => jest.restoreAllMocks());

/** Refused with the arguments, whatever the provider's region. */
const malformed: [string, string, string][] = [
  ["a topic name", "on-call", SHAPE],
  ["a topic URL", "https://sns.us-east-1.amazonaws.com/123456789012/on-call", SHAPE],
  ["an e-mail address", "oncall@example.com", SHAPE],
  ["an empty string", "", SHAPE],
  ["an ARN without its account", "arn:aws:sns:us-east-1:on-call", SHAPE],
  ["an SQS queue ARN", "arn:aws:sqs:us-east-1:123456789012:on-call", SHAPE],
  ["an ARN of an unknown partition", "arn:aws-xx:sns:us-east-1:123456789012:on-call", SHAPE],
  ["a topic ARN with a zone for a region", "arn:aws:sns:us-east-1a:123456789012:on-call", SHAPE],
  ["the aws-cn partition with a us-east-1 region", "arn:aws-cn:sns:us-east-1:123456789012:on-call", OWN],
];
/** Refused once the provider's region, and so the alarm's, is known. */
const misplaced: [string, string, string][] = [
  ["a topic of the China partition", "arn:aws-cn:sns:cn-north-1:123456789012:on-call", PLACE],
  ["a topic of GovCloud", "arn:aws-us-gov:sns:us-gov-west-1:123456789012:on-call", PLACE],
  ["a topic of another region (the stack's own)", "arn:aws:sns:eu-west-1:123456789012:on-call", PLACE],
  ["a Lambda function of another region", "arn:aws:lambda:eu-west-1:123456789012:function:page", PLACE],
];
const refused = [...malformed, ...misplaced];

describe("DnsFailover alarmActions given plainly", () => {
  it.each(malformed)("refuses %s, naming the argument, before anything exists", async (_what, action, allowed) => {
    const error = validationErrorOf(() => new DnsFailover("dns", argsWith([TOPIC, action])));
    expect(error.message).toMatch(/^DnsFailover: 1 invalid argument:/);
    expect(error.problems.map((p) => p.argument)).toEqual(["alarmActions[1]"]);
    expect(error.message).toContain(`argument "alarmActions[1]" is ${JSON.stringify(action)}; ${allowed}`);
    await settle();
    expect(children()).toEqual([]);
  });

  it.each(misplaced)(
    "refuses %s once the alarm's region is known, registering nothing",
    async (_w, action, allowed) => {
      const failures = await registrationFailures(async () => {
        new DnsFailover("dns", argsWith([TOPIC, action]));
        await settle();
      });
      expect(failures).toEqual([
        `DnsFailover dns: 1 invalid argument:\n  1. argument "alarmActions[1]" is ${JSON.stringify(action)}; ${allowed}` +
          ": CloudWatch runs only actions of its own partition and region; fix: create the topic (or function) in " +
          "us-east-1 with a provider of that region and pass its ARN; it may forward to subscribers anywhere",
      ]);
      expect(children()).toEqual([]);
    },
  );

  it.each([
    ["a topic of us-east-1", TOPIC],
    ["a FIFO topic", "arn:aws:sns:us-east-1:123456789012:on-call.fifo"],
    ["a Lambda function alias", "arn:aws:lambda:us-east-1:123456789012:function:page:live"],
    ["an OpsItem severity", "arn:aws:ssm:us-east-1:123456789012:opsitem:1"],
    ["an incident response plan (no region)", "arn:aws:ssm-incidents::123456789012:response-plan/failover"],
  ])("accepts %s and pages it", async (_what, action) => {
    new DnsFailover("dns", argsWith([action]));
    await settle();
    expect(ofType(ALARM).map((a) => a.inputs.alarmActions)).toEqual([[action]]);
  });
});

describe("DnsFailover alarmActions given as Outputs", () => {
  it.each(refused)("refuses %s once known, in the plain value's words, registering nothing", async (_w, action) => {
    const plain = await registrationFailures(async () => {
      try {
        new DnsFailover("dns", argsWith([action]));
      } catch (e) {
        throw new Error((e as Error).message.replace(/^DnsFailover:/, "DnsFailover dns:"));
      }
      await settle();
    }).catch((e: Error) => [e.message]);
    reset();
    const failures = await registrationFailures(async () => {
      new DnsFailover("dns", argsWith([pulumi.output(action)]));
      await settle();
    });
    expect(failures).toEqual(plain);
    expect(failures[0]).not.toContain("error serializing");
    expect(children()).toEqual([]);
  });

  it("pages a topic of us-east-1 once known", async () => {
    const failures = await registrationFailures(async () => {
      new DnsFailover("dns", argsWith([pulumi.output(TOPIC)]));
      await settle();
    });
    expect(failures).toEqual([]);
    expect(ofType(ALARM).map((a) => a.inputs.alarmActions)).toEqual([[TOPIC]]);
  });

  it("registers every child, with no error, for an action unknown at preview", async () => {
    const failures = await registrationFailures(async () => {
      new DnsFailover("dns", argsWith([unknownAtPreview<string>()]));
      await settle();
    });
    expect(failures).toEqual([]);
    expect(ofType(ALARM)).toHaveLength(1);
    expect(ofType("aws:route53/record:Record")).toHaveLength(2);
  });
});
