// The only SSH door: one hardened host reachable on 22 from a few narrow operator blocks, or none at all in SSM-only
// mode. Closes the case's first step (SSH brute-forced from the internet) and its persistence (root keys, sshd edits).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkAdminSources } from "../plan/adminSources";
import { MAX_SUBNET_PREFIX, MIN_SUBNET_PREFIX, parseIpv4Cidr } from "../plan/cidr";
import { bastionCloudInit, checkSshdOptions } from "../plan/sshd";
import { checkBoolean, checkKnownArguments, checkList, checkRequiredInput, isPlain, Problems } from "../validation";
import { parseCidr } from "../../lib/cidr";
import { publicVpcSpaceWarning } from "../plan/vpcCidrSpace";
import { awsContext } from "./context";
import { answeredInvoke } from "../invokeAnswer";
import { serviceTrustPolicy } from "./iam";
import { ChildGate } from "../childGate";
import { afterCheck, checkOnceKnown } from "./deferredCheck";
import { checkDerivedNames, iamRoleName } from "./derivedNames";
import {
  checkKnownSshTargetId,
  checkSshTarget,
  SshTarget,
  sshRuleName,
  sshTargetCall,
  SshTargetRule,
  SshTargetsUsed,
  sshTargetSubject,
} from "../sshTarget";
import { SECURITY_GROUP_ID } from "../../lib/aws-names";
import { allowListTags, checkAllowListTags, isAllowListTagKey, otherTags } from "../allowListTag";
import { checkCallerTags } from "../resourceTagLimits";
import { ALLOW_LIST_TAG, BASTION_TAG_LIMITS } from "./bastionTagLimits";
import { tagsKnownLater } from "./callerTagCheck";
import { ALLOW_LIST_KEYS_TEXT } from "../../lib/allow-list-tag-keys";
import {
  checkSecurityGroupRuleQuota,
  raisedSecurityGroupQuotaWarning,
  SECURITY_GROUP_RULE_QUOTA,
  SG_QUOTA_ARGUMENT,
} from "./securityGroupRuleQuota";

const DEFAULT_USERS = ["ec2-user"];
const DEFAULT_INSTANCE_TYPE = "t3.micro";
/** The host's own tags besides the allow-list. */
const HOST_TAGS = ["Name", "hardening:role"];

/**
 * The caller's tags beside the host's own and, in SSH mode, the allow-list's first tag, which the host always carries
 * (the allow-list's further tags are checked against what is left: checkAllowListTags). A caller's Name,
 * hardening:role and allow-list keys are overwritten or dropped, so not counted.
 */
function checkBastionTags(problems: Problems, tags: unknown, ssmOnly: boolean, secret = false): void {
  const reserved = HOST_TAGS.length + (ssmOnly ? 0 : 1);
  checkCallerTags(problems, "tags", tags, BASTION_TAG_LIMITS, reserved, {
    uncounted: (key) => HOST_TAGS.includes(key) || isAllowListTagKey(key),
    secret,
  });
}

export interface BastionArgs {
  vpcId: pulumi.Input<string>;
  /** Subnet of the host: a public subnet for SSH mode, a private one for SSM-only mode. */
  subnetId: pulumi.Input<string>;
  /**
   * CIDR of the VPC, for the host's SSH egress to private hosts: a network address, /16 to /28. Given as an Output
   * (vpc.cidrBlock), it is checked once known, and nothing of the bastion is registered before it passed.
   */
  vpcCidr: pulumi.Input<string>;
  /**
   * Required in SSH mode: the only sources allowed on port 22. Sets covering the internet or public blocks broader
   * than /24 are rejected: the case's SSH was open to everyone and brute-forced in 137 seconds. Each entry also takes
   * room in the host's allow-list tags (about 690 public /32s fill the 48 tags left), and IPv4 and IPv6 share those
   * tags while securityGroupRuleQuota counts each family separately.
   */
  allowedCidrs?: string[];
  /** SSM-only mode: no inbound rule at all, no public IP; operators use Session Manager. Default false. */
  ssmOnly?: boolean;
  /** Login names allowed by sshd (`AllowUsers`). Default ["ec2-user"]; root is refused. */
  allowUsers?: string[];
  /** EC2 key pair for the allowed users. Default none (SSM or EC2 Instance Connect pushes keys). */
  keyName?: pulumi.Input<string>;
  /** Default "t3.micro". Checked once known when given as an Output; the host waits for the check. */
  instanceType?: pulumi.Input<string>;
  /** AMI; default the newest Amazon Linux 2023 image looked up from Amazon's own images. */
  amiId?: pulumi.Input<string>;
  /**
   * The account's "Inbound or outbound rules per security group" quota (Service Quotas L-0EA8095F), per direction and
   * address family, which the bastion's security group must fit: an integer from 60 (AWS's default) to 1000 (the
   * most AWS grants: the quota times "Security groups per network interface" may not exceed 1000). Default 60. Each
   * `allowedCidrs` entry is one inbound rule of its family; a list that does not fit is refused, naming how many do.
   * Each entry also takes room in the host's allow-list tags (about 690 public /32s fill the 48 tags left), and IPv4
   * and IPv6 share those tags while this quota counts each family separately.
   * Pass a higher value only once the quota was raised in this region (a value above 60 logs a warning): a group past
   * the real quota fails at deployment, after the host's role exists.
   */
  securityGroupRuleQuota?: number;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Every argument, so a misspelled one is reported instead of ignored; the compiler keeps this list complete. */
const KNOWN_ARGUMENTS: Record<keyof BastionArgs, true> = {
  vpcId: true,
  subnetId: true,
  vpcCidr: true,
  allowedCidrs: true,
  ssmOnly: true,
  allowUsers: true,
  keyName: true,
  instanceType: true,
  amiId: true,
  securityGroupRuleQuota: true,
  tags: true,
};

/** AWS's default inbound rules per security group and address family (securityGroupRuleQuota.ts). */
export const SECURITY_GROUP_INBOUND_RULE_QUOTA = SECURITY_GROUP_RULE_QUOTA.defaultRules;

/** The bastion group's inbound rules: one SSH rule per allowed block, of that block's family. */
export function sshIngressRules(allowedCidrs: readonly string[]) {
  return allowedCidrs.map((cidr) => {
    const v6 = parseCidr(cidr)?.family === "ipv6";
    return {
      protocol: "tcp",
      fromPort: 22,
      toPort: 22,
      ...(v6 ? { ipv6CidrBlocks: [cidr] } : { cidrBlocks: [cidr] }),
      description: "SSH from operators",
    };
  });
}

/** Refuses an allow-list whose rules, counted per family as the group gets them, exceed `quota`. */
function checkIngressQuota(problems: Problems, allowedCidrs: readonly unknown[], quota: number): void {
  const { defaultRules, maxRules } = SECURITY_GROUP_RULE_QUOTA;
  const inForce =
    quota === defaultRules
      ? `AWS's default quota of ${quota} inbound rules per security group`
      : `${SG_QUOTA_ARGUMENT}'s ${quota} inbound rules per security group`;
  const rules = sshIngressRules(allowedCidrs.filter((c): c is string => typeof c === "string" && !!parseCidr(c)));
  for (const [family, field] of [
    ["IPv4", "cidrBlocks"],
    ["IPv6", "ipv6CidrBlocks"],
  ] as const) {
    const count = rules.filter((r) => field in r).length;
    // Past the most AWS grants, only fewer blocks help.
    const raise =
      count <= maxRules
        ? `, or raise the account's quota to ${count} and pass ${SG_QUOTA_ARGUMENT}: ${count}`
        : `; no quota holds more than ${maxRules}`;
    problems.check(
      count <= quota,
      "allowedCidrs",
      allowedCidrs,
      `at most ${quota} ${family} blocks: ${count} make the bastion's security group hold ${count} inbound ` +
        `${family} rules, above ${inForce} (counted per address family; Service Quotas L-0EA8095F)`,
      `summarise the ${family} blocks into at most ${quota} (each still a narrow office or VPN range), or use ` +
        `ssmOnly: true, which needs no inbound rule${raise}`,
    );
  }
}

/**
 * The warning for a vpcCidr outside private space (the kit's `plan/vpcCidrSpace.ts`, as HardenedVpc warns): AWS takes
 * such a VPC, but the bastion may open SSH to every address of vpcCidr, so a block that is not the VPC's own reaches
 * hosts on the internet.
 */
function publicVpcCidrWarning(name: string, vpcCidr: string): string | undefined {
  const warning = publicVpcSpaceWarning("vpcCidr", vpcCidr);
  return warning
    ? `Bastion ${name}: ${warning}. The bastion may open SSH to every address of vpcCidr, so a block that is not the ` +
        "VPC's own lets it reach hosts on the internet; fix: pass the VPC's own cidrBlock (vpc.cidrBlock), in " +
        "private space unless your organisation holds the public block"
    : undefined;
}

/** The host may SSH to this block: a typo such as 0.0.0.0/0 would let it reach port 22 anywhere. */
function checkVpcCidr(problems: Problems, vpcCidr: unknown): void {
  const vpc = parseIpv4Cidr(vpcCidr as string);
  const prefix = vpc ? Number(vpc.getPrefix().getValue()) : 0;
  problems.check(
    prefix >= MIN_SUBNET_PREFIX && prefix <= MAX_SUBNET_PREFIX,
    "vpcCidr",
    vpcCidr,
    `the VPC's IPv4 CIDR: network address and prefix /${MIN_SUBNET_PREFIX} to /${MAX_SUBNET_PREFIX}`,
    "pass the VPC's cidrBlock, e.g. vpc.cidrBlock",
  );
}

/** EC2 instance types are `<family>.<size>` in lower case ("t3.micro", "i4i.metal-24xl"); "" fails only at launch. */
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

function checkInstanceType(problems: Problems, instanceType: unknown): void {
  if (instanceType === undefined) return;
  problems.check(
    typeof instanceType === "string" && INSTANCE_TYPE.test(instanceType),
    "instanceType",
    instanceType,
    'an EC2 instance type, family and size in lower case, e.g. "t3.micro"',
    `omit instanceType for "${DEFAULT_INSTANCE_TYPE}", or pass the type to launch`,
  );
}

function validate(name: string, args: BastionArgs): void {
  const problems = new Problems("Bastion");
  checkDerivedNames(problems, name, [iamRoleName(`${name}-role`)], "rename the component");
  if (!checkKnownArguments(problems, args, Object.keys(KNOWN_ARGUMENTS))) return problems.throwIfAny();
  checkRequiredInput(problems, "vpcId", args.vpcId);
  checkRequiredInput(problems, "subnetId", args.subnetId);
  // Outputs (vpc.cidrBlock, usually) are checked the same way once known, before anything waits on them.
  if (isPlain(args.vpcCidr)) checkVpcCidr(problems, args.vpcCidr);
  if (isPlain(args.instanceType)) checkInstanceType(problems, args.instanceType);
  const quota = checkSecurityGroupRuleQuota(problems, args.securityGroupRuleQuota);
  // Tags given as an Output are checked once known (the constructor's deferred check).
  if (isPlain(args.tags)) checkBastionTags(problems, args.tags, args.ssmOnly === true);
  if (checkBoolean(problems, "ssmOnly", args.ssmOnly) && args.ssmOnly === true) {
    problems.check(
      !args.allowedCidrs || (Array.isArray(args.allowedCidrs) && args.allowedCidrs.length === 0),
      "allowedCidrs",
      args.allowedCidrs,
      "nothing in SSM-only mode (no port 22 at all)",
      "drop allowedCidrs, or set ssmOnly: false to open SSH to them",
    );
  } else if (args.ssmOnly !== true) {
    checkAdminSources(problems, "allowedCidrs", args.allowedCidrs, { required: true });
    if (Array.isArray(args.allowedCidrs)) checkIngressQuota(problems, args.allowedCidrs, quota);
    // Tags given as an Output are counted once known (the constructor's deferred check).
    if (Array.isArray(args.allowedCidrs) && isPlain(args.tags)) {
      checkAllowListTags(problems, args.allowedCidrs, ALLOW_LIST_TAG, otherTags(args.tags, HOST_TAGS));
    }
  }
  // The users become sshd's AllowUsers line: checked here, before anything is created, not when user data is built.
  if (checkList(problems, "allowUsers", args.allowUsers)) {
    checkSshdOptions(problems, { allowUsers: args.allowUsers ?? DEFAULT_USERS });
  }
  problems.throwIfAny();
}

export class Bastion extends pulumi.ComponentResource {
  readonly securityGroup: aws.ec2.SecurityGroup;
  readonly securityGroupId: pulumi.Output<string>;
  readonly instance: aws.ec2.Instance;
  readonly instanceId: pulumi.Output<string>;
  readonly publicIp: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  private readonly name: string;
  private readonly ssmOnly: boolean;
  private readonly sshTargets: SshTargetsUsed = { labels: new Set(), ids: new Set() };

  constructor(name: string, args: BastionArgs, opts?: pulumi.ComponentResourceOptions) {
    // Arguments are checked before anything, the component included, is registered.
    validate(name, args);
    const gate = new ChildGate();
    super("hardening:aws:Bastion", name, {}, gate.options(opts));
    this.name = name;
    this.ssmOnly = args.ssmOnly ?? false;
    const parent = { parent: this };
    // vpcCidr (usually vpc.cidrBlock) and instanceType given as Outputs are checked once known, and so are tags given
    // as an Output or holding one, counted as a plain object's were. Every child waits on the check through its
    // dependsOn (the gate), so a bad value registers nothing; the tags and instance type stay known at preview, where
    // the pack needs the bastion's role and allow-list tags. Tags given as a secret are checked without showing keys.
    const tagsOnceKnown = tagsKnownLater(args.tags);
    const tagsSecret = isPlain(args.tags) ? false : pulumi.isSecret(pulumi.output(args.tags));
    const checked = checkOnceKnown(
      `Bastion ${name}`,
      {
        vpcCidr: args.vpcCidr,
        instanceType: args.instanceType,
        tags: tagsOnceKnown ? args.tags : undefined,
        tagsSecret,
      },
      (problems, known) => {
        checkVpcCidr(problems, known.vpcCidr);
        checkInstanceType(problems, known.instanceType);
        if (tagsOnceKnown) checkBastionTags(problems, known.tags, this.ssmOnly, known.tagsSecret);
        if (tagsOnceKnown && !this.ssmOnly) {
          checkAllowListTags(problems, args.allowedCidrs ?? [], ALLOW_LIST_TAG, otherTags(known.tags, HOST_TAGS));
        }
      },
    );
    gate.waitFor(checked);
    // A plain block was checked up front and stays known at preview; an Output is read once its check passed. The
    // warning is the same either way.
    const checkedVpcCidr = isPlain(args.vpcCidr) ? pulumi.output(args.vpcCidr) : afterCheck(checked, args.vpcCidr);
    const vpcCidr = checkedVpcCidr.apply((cidr) => {
      const warning = publicVpcCidrWarning(name, cidr);
      if (warning) pulumi.log.warn(warning, this);
      return cidr;
    });
    // The allow-list tags are the component's in every mode: a caller's copy would claim sources the group never had,
    // so it is dropped, and said so (the caller may have meant it as an ordinary tag).
    const tags = pulumi.output(args.tags ?? {}).apply((given) => {
      const dropped = Object.keys(given).filter(isAllowListTagKey);
      for (const key of dropped) {
        pulumi.log.warn(
          `Bastion ${name}: tags.${key} is dropped: the bastion writes its allow-list tags (${ALLOW_LIST_KEYS_TEXT}) ` +
            "from allowedCidrs itself, and the policy pack reads them; fix: remove the key, or rename it outside " +
            "that family",
          this,
        );
      }
      return Object.fromEntries(Object.entries(given).filter(([key]) => !dropped.includes(key)));
    });
    const context = awsContext(`Bastion ${name}`, this, opts?.provider);

    const ingress = this.ssmOnly ? [] : sshIngressRules(args.allowedCidrs ?? []);
    const egress = [
      { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS: SSM, updates" },
      ...(this.ssmOnly
        ? []
        : [
            {
              protocol: "tcp",
              fromPort: 22,
              toPort: 22,
              cidrBlocks: [vpcCidr],
              description: "SSH to private hosts",
            },
          ]),
    ];
    this.securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: this.ssmOnly ? "Bastion, SSM only: no inbound" : "Bastion: SSH from operator blocks only",
        ingress,
        egress,
        tags: tags.apply((t) => ({ ...t, Name: `${name}-sg` })),
      },
      parent,
    );
    this.securityGroupId = this.securityGroup.id;

    const role = new aws.iam.Role(
      `${name}-role`,
      { assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com", context.accountId), tags },
      parent,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-ssm-core`,
      {
        role: role.name,
        policyArn: pulumi.interpolate`arn:${context.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
      },
      parent,
    );
    const profile = new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name }, parent);
    this.roleName = role.name;

    const raisedQuota = raisedSecurityGroupQuotaWarning(
      args.securityGroupRuleQuota ?? SECURITY_GROUP_INBOUND_RULE_QUOTA,
    );
    if (raisedQuota) pulumi.log.warn(`Bastion ${name}: ${raisedQuota}`, this);
    if (args.amiId !== undefined) {
      pulumi.log.warn(
        `Bastion ${name}: amiId replaces the newest Amazon Linux 2023 image; the sshd hardening is written for ` +
          "Amazon Linux, and a pinned image misses every later patch",
        this,
      );
    }
    const amiId =
      args.amiId ??
      answeredInvoke(
        `Bastion ${name}`,
        "getAmi",
        ["id"],
        aws.ec2.getAmiOutput(
          {
            mostRecent: true,
            owners: ["amazon"],
            filters: [
              { name: "name", values: ["al2023-ami-2023.*-x86_64"] },
              { name: "architecture", values: ["x86_64"] },
              { name: "virtualization-type", values: ["hvm"] },
            ],
          },
          parent,
        ),
      ).id;

    this.instance = new aws.ec2.Instance(
      `${name}-host`,
      {
        ami: amiId,
        instanceType: args.instanceType ?? DEFAULT_INSTANCE_TYPE,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: [this.securityGroup.id],
        associatePublicIpAddress: !this.ssmOnly,
        iamInstanceProfile: profile.name,
        keyName: args.keyName,
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
        rootBlockDevice: { encrypted: true, volumeType: "gp3", deleteOnTermination: true },
        monitoring: true,
        userData: bastionCloudInit({ os: "amazon-linux", allowUsers: args.allowUsers ?? DEFAULT_USERS }),
        userDataReplaceOnChange: true,
        // The role and allow-list tags let the policy pack recognise the one host allowed to expose SSH.
        tags: tags.apply((t) => ({
          ...t,
          Name: `${name}-host`,
          "hardening:role": "bastion",
          ...(this.ssmOnly ? {} : allowListTags(args.allowedCidrs ?? [], ALLOW_LIST_TAG)),
        })),
      },
      parent,
    );
    this.instanceId = this.instance.id;
    this.publicIp = this.instance.publicIp;

    this.registerOutputs({
      securityGroupId: this.securityGroupId,
      instanceId: this.instanceId,
      publicIp: this.publicIp,
      roleName: this.roleName,
    });
  }

  /**
   * Lets `targetSecurityGroupId` (a private host's SG) accept SSH from the bastion's SG only, never from a CIDR.
   * `label` keeps the rule's name stable. Not available in SSM-only mode (there is no SSH to forward).
   * `allowSshTo({ label, securityGroupId })` does the same, in the form Alibaba Cloud's Bastion takes too.
   */
  allowSshTo(target: SshTarget): aws.vpc.SecurityGroupIngressRule;
  allowSshTo(label: string, targetSecurityGroupId: pulumi.Input<string>): aws.vpc.SecurityGroupIngressRule;
  allowSshTo(
    labelOrTarget: string | SshTarget,
    targetSecurityGroupId?: pulumi.Input<string>,
  ): aws.vpc.SecurityGroupIngressRule {
    const call = sshTargetCall(labelOrTarget, targetSecurityGroupId, sshTargetRule(this.name), true);
    const label = call.label as string;
    if (this.ssmOnly) {
      throw new Error(
        `Bastion ${this.name}: allowSshTo("${label}") called in SSM-only mode; allowed: only with ssmOnly false; ` +
          "fix: use Session Manager port forwarding, or create the bastion with ssmOnly: false and allowedCidrs",
      );
    }
    const { rule } = call;
    const targetId = call.id as pulumi.Input<string>;
    checkSshTarget(label, targetId, this.sshTargets, rule, call.given);
    // An id given as an Output is checked once known; the rule waits for it.
    const targetChecked = checkOnceKnown(sshTargetSubject(rule), { targetId }, (problems, known) =>
      checkKnownSshTargetId(problems, known.targetId, targetId, this.sshTargets, rule),
    );
    return new aws.vpc.SecurityGroupIngressRule(
      sshRuleName(this.name, label),
      {
        securityGroupId: afterCheck(targetChecked, targetId),
        referencedSecurityGroupId: this.securityGroup.id,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        description: `SSH from bastion ${this.name} only`,
      },
      { parent: this },
    );
  }
}

const sshTargetRule = (name: string): SshTargetRule => ({
  subject: `Bastion ${name}`,
  idArgument: "targetSecurityGroupId",
  signature: "allowSshTo(label, targetSecurityGroupId)",
  idPattern: SECURITY_GROUP_ID,
  idForm: "sg- and 8 or 17 hex digits",
});
