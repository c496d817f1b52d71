// Account-wide identity defaults: long unique passwords, MFA before anything else, encrypted disks. The case's
// lessons: brute-forceable passwords and no MFA handed the attackers the estate.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkBoolean, checkKnownArguments, checkPlainArguments, checkRequiredInput, Problems } from "../validation";
import { answeredInvoke } from "../invokeAnswer";
import { policyDocument, PolicyStatement } from "./iam";
import { checkDerivedNames, iamPolicyName } from "./derivedNames";

export interface IdentityBaselineArgs {
  /** Minimum password length, at least 14 (CIS AWS 1.8, CIS Alibaba 1.11). Default 14. */
  minimumPasswordLength?: number;
  /** Previous passwords that cannot be reused, 24 (CIS AWS 1.9). Default 24. */
  passwordReusePrevention?: number;
  /** Days before a password expires, 1–365. Default 90. */
  maxPasswordAgeDays?: number;
  /** Group of human users that receives the deny-unless-MFA policy. Default: a group `<name>-humans` is created. */
  humanGroupName?: pulumi.Input<string>;
  /** Block public S3 access account-wide. Default true. */
  blockAccountPublicS3?: boolean;
}

export const DEFAULT_MAX_PASSWORD_AGE_DAYS = 90;

/** Actions a user may take before signing in with MFA: only what is needed to set up their own MFA device. */
export const MFA_SELF_SERVICE_ACTIONS = [
  "iam:CreateVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:GetUser",
  "iam:GetMFADevice",
  "iam:ListMFADevices",
  "iam:ListVirtualMFADevices",
  "iam:ResyncMFADevice",
  "iam:ChangePassword",
  "iam:GetAccountPasswordPolicy",
  "sts:GetSessionToken",
];

/**
 * The standard "deny everything except MFA self-service unless signed in with MFA" statements. ARNs carry the
 * account's partition (`aws`, `aws-cn`, `aws-us-gov`): a hard-coded `aws` matches nothing in China or GovCloud, which
 * would leave users unable to set up the MFA the policy demands.
 */
export function requireMfaStatements(partition: pulumi.Input<string> = "aws"): PolicyStatement[] {
  return [
    {
      Sid: "AllowViewAccountInfo",
      Effect: "Allow",
      Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
      Resource: "*",
    },
    {
      Sid: "AllowManageOwnPasswordsAndMfa",
      Effect: "Allow",
      Action: [
        "iam:ChangePassword",
        "iam:GetUser",
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetMFADevice",
        "iam:ListMFADevices",
        "iam:ResyncMFADevice",
      ],
      Resource: [
        pulumi.interpolate`arn:${partition}:iam::*:user/\${aws:username}`,
        pulumi.interpolate`arn:${partition}:iam::*:mfa/*`,
      ],
    },
    {
      Sid: "DenyAllExceptListedIfNoMFA",
      Effect: "Deny",
      NotAction: MFA_SELF_SERVICE_ACTIONS,
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    },
  ];
}

/** Every argument, so a misspelled one is reported instead of ignored; the compiler keeps this list complete. */
const KNOWN_ARGUMENTS: Record<keyof IdentityBaselineArgs, true> = {
  minimumPasswordLength: true,
  passwordReusePrevention: true,
  maxPasswordAgeDays: true,
  humanGroupName: true,
  blockAccountPublicS3: true,
};
/** Arguments that set the password policy: they must be values, not Outputs or Promises. */
const PLAIN_ARGUMENTS = ["minimumPasswordLength", "passwordReusePrevention", "maxPasswordAgeDays"] as const;

function validate(name: string, args: IdentityBaselineArgs): void {
  const problems = new Problems("IdentityBaseline");
  checkDerivedNames(problems, name, [iamPolicyName(`${name}-require-mfa`)], "rename the component");
  if (!checkKnownArguments(problems, args, Object.keys(KNOWN_ARGUMENTS))) return problems.throwIfAny();
  if (!checkPlainArguments(problems, args, PLAIN_ARGUMENTS)) return problems.throwIfAny();
  // An empty group name would attach the MFA policy to nothing; an omitted one creates the group.
  if (args.humanGroupName !== undefined) checkRequiredInput(problems, "humanGroupName", args.humanGroupName);
  checkBoolean(problems, "blockAccountPublicS3", args.blockAccountPublicS3);
  const length = args.minimumPasswordLength ?? 14;
  problems.check(
    Number.isInteger(length) && length >= 14 && length <= 128,
    "minimumPasswordLength",
    length,
    "an integer from 14 to 128",
    "omit it for 14 (a 137-second brute force needs short passwords)",
  );
  const reuse = args.passwordReusePrevention ?? 24;
  problems.check(reuse === 24, "passwordReusePrevention", reuse, "24 (the IAM maximum)", "omit it for 24");
  const age = args.maxPasswordAgeDays ?? DEFAULT_MAX_PASSWORD_AGE_DAYS;
  problems.check(
    Number.isInteger(age) && age >= 1 && age <= 365,
    "maxPasswordAgeDays",
    age,
    "an integer from 1 to 365",
    "omit it for 90",
  );
  problems.throwIfAny();
}

export class IdentityBaseline extends pulumi.ComponentResource {
  readonly mfaPolicyArn: pulumi.Output<string>;
  readonly humanGroupName: pulumi.Output<string>;

  constructor(name: string, args: IdentityBaselineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Arguments are checked before anything, the component included, is registered.
    validate(name, args);
    super("hardening:aws:IdentityBaseline", name, {}, opts);
    const parent = { parent: this };

    new aws.iam.AccountPasswordPolicy(
      `${name}-password-policy`,
      {
        minimumPasswordLength: args.minimumPasswordLength ?? 14,
        requireLowercaseCharacters: true,
        requireUppercaseCharacters: true,
        requireNumbers: true,
        requireSymbols: true,
        allowUsersToChangePassword: true,
        passwordReusePrevention: args.passwordReusePrevention ?? 24,
        maxPasswordAge: args.maxPasswordAgeDays ?? DEFAULT_MAX_PASSWORD_AGE_DAYS,
        hardExpiry: false,
      },
      parent,
    );
    // Unknown through an unconfigured provider (../invokeAnswer.ts): the policy never names "arn:undefined".
    const partition = answeredInvoke(
      `IdentityBaseline ${name}`,
      "getPartition",
      ["partition"],
      aws.getPartitionOutput({}, parent),
    ).partition;
    const policy = new aws.iam.Policy(
      `${name}-require-mfa`,
      {
        name: `${name}-require-mfa`,
        description: "Deny everything but MFA self-service until the user signs in with MFA",
        policy: policyDocument(requireMfaStatements(partition)),
      },
      parent,
    );
    this.mfaPolicyArn = policy.arn;
    const groupName =
      args.humanGroupName ?? new aws.iam.Group(`${name}-humans`, { name: `${name}-humans` }, parent).name;
    this.humanGroupName = pulumi.output(groupName);
    new aws.iam.GroupPolicyAttachment(
      `${name}-humans-require-mfa`,
      { group: groupName, policyArn: policy.arn },
      parent,
    );

    new aws.ebs.EncryptionByDefault(`${name}-ebs-encryption`, { enabled: true }, parent);
    if ((args.maxPasswordAgeDays ?? DEFAULT_MAX_PASSWORD_AGE_DAYS) > DEFAULT_MAX_PASSWORD_AGE_DAYS) {
      pulumi.log.warn(
        `IdentityBaseline ${name}: maxPasswordAgeDays is ${args.maxPasswordAgeDays}, above the default ` +
          `${DEFAULT_MAX_PASSWORD_AGE_DAYS}: a leaked password stays usable that much longer`,
        this,
      );
    }
    if (args.blockAccountPublicS3 ?? true) {
      new aws.s3.AccountPublicAccessBlock(
        `${name}-s3-public-access`,
        { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        parent,
      );
    } else {
      pulumi.log.warn(
        `IdentityBaseline ${name}: blockAccountPublicS3 is false, account-wide S3 public access block not set`,
        this,
      );
    }

    this.registerOutputs({ mfaPolicyArn: this.mfaPolicyArn, humanGroupName: this.humanGroupName });
  }
}
