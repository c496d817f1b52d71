// A ThreatDetection findings bucket name given as an Output is checked once known, and the export's children wait for
// the check through their dependsOn, never through their values: while the name is unknown at preview, the findings
// key keeps the account, partition and region in its policy, as when the name is given plainly.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, recorded, reset, settle } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { ThreatDetection, ThreatDetectionArgs } from "../../../components/aws/threatDetection";

const KEY = "aws:kms/key:Key";
const DESTINATION = "aws:guardduty/publishingDestination:PublishingDestination";
const children = () => recorded.filter((r) => !r.type.startsWith("hardening:"));
const findingsKeys = () => ofType(KEY, /findings/).map((k) => [k.name, k.inputs.policy]);

async function failuresOf(args: ThreatDetectionArgs): Promise<string[]> {
  return registrationFailures(async () => {
    new ThreatDetection("gd", args);
    await settle();
  });
}

beforeEach(() => reset());

describe("ThreatDetection findingsBucketName unknown at preview", () => {
  it("registers the findings key with its policy known, naming this account's detector", async () => {
    expect(await failuresOf({ findingsBucketName: unknownAtPreview<string>() })).toEqual([]);
    const policies = findingsKeys().map(([, policy]) => policy);
    expect(policies).toHaveLength(1);
    expect(typeof policies[0]).toBe("string");
    expect(policies[0]).toContain("arn:aws:guardduty:us-east-1:123456789012:detector/");
  });

  it("registers the same children, the findings key's policy equal to the plain name's", async () => {
    const names = () =>
      children()
        .map((r) => `${r.type} ${r.name}`)
        .sort();
    expect(await failuresOf({ findingsBucketName: "soc-findings-named" })).toEqual([]);
    const [plainKeys, plainNames] = [findingsKeys(), names()];
    reset();
    expect(await failuresOf({ findingsBucketName: unknownAtPreview<string>() })).toEqual([]);
    expect(names()).toEqual(plainNames);
    expect(findingsKeys()).toEqual(plainKeys);
    expect(ofType(DESTINATION)).toHaveLength(1);
  });

  it("still registers no findings key, bucket or destination for a name S3 refuses", async () => {
    const failures = await failuresOf({ findingsBucketName: pulumi.output("Bad_Bucket") });
    expect(failures).toEqual([expect.stringMatching(/^ThreatDetection gd: 1 invalid argument:/)]);
    expect(failures[0]).not.toContain("error serializing");
    expect(ofType(KEY, /findings/)).toEqual([]);
    expect(ofType("aws:s3/bucket:Bucket")).toEqual([]);
    expect(ofType(DESTINATION)).toEqual([]);
  });
});
