// Organisations that require a permissions boundary on every role can give the backup role one through the component:
// a transformation adding it is undone, since the role is held like the plan it runs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { ImmutableBackup } from "../../../components/aws/immutableBackup";
import { ValidationError } from "../../../components/validation";

const ROLE = "aws:iam/role:Role";
const BOUNDARY = "arn:aws:iam::123456789012:policy/org-boundary";

const copyProvider = () => new aws.Provider("copy-region", { region: "us-west-2" });
const roleInputs = () => recorded.find((r) => r.type === ROLE && r.name.endsWith("-backup-role"))?.inputs;

beforeEach(() => reset());

describe("ImmutableBackup permissionsBoundary", () => {
  it.each([
    ["a policy of the account", BOUNDARY],
    ["an AWS managed policy", "arn:aws:iam::aws:policy/PowerUserAccess"],
    ["a policy with a path", "arn:aws:iam::123456789012:policy/guard/rails/boundary"],
  ])("sets %s as the backup role's boundary", async (_what, arn) => {
    new ImmutableBackup("bk", { copyProvider: copyProvider(), permissionsBoundary: arn });
    await settle();
    expect(roleInputs()?.permissionsBoundary).toBe(arn);
  });

  it("leaves the role without one by default", async () => {
    new ImmutableBackup("bk", { copyProvider: copyProvider() });
    await settle();
    expect(roleInputs()).toBeDefined();
    expect(roleInputs()?.permissionsBoundary).toBeUndefined();
  });

  it("takes an Output, checked by IAM at deployment", async () => {
    new ImmutableBackup("bk", { copyProvider: copyProvider(), permissionsBoundary: pulumi.output(BOUNDARY) });
    await settle();
    expect(roleInputs()?.permissionsBoundary).toBe(BOUNDARY);
  });

  it.each([
    ["a policy name", "org-boundary"],
    ["a role ARN", "arn:aws:iam::123456789012:role/org-boundary"],
    ["a short account", "arn:aws:iam::1234:policy/org-boundary"],
    ["an unknown partition", "arn:aws-xx:iam::123456789012:policy/org-boundary"],
    ["an empty string", ""],
    ["a number", 42],
  ])("refuses %s before anything is created", async (_what, value) => {
    const provider = copyProvider();
    await settle();
    reset();
    const error = validationErrorOf(
      () => new ImmutableBackup("bk", { copyProvider: provider, permissionsBoundary: value as string }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["permissionsBoundary", value]]);
    expect(error.message).toContain("the ARN of a managed policy");
    await settle();
    expect(recorded).toEqual([]);
  });
});
