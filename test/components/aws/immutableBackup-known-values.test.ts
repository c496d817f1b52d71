// An ImmutableBackup permissionsBoundary given as an Output is checked once known, and every child waits for the check
// through its dependsOn, never through its values: while the boundary is unknown at preview, both vault names, the
// key policies and the backup role's trust policy stay what the component computes, as with a boundary given plainly,
// so the policy pack still reads them. A refused boundary still registers nothing
// (immutableBackup-boundary-partition.test.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, one, recorded, reset, settle } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { ImmutableBackup } from "../../../components/aws/immutableBackup";

const VAULT = "aws:backup/vault:Vault";
const KEY = "aws:kms/key:Key";
const ROLE = "aws:iam/role:Role";
const BOUNDARY = "arn:aws:iam::123456789012:policy/org-boundary";
const TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "backup.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
    },
  ],
});
const children = () => recorded.filter((r) => !r.type.startsWith("hardening:") && !r.type.startsWith("pulumi:"));

async function backupWith(permissionsBoundary: pulumi.Input<string>): Promise<string[]> {
  return registrationFailures(async () => {
    const copyProvider = new aws.Provider("there", { region: "us-west-2" });
    new ImmutableBackup("bk", { copyProvider, permissionsBoundary });
    await settle();
  });
}

const vaultNames = () =>
  ofType(VAULT)
    .map((v) => [v.name, v.inputs.name])
    .sort();
const keyPolicies = () =>
  ofType(KEY)
    .map((k) => [k.name, k.inputs.policy])
    .sort();

beforeEach(() => reset());

describe("ImmutableBackup permissionsBoundary unknown at preview", () => {
  it("registers both vaults with their names known", async () => {
    expect(await backupWith(unknownAtPreview<string>())).toEqual([]);
    expect(vaultNames()).toEqual([
      ["bk-copy-vault", "bk-copy"],
      ["bk-vault", "bk"],
    ]);
  });

  it("registers both keys with their policies known, naming the account's root", async () => {
    expect(await backupWith(unknownAtPreview<string>())).toEqual([]);
    const policies = keyPolicies();
    expect(policies.map(([name]) => name)).toEqual(["bk-copy-vault-key", "bk-vault-key"]);
    for (const [, policy] of policies) {
      expect(typeof policy).toBe("string");
      expect(JSON.parse(policy).Statement[0]).toMatchObject({
        Sid: "AccountAdministers",
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
      });
    }
  });

  it("registers the backup role with its trust policy known, the boundary left to the preview", async () => {
    expect(await backupWith(unknownAtPreview<string>())).toEqual([]);
    const role = one(ROLE, /-backup-role$/);
    expect(role.inputs.assumeRolePolicy).toBe(TRUST_POLICY);
    expect(role.inputs.permissionsBoundary).toBeUndefined();
  });

  it("registers the same children with the same names and policies as a boundary given plainly", async () => {
    const shape = () => ({
      children: children()
        .map((r) => `${r.type} ${r.name}`)
        .sort(),
      vaults: vaultNames(),
      keys: keyPolicies(),
      trust: one(ROLE, /-backup-role$/).inputs.assumeRolePolicy,
    });
    expect(await backupWith(BOUNDARY)).toEqual([]);
    const plain = shape();
    reset();
    expect(await backupWith(unknownAtPreview<string>())).toEqual([]);
    expect(shape()).toEqual(plain);
  });
});
