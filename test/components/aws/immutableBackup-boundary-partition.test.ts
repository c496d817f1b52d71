// IAM sets a permissions boundary only from the role's own partition: a GovCloud policy on a commercial stack's backup
// role fails the role, and every backup with it, at deployment. The boundary's partition is checked against the
// provider's once known (an Output boundary's form too); a refused one registers no vault, key or role, and one
// unknown at preview raises no false error.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, recorded, reset, settle } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { ImmutableBackup } from "../../../components/aws/immutableBackup";

const ROLE = "aws:iam/role:Role";
const GOV_BOUNDARY = "arn:aws-us-gov:iam::123456789012:policy/org-boundary";
const children = () => recorded.filter((r) => !r.type.startsWith("hardening:") && !r.type.startsWith("pulumi:"));
const roleInputs = () => recorded.find((r) => r.type === ROLE && r.name.endsWith("-backup-role"))?.inputs;

beforeEach(() => reset());

/** An ImmutableBackup in `region` (copied to `copyRegion`) with `boundary`; returns the failures collected. */
async function backupIn(region: string, copyRegion: string, boundary: pulumi.Input<string>): Promise<string[]> {
  return registrationFailures(async () => {
    const provider = new aws.Provider("here", { region: region as aws.Region });
    const copyProvider = new aws.Provider("there", { region: copyRegion as aws.Region });
    new ImmutableBackup("bk", { copyProvider, permissionsBoundary: boundary }, { provider });
    await settle();
  });
}

const refusal = (value: string, partition: string) =>
  `ImmutableBackup bk: 1 invalid argument:\n  1. argument "permissionsBoundary" is "${value}"; allowed: an ARN of ` +
  `partition ${partition}: the backup role's partition, the provider's: IAM sets no boundary of another partition; ` +
  `fix: pass a policy of the ${partition} partition, e.g. arn:${partition}:iam::<account>:policy/<name>, or omit it`;

describe("ImmutableBackup permissionsBoundary partition", () => {
  it.each([
    ["a GovCloud policy on a GovCloud stack", "us-gov-west-1", "us-gov-east-1", GOV_BOUNDARY],
    ["a China policy on a China stack", "cn-north-1", "cn-northwest-1", "arn:aws-cn:iam::aws:policy/PowerUserAccess"],
    ["a commercial policy on a commercial stack", "eu-west-1", "eu-central-1", "arn:aws:iam::123456789012:policy/b"],
  ])("sets %s", async (_what, region, copyRegion, boundary) => {
    expect(await backupIn(region, copyRegion, boundary)).toEqual([]);
    expect(roleInputs()?.permissionsBoundary).toBe(boundary);
  });

  it.each([
    ["a GovCloud policy on a commercial stack", "us-east-1", "us-west-2", GOV_BOUNDARY, "aws"],
    ["a commercial policy on a China stack", "cn-north-1", "cn-northwest-1", "arn:aws:iam::aws:policy/X", "aws-cn"],
    [
      "a commercial policy on a GovCloud stack",
      "us-gov-west-1",
      "us-gov-east-1",
      "arn:aws:iam::aws:policy/X",
      "aws-us-gov",
    ],
  ])("refuses %s, registering nothing", async (_what, region, copyRegion, boundary, partition) => {
    expect(await backupIn(region, copyRegion, boundary)).toEqual([refusal(boundary, partition)]);
    expect(children()).toEqual([]);
  });

  it("refuses an Output boundary of another partition once known, in the plain value's words", async () => {
    expect(await backupIn("us-east-1", "us-west-2", pulumi.output(GOV_BOUNDARY))).toEqual([
      refusal(GOV_BOUNDARY, "aws"),
    ]);
    expect(children()).toEqual([]);
  });

  it("refuses an Output boundary that is no policy ARN once known", async () => {
    const failures = await backupIn("us-east-1", "us-west-2", pulumi.output("arn:aws:iam::123456789012:role/r"));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('argument "permissionsBoundary" is "arn:aws:iam::123456789012:role/r"');
    expect(failures[0]).toContain("allowed: the ARN of a managed policy");
    expect(children()).toEqual([]);
  });

  it("registers the role, with no error, for a boundary unknown at preview", async () => {
    expect(await backupIn("us-east-1", "us-west-2", unknownAtPreview<string>())).toEqual([]);
    expect(roleInputs()).toBeDefined();
  });
});
