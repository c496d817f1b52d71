// A copy provider whose configuration the preview does not know yet (its region taken from another resource's output)
// answers every invoke with `{}`: its region, and so the copy region check, is unknown until the deployment. Every
// child waits for that check through its dependsOn, never through its values, so both vault names, the vault's key
// policy and the backup role's trust policy stay known at preview. Only what the copy provider alone answers, the
// copy key's account and partition, is unknown. A copy region refused once known still registers nothing
// (immutableBackup-region-check.test.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  answers,
  childrenOfType,
  failuresOf,
  installUnconfiguredProviderMocks,
  quietAndResetEachTest,
  UNCONFIGURED,
} from "../unconfigured-provider-mocks";

installUnconfiguredProviderMocks();
// Imported after the mocks are in place.
import { ImmutableBackup } from "../../../components/aws/immutableBackup";

const VAULT = "aws:backup/vault:Vault";
const KEY = "aws:kms/key:Key";
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

/** What the configured provider of the vault's region, eu-west-1, answers. */
function answerVaultRegion(): void {
  answers.set("aws:index/getRegion:getRegion", { region: "eu-west-1", name: "eu-west-1" });
  answers.set("aws:index/getPartition:getPartition", { partition: "aws", dnsSuffix: "amazonaws.com" });
  answers.set("aws:index/getCallerIdentity:getCallerIdentity", { accountId: "123456789012", arn: "a", userId: "u" });
}

quietAndResetEachTest();

async function backupWithUnknownCopyRegion(): Promise<string[]> {
  answerVaultRegion();
  return failuresOf(() => {
    const provider = new aws.Provider("configured", { region: "eu-west-1" });
    const copyProvider = new aws.Provider(UNCONFIGURED, { region: "us-west-2" });
    new ImmutableBackup("bk", { copyProvider }, { provider });
  });
}

describe("ImmutableBackup with the copy provider's region unknown at preview", () => {
  it("registers both vaults with their names known", async () => {
    expect(await backupWithUnknownCopyRegion()).toEqual([]);
    expect(childrenOfType("bk", VAULT).map((v) => [v.name, v.inputs.name])).toEqual([
      ["bk-copy-vault", "bk-copy"],
      ["bk-vault", "bk"],
    ]);
  });

  it("registers the vault's key with its policy known; the copy key's names the copy provider's account", async () => {
    expect(await backupWithUnknownCopyRegion()).toEqual([]);
    const [copyKey, key] = childrenOfType("bk", KEY);
    expect(key.name).toBe("bk-vault-key");
    expect(typeof key.inputs.policy).toBe("string");
    expect(JSON.parse(key.inputs.policy).Statement[0]).toMatchObject({
      Sid: "AccountAdministers",
      Principal: { AWS: "arn:aws:iam::123456789012:root" },
    });
    // Its account and partition are the copy provider's own answers: unknown, never "arn:undefined:...".
    expect(copyKey.name).toBe("bk-copy-vault-key");
    expect(pulumi.isUnknown(copyKey.inputs.policy)).toBe(true);
  });

  it("registers the backup role with its trust policy and managed policies known", async () => {
    expect(await backupWithUnknownCopyRegion()).toEqual([]);
    const [role] = childrenOfType("bk", ROLE);
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "backup.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
      },
    ]);
    expect(childrenOfType("bk", ATTACHMENT).map((a) => a.inputs.policyArn)).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ]);
  });
});
