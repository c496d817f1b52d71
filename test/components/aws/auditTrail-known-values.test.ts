// An AuditTrail bucket name given as an Output is checked once known, and every child waits for the check through its
// dependsOn, never through its values: while the name is unknown at preview, the key and trail keep the account,
// partition and region in their policies and ARNs, as when the name is given plainly.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, recorded, reset, settle } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { AuditTrail, AuditTrailArgs } from "../../../components/aws/auditTrail";

const KEY = "aws:kms/key:Key";
const TRAIL = "aws:cloudtrail/trail:Trail";
const children = () => recorded.filter((r) => !r.type.startsWith("hardening:"));

async function failuresOf(args: AuditTrailArgs): Promise<string[]> {
  return registrationFailures(async () => {
    new AuditTrail("audit", args);
    await settle();
  });
}

beforeEach(() => reset());

describe("AuditTrail bucketName unknown at preview", () => {
  it("registers the key with its policy known, naming this account and trail", async () => {
    expect(await failuresOf({ bucketName: unknownAtPreview<string>() })).toEqual([]);
    const policies = ofType(KEY).map((k) => k.inputs.policy);
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) expect(typeof policy).toBe("string");
    expect(policies.join("\n")).toContain("arn:aws:cloudtrail:us-east-1:123456789012:trail/");
  });

  it("registers the same children, the key's policy equal to the plain name's", async () => {
    const keys = () => ofType(KEY).map((k) => [k.name, k.inputs.policy]);
    const names = () =>
      children()
        .map((r) => `${r.type} ${r.name}`)
        .sort();
    expect(await failuresOf({ bucketName: "audit-trail-named" })).toEqual([]);
    const [plainKeys, plainNames] = [keys(), names()];
    reset();
    expect(await failuresOf({ bucketName: unknownAtPreview<string>() })).toEqual([]);
    expect(names()).toEqual(plainNames);
    expect(keys()).toEqual(plainKeys);
    expect(ofType(TRAIL)).toHaveLength(1);
  });

  it("still registers nothing for a name S3 refuses", async () => {
    const failures = await failuresOf({ bucketName: pulumi.output("Bad_Bucket") });
    expect(failures).toEqual([expect.stringMatching(/^AuditTrail audit: 1 invalid argument:/)]);
    expect(failures[0]).not.toContain("error serializing");
    expect(children()).toEqual([]);
  });
});
