// The tag rules an AWS component's caller tags meet: the strictest of each rule over the services of the resources the
// component puts them on. A tag one of those services refuses fails only at deployment, after part of the component
// exists, so the components check their tags against these before anything is created (callerTagCheck.ts).
import { ResourceTagLimits, TagCharacters } from "../resourceTagLimits";
import { isPlain } from "../validation";

/**
 * What nearly every AWS service takes (IAM, S3, CloudTrail, CloudWatch Logs, SNS, SQS, EventBridge, Backup, WAF,
 * GuardDuty): 50 tags per resource, keys of 1-128 and values of at most 256 Unicode characters, no key starting with
 * `aws:` (refused in any case). A value given as an Output inside a plain object is checked once known.
 */
export const AWS_TAG_LIMITS: ResourceTagLimits = {
  cloud: "AWS",
  maxTags: 50,
  maxKeyLength: 128,
  maxValueLength: 256,
  reservedKey: /^aws:/i,
  reservedKeyText: "aws: (AWS's own)",
  deferredValue: (value) => !isPlain(value),
};

/**
 * EC2 (API Reference, Tag: "Tag keys ... accept a maximum of 127 Unicode characters. May not begin with aws:"; 256 for
 * values; 50 tags per resource): one character shorter keys than the other services. EC2 takes any character.
 */
export const EC2_TAG_LIMITS: ResourceTagLimits = { ...AWS_TAG_LIMITS, cloud: "EC2", maxKeyLength: 127 };

/**
 * The tag characters of IAM, CloudWatch Logs, WAF, Elastic Load Balancing and S3: their API references give keys and
 * values the pattern `[\p{L}\p{Z}\p{N}_.:/=+\-@]` (S3 refuses others with InvalidTag, pulumi/pulumi-aws#6597).
 * EventBridge documents the same set, and SNS and SQS refuse a comma in practice. `why` names the service and the resource that holds the component
 * to it, e.g. "IAM's tag characters: the tags go on the bastion's role".
 */
export function restrictedTagCharacters(why: string): TagCharacters {
  return { allowed: /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u, text: `letters, digits, spaces and _ . : / = + - @ only (${why})` };
}

/**
 * IAM User Guide, Tagging IAM resources: tag keys of roles and users "are not case sensitive, but case is preserved",
 * so Department and department are one key. `resource` names the component's IAM resource.
 */
export const iamCaseInsensitiveKeys = (resource: string) => ({ service: `IAM (the tags go on ${resource})` });

/**
 * GuardDuty's tag keys (API Reference, TagResource: key pattern `^(?!aws:)[a-zA-Z+-=._:/]+$`, read as the service
 * reads it: `+-=` is the range from + to =, digits and , ; < included). No space, `@` or letter outside ASCII.
 * `resources` names the GuardDuty resources the component tags, e.g. "the detector".
 */
export function guardDutyKeyCharacters(resources: string): TagCharacters {
  return {
    allowed: /[A-Za-z0-9_+,\-./:;<=]/u,
    text: `ASCII letters, digits and _ + , - . / : ; < = only (GuardDuty's tag-key characters: the tags go on ${resources})`,
  };
}

/** HardenedVpc: its VPC, subnets, gateways and flow log (EC2), the flow-log group (CloudWatch Logs) and role (IAM). */
export const HARDENED_VPC_TAG_LIMITS: ResourceTagLimits = {
  ...EC2_TAG_LIMITS,
  characters: restrictedTagCharacters("IAM's and CloudWatch Logs' tag characters: the tags go on the flow-log role"),
  caseInsensitiveKeys: iamCaseInsensitiveKeys("the flow-log role"),
};

/** AuditTrail: its trail (CloudTrail), bucket (S3), log group (CloudWatch Logs) and the trail's log role (IAM). */
export const AUDIT_TRAIL_TAG_LIMITS: ResourceTagLimits = {
  ...AWS_TAG_LIMITS,
  characters: restrictedTagCharacters("IAM's and CloudWatch Logs' tag characters: the tags go on the trail's log role"),
  caseInsensitiveKeys: iamCaseInsensitiveKeys("the trail's log role"),
};

/** ImmutableBackup: its vaults and plan (AWS Backup) and the role the backups run as (IAM). */
export const IMMUTABLE_BACKUP_TAG_LIMITS: ResourceTagLimits = {
  ...AWS_TAG_LIMITS,
  characters: restrictedTagCharacters("IAM's tag characters: the tags go on the backup role"),
  caseInsensitiveKeys: iamCaseInsensitiveKeys("the backup role"),
};

/**
 * WebFirewall: its web ACL (WAF) and log group (CloudWatch Logs), and the origin rules its methods make: security
 * group rules (EC2, hence 127-character keys) and listener rules (Elastic Load Balancing). No IAM resource.
 */
export const WEB_FIREWALL_TAG_LIMITS: ResourceTagLimits = {
  ...EC2_TAG_LIMITS,
  characters: restrictedTagCharacters("WAF's and CloudWatch Logs' tag characters: the tags go on the web ACL"),
};

/** TrafficForensics: its flow log and mirror target, filter and sessions (EC2) and evidence bucket (S3's characters). */
export const TRAFFIC_FORENSICS_TAG_LIMITS: ResourceTagLimits = {
  ...EC2_TAG_LIMITS,
  characters: restrictedTagCharacters("S3's tag characters: the tags go on the evidence bucket"),
};

/**
 * ThreatDetection: its rules (EventBridge), topics (SNS), queue (SQS), alarm (CloudWatch) and findings bucket (S3),
 * all held to the restricted characters, and GuardDuty's resources made here with the caller's tags (the detector,
 * unless the caller's own is given; the findings publishing destination, when findings are exported), whose keys are
 * narrower still: a key meets both sets.
 */
export function threatDetectionTagLimits(guardDuty: { detector: boolean; destination: boolean }): ResourceTagLimits {
  const limits: ResourceTagLimits = {
    ...AWS_TAG_LIMITS,
    characters: restrictedTagCharacters(
      "EventBridge's, SNS's and S3's tag characters: the tags go on the rules and topics",
    ),
  };
  const resources = [
    ...(guardDuty.detector ? ["the detector"] : []),
    ...(guardDuty.destination ? ["the findings publishing destination"] : []),
  ];
  return resources.length === 0
    ? limits
    : { ...limits, keyCharacters: guardDutyKeyCharacters(resources.join(" and ")) };
}
