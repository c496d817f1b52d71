// The one host administrators reach over SSH. Key pair only (the case's root password fell in 137 seconds),
// port 22 only from named narrow sources, hardened sshd + fail2ban from the shared planner, Security Center agent,
// IMDSv2-style metadata tokens, encrypted disk. Private hosts accept SSH from this host's security group alone.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { bastionCloudInit } from "../plan/sshd";
import {
  ACCEPT_PRIORITY,
  AlicloudSgRuleSpec,
  SSH_PORT_RANGE,
  checkAdminSourceCidrs,
  sshIngressRules,
} from "../plan/alicloud-sg";
import { publicVpcSpaceWarning } from "../plan/vpcCidrSpace";
import { isPlain, ValidationError } from "../validation";
import { AllowListTagRule, allowListTags, checkAllowListTags, otherTags } from "../allowListTag";
import { answeredInvoke } from "../invokeAnswer";
import { ArgProblems, MAX_TAG_LENGTH, MAX_TAGS, argumentKeys, checkTags } from "./args";
import { PRIVATE_RANGES, bastionEgressRules, checkBastionVpcCidr } from "./bastionEgress";
import { ChildGate } from "./childGate";
import { afterCheck, checkOnceKnown } from "./deferredCheck";
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

export interface BastionArgs {
  vpcId: pulumi.Input<string>;
  /**
   * The VPC's IPv4 block (the HardenedVpc's `cidrBlock`): the only place the bastion may SSH to. Without it SSH
   * egress goes to private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) and a warning says so. An Output is
   * checked once known, and nothing of the bastion is created before it passed.
   */
  vpcCidr?: pulumi.Input<string>;
  /** A public vSwitch of the VPC (the bastion is the only instance with public bandwidth). */
  vswitchId: pulumi.Input<string>;
  /**
   * Sources allowed to reach port 22, e.g. the office egress "203.0.113.0/28". Required; sets that cover the
   * internet and public blocks broader than /24 (IPv6 /48) are rejected — that exposure is how the case began.
   */
  allowedCidrs: string[];
  /** ECS key pair name: the only login credential. Password fields are never set and are rejected if passed. */
  keyName: pulumi.Input<string>;
  /** Accounts sshd lets in (`AllowUsers`); root never. Default ["ecs-user"]. */
  allowUsers?: string[];
  /** Default "ecs.t6-c1m2.large". */
  instanceType?: pulumi.Input<string>;
  /**
   * Image id; default: the newest Alibaba Cloud Linux 3 system image (`ecs.getImagesOutput`). A pinned image logs a
   * warning: it must be a Linux image the sshd user data supports, and its patches are then the caller's job.
   */
  imageId?: pulumi.Input<string>;
  /** Outbound public bandwidth in Mbit/s, 1-100. Default 5. This is what gives the bastion its public address. */
  internetMaxBandwidthOut?: number;
  /** KMS key for the system disk; default: the ECS service key. The disk is always encrypted. */
  systemDiskKmsKeyId?: pulumi.Input<string>;
  /** Default 40 GiB. */
  systemDiskSize?: number;
  tags?: Record<string, string>;
}

/**
 * The allow-list tags, read by the stack policies: blocks joined with commas, in values of 128 characters, on a host
 * and security group of at most 20 tags (ECS TagResources: "Valid values of N: 1 to 20", a value "up to 128
 * characters"). About 7 host blocks fill a value.
 */
const ALLOW_LIST_TAG: AllowListTagRule = {
  separator: ",",
  maxLength: MAX_TAG_LENGTH,
  maxTags: MAX_TAGS,
  cloud: "Alibaba Cloud",
};
/** The component's own tags besides the allow-list: they let stack policies tell the bastion from ordinary hosts. */
const OWN_TAGS = { "hardening:component": "Bastion", "hardening:role": "bastion" };

const PASSWORD_FIELDS = ["password", "kmsEncryptedPassword", "passwordInherit"] as const;

const BASTION_ARGS = argumentKeys<BastionArgs>({
  vpcId: true,
  vpcCidr: true,
  vswitchId: true,
  allowedCidrs: true,
  keyName: true,
  allowUsers: true,
  instanceType: true,
  imageId: true,
  internetMaxBandwidthOut: true,
  systemDiskKmsKeyId: true,
  systemDiskSize: true,
  tags: true,
});
/** Read at construction (rules, cloud-init, tags); ids and the key name may be Outputs. */
const PLAIN_ARGS: (keyof BastionArgs)[] = [
  "allowedCidrs",
  "allowUsers",
  "internetMaxBandwidthOut",
  "systemDiskSize",
  "tags",
];

/** Inputs that may be Outputs and are checked again once known. */
const DEFERRED_INPUTS = ["keyName", "vpcCidr", "instanceType", "imageId", "systemDiskKmsKeyId"] as const;

/** Checks of inputs that may be Outputs: run on the plain ones at construction, on the others once known. */
function checkInputs(problems: ArgProblems, args: Partial<BastionArgs>): void {
  problems.present("keyName", args.keyName, "create an ECS key pair and pass its name: it is the only login");
  problems.notBlank("instanceType", args.instanceType, 'omit it for "ecs.t6-c1m2.large" or name a type');
  problems.notBlank("imageId", args.imageId, "omit it for the newest Alibaba Cloud Linux 3 image");
  problems.notBlank("systemDiskKmsKeyId", args.systemDiskKmsKeyId, "omit it to encrypt with the ECS service key");
  if (args.vpcCidr !== undefined && isPlain(args.vpcCidr)) checkBastionVpcCidr(problems, args.vpcCidr);
}

export class Bastion extends pulumi.ComponentResource {
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly instanceId: pulumi.Output<string>;
  public readonly publicIp: pulumi.Output<string>;
  public readonly privateIp: pulumi.Output<string>;
  public readonly networkInterfaceId: pulumi.Output<string>;
  private readonly baseName: string;
  private readonly sshTargets: SshTargetsUsed = { labels: new Set(), ids: new Set() };

  constructor(name: string, given: BastionArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = new ArgProblems(`Bastion "${name}"`);
    // Password fields get their own problem below, not an "unknown argument" one.
    problems.knownKeys(given ?? {}, [...BASTION_ARGS, ...PASSWORD_FIELDS]);
    const args = problems.plain(given ?? ({} as BastionArgs), PLAIN_ARGS);
    const allowUsers = args.allowUsers ?? ["ecs-user"];
    const bandwidth = args.internetMaxBandwidthOut ?? 5;
    const diskSize = args.systemDiskSize ?? 40;
    // The name becomes the host name and the security group's name: a letter first, at most 64 characters.
    problems.check(
      /^[a-z][a-z0-9-]{0,55}$/i.test(name),
      "name",
      name,
      "a letter, then letters, digits or hyphens, at most 56 characters (it names the host and its security group)",
      'rename the component, e.g. "ops"',
    );
    problems.addAll(checkAdminSourceCidrs("allowedCidrs", args.allowedCidrs));
    problems.present("vpcId", args.vpcId, "pass the HardenedVpc's vpcId");
    problems.present("vswitchId", args.vswitchId, "pass a public vSwitch id of the VPC (publicVswitchIds[0])");
    checkInputs(problems, args);
    problems.check(
      Number.isInteger(bandwidth) && bandwidth >= 1 && bandwidth <= 100,
      "internetMaxBandwidthOut",
      bandwidth,
      "an integer from 1 to 100 Mbit/s",
      "use e.g. 5; the bastion needs a public address to be reached",
    );
    problems.check(
      Number.isInteger(diskSize) && diskSize >= 20 && diskSize <= 500,
      "systemDiskSize",
      diskSize,
      "an integer from 20 to 500 GiB (at least the image size)",
      "omit it for 40 GiB",
    );
    // Its own tags and the allow-list's first; the allow-list's others are counted against what the caller's leave.
    checkTags(problems, "tags", args.tags, Object.keys(OWN_TAGS).length + 1);
    if (Array.isArray(args.allowedCidrs)) {
      checkAllowListTags(problems, args.allowedCidrs, ALLOW_LIST_TAG, otherTags(args.tags, Object.keys(OWN_TAGS)));
    }
    for (const field of PASSWORD_FIELDS) {
      const passed = (given as unknown as Record<string, unknown> | undefined)?.[field];
      problems.check(
        passed === undefined,
        field,
        field === "passwordInherit" ? passed : "(secret)",
        "nothing: the bastion logs in with the key pair only",
        `remove ${field} and pass keyName`,
      );
    }
    let userData = "";
    try {
      userData = bastionCloudInit({ os: "alibaba-cloud-linux", allowUsers });
    } catch (e) {
      if (e instanceof ValidationError) problems.addAll(e.problems);
      else throw e;
    }
    problems.throwIfAny();
    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    const gate = new ChildGate();
    super("hardening:alicloud:Bastion", name, {}, gate.options(opts));
    this.baseName = name;
    const subject = `Bastion "${name}"`;
    // The same checks on the inputs given as Outputs, once known; every child waits for them (the gate).
    const deferred = Object.fromEntries(DEFERRED_INPUTS.map((key) => [key, args[key]]));
    const unknown = Object.values(deferred).some((v) => !isPlain(v));
    const checked = unknown
      ? checkOnceKnown(subject, deferred, (checks, known) => checkInputs(checks, known as Partial<BastionArgs>))
      : pulumi.output(true);
    if (unknown) gate.waitFor(checked);
    if (args.vpcCidr === undefined) {
      pulumi.log.warn(
        `${subject}: vpcCidr is not given, so the bastion may SSH to all of private space (${PRIVATE_RANGES.join(", ")}), ` +
          "peered and connected networks included; fix: pass the VPC's block, e.g. vpcCidr: vpc.cidrBlock",
        this,
      );
    } else {
      pulumi.all([args.vpcCidr, checked]).apply(([cidr]) => {
        const warning = publicVpcSpaceWarning("vpcCidr", cidr);
        if (warning) pulumi.log.warn(`${subject}: ${warning}; the bastion may SSH to every address of it`, this);
      });
    }

    const tags = { ...(args.tags ?? {}), ...OWN_TAGS, ...allowListTags(args.allowedCidrs, ALLOW_LIST_TAG) };
    const parent = { parent: this };

    const sg = new alicloud.ecs.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        securityGroupName: `${name}-bastion`,
        description: "Bastion: SSH from allowed administrative sources only",
        securityGroupType: "normal",
        innerAccessPolicy: "Drop",
        tags,
      },
      parent,
    );
    this.securityGroupId = sg.id;
    // One rule resource per planned rule, all on the bastion's own group and its private interface.
    const addRule = (
      resourceName: string,
      type: "ingress" | "egress",
      rule: Omit<AlicloudSgRuleSpec, "type" | "cidrIp"> & { cidrIp?: pulumi.Input<string> },
    ) =>
      new alicloud.ecs.SecurityGroupRule(
        resourceName,
        {
          securityGroupId: sg.id,
          type,
          ipProtocol: rule.ipProtocol,
          portRange: rule.portRange,
          policy: rule.policy,
          priority: rule.priority,
          cidrIp: rule.cidrIp,
          ipv6CidrIp: rule.ipv6CidrIp,
          nicType: "intranet",
          description: rule.description,
        },
        parent,
      );
    sshIngressRules(args.allowedCidrs).forEach((rule, i) => addRule(`${name}-ssh-in-${i}`, "ingress", rule));
    bastionEgressRules(args.vpcCidr).forEach((rule) => addRule(`${name}-egress-${rule.label}`, "egress", rule));

    if (args.imageId !== undefined) {
      pulumi.log.warn(
        `Bastion "${name}": imageId replaces the newest Alibaba Cloud Linux 3 image; the sshd hardening is written ` +
          "for Linux, so the image must be a Linux image its user data supports (cloud-init, sshd), and a pinned " +
          "image misses every later patch: patching it is then yours",
        this,
      );
    }
    // Unknown, not missing, through an unconfigured provider (../invokeAnswer.ts).
    const imageId =
      args.imageId ??
      answeredInvoke(
        `Bastion "${name}"`,
        "ecs.getImages",
        ["images", "ids"],
        alicloud.ecs.getImagesOutput(
          { owners: "system", nameRegex: "^aliyun_3_x64_20G_alibase_.*", mostRecent: true, osType: "linux" },
          parent,
        ),
      ).apply((r) => {
        const id = r.images?.[0]?.id ?? r.ids?.[0];
        if (!id) throw new Error(`Bastion "${name}": no Alibaba Cloud Linux 3 image found; fix: pass imageId`);
        return id;
      });

    const instance = new alicloud.ecs.Instance(
      `${name}-instance`,
      {
        instanceName: `${name}-bastion`,
        hostName: `${name}-bastion`,
        description: "Bastion host: key-pair login, hardened sshd, fail2ban",
        instanceType: args.instanceType ?? "ecs.t6-c1m2.large",
        imageId,
        vswitchId: args.vswitchId,
        securityGroups: [sg.id],
        keyName: args.keyName,
        internetChargeType: "PayByTraffic",
        internetMaxBandwidthOut: bandwidth,
        httpEndpoint: "enabled",
        httpTokens: "required",
        securityEnhancementStrategy: "Active",
        systemDiskCategory: "cloud_essd",
        systemDiskSize: diskSize,
        systemDiskEncrypted: true,
        systemDiskKmsKeyId: args.systemDiskKmsKeyId,
        userData,
        deletionProtection: false,
        tags,
        volumeTags: tags,
      },
      parent,
    );
    this.instanceId = instance.id;
    this.publicIp = instance.publicIp;
    this.privateIp = instance.primaryIpAddress;
    this.networkInterfaceId = instance.networkInterfaceId;

    this.registerOutputs({
      securityGroupId: this.securityGroupId,
      instanceId: this.instanceId,
      publicIp: this.publicIp,
    });
  }

  /**
   * Lets a private security group accept SSH from this bastion only: ingress tcp 22/22, accept, priority 1, source
   * = the bastion's security group. `label` names the rule `${name}-ssh-to-${label}` (ids are unknown at preview).
   * `allowSshTo({ label, securityGroupId })` does the same, in the form AWS's Bastion takes too.
   */
  public allowSshTo(target: SshTarget): alicloud.ecs.SecurityGroupRule;
  public allowSshTo(privateSecurityGroupId: pulumi.Input<string>, label: string): alicloud.ecs.SecurityGroupRule;
  public allowSshTo(idOrTarget: pulumi.Input<string> | SshTarget, givenLabel?: string): alicloud.ecs.SecurityGroupRule {
    const { label, id, rule, given } = sshTargetCall(idOrTarget, givenLabel, sshTargetRule(this.baseName), false);
    const targetId = id as pulumi.Input<string>;
    checkSshTarget(label, targetId, this.sshTargets, rule, given);
    // An id given as an Output is checked once known; the rule waits for it.
    const targetChecked = checkOnceKnown(sshTargetSubject(rule), { targetId }, (problems, known) =>
      checkKnownSshTargetId(problems, known.targetId, targetId, this.sshTargets, rule),
    );
    return new alicloud.ecs.SecurityGroupRule(
      sshRuleName(this.baseName, label as string),
      {
        securityGroupId: afterCheck(targetChecked, targetId),
        type: "ingress",
        ipProtocol: "tcp",
        portRange: SSH_PORT_RANGE,
        policy: "accept",
        priority: ACCEPT_PRIORITY,
        sourceSecurityGroupId: this.securityGroupId,
        nicType: "intranet",
        description: "SSH from the bastion only",
      },
      { parent: this },
    );
  }
}

/** Alibaba Cloud security group ids: sg- and letters or digits, at most 30 characters (ECS's own parameter rule). */
const sshTargetRule = (name: string): SshTargetRule => ({
  subject: `Bastion "${name}"`,
  idArgument: "privateSecurityGroupId",
  signature: "allowSshTo(privateSecurityGroupId, label)",
  idPattern: /^sg-[A-Za-z0-9]{1,27}$/,
  idForm: "sg- and letters or digits, at most 30 characters",
});
