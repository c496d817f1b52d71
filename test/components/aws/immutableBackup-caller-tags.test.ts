// ImmutableBackup's caller tags go on its vaults and plan (AWS Backup) and on the role the backups run as (IAM's
// characters, case-insensitive keys): a tag the role cannot carry fails CreateRole after both vaults exist.
import * as aws from "@pulumi/aws";
import { installMocks, settle } from "./mocks";
import { describeCallerTagRows } from "./caller-tags.cases";

installMocks();
// Imported after the mocks are in place.
import { ImmutableBackup } from "../../../components/aws/immutableBackup";

let copyProvider: aws.Provider;
beforeAll(async () => {
  // Registered once, before any row, so a refused row can be shown to have registered nothing at all.
  copyProvider = new aws.Provider("backup-copy", { region: "eu-west-1" });
  await settle();
});

describeCallerTagRows({
  component: "ImmutableBackup",
  construct: (tags: unknown) => new ImmutableBackup("n", { copyProvider, vaultName: "vault-n", tags } as never),
  reserved: 0,
  cloud: "AWS",
  maxKeyLength: 128,
  iamRole: true,
  taggedType: "aws:iam/role:Role",
});
