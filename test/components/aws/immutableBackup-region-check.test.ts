// A copy provider of the vault's own region puts both copies in one region. The check can only run once the providers
// answer, so every child waits for it: a refused region must leave no key, vault or compliance-mode lock behind (a
// lock becomes permanent after changeableForDays), with `pulumi up --skip-preview` too, and the refusal must read as
// one message naming copyProvider, both regions and the fix, not as a property Pulumi failed to serialize.
import * as aws from "@pulumi/aws";
import { registrationFailures } from "../registration-failures";
import { installMocks, recorded, reset, settle } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { ImmutableBackup } from "../../../components/aws/immutableBackup";

const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const KEY = "aws:kms/key:Key";
const PLAN = "aws:backup/plan:Plan";
const SELECTION = "aws:backup/selection:Selection";
const ROLE = "aws:iam/role:Role";

const childrenOf = (name: string) =>
  recorded.filter((r) => r.name.startsWith(`${name}-`) && !r.type.startsWith("pulumi:providers:"));

/** Builds the component in the given regions and returns what failed after the registrations settled. */
async function backupIn(name: string, vaultRegion: string | undefined, copyRegion: string): Promise<string[]> {
  return registrationFailures(async () => {
    const copyProvider = new aws.Provider(`${name}-copy-region`, { region: copyRegion });
    const provider = vaultRegion ? new aws.Provider(`${name}-vault-region`, { region: vaultRegion }) : undefined;
    new ImmutableBackup(name, { copyProvider }, { provider });
    await settle();
  });
}

beforeEach(() => reset());

describe("ImmutableBackup copy region check", () => {
  it.each([
    ["the stack's default region", undefined, "us-east-1"],
    ["an explicit provider's region", "eu-west-1", "eu-west-1"],
  ])("refuses a copy provider in the vault's region (%s) before any child is registered", async (_how, vault, copy) => {
    const name = `same-${copy}`;
    const failures = await backupIn(name, vault, copy);
    expect(recorded.filter((r) => r.name === name).map((r) => r.type)).toEqual(["hardening:aws:ImmutableBackup"]);
    expect(childrenOf(name)).toEqual([]);
    // One message, in the component's own words: the argument, both regions and the fix.
    expect(failures).toHaveLength(1);
    const [message] = failures;
    expect(message).toMatch(
      new RegExp(
        `^ImmutableBackup ${name}: argument "copyProvider" is in region "${copy}", the same as the vault; ` +
          "allowed: a provider for a different region; " +
          `fix: the vault is in "${vault ?? "us-east-1"}" \\(the component's provider\\): give copyProvider another ` +
          "region",
      ),
    );
    expect(message).toContain('new aws.Provider("backup-copy", { region: "<another region>" })');
    expect(message).not.toContain("error serializing");
  });

  it.each([
    ["the default region and another", undefined, "eu-west-1"],
    ["an explicit region and the default one", "eu-west-1", "us-east-1"],
  ])("creates every child with %s, the copy vault with the copy provider", async (_how, vault, copy) => {
    const name = `apart-${copy}`;
    const failures = await backupIn(name, vault, copy);
    expect(failures).toEqual([]);
    const types = childrenOf(name).map((r) => r.type);
    for (const [type, count] of [
      [KEY, 2],
      [VAULT, 2],
      [LOCK, 2],
      [PLAN, 1],
      [SELECTION, 1],
      [ROLE, 1],
    ] as const) {
      expect([type, types.filter((t) => t === type).length]).toEqual([type, count]);
    }
    const copyVault = childrenOf(name).find((r) => r.name === `${name}-copy-vault`)!;
    expect(copyVault.inputs.name).toBe(`${name}-copy`);
    expect(copyVault.provider).toContain(`::${name}-copy-region::`);
    // Waiting for the check leaves the values as they were.
    const key = childrenOf(name).find((r) => r.name === `${name}-vault-key`)!;
    expect(key.inputs.description).toBe(`${name}: backup vault`);
    expect(key.inputs.policy).toContain("arn:aws:iam::123456789012:root");
    const plan = childrenOf(name).find((r) => r.type === PLAN)!;
    expect(plan.inputs.rules.map((r: { targetVaultName: string }) => r.targetVaultName)).toEqual([name, name]);
  });
});
