// False positives: secure configurations written the way the providers document them (alternative fields, separate
// resources, account-level settings, secure defaults, values spelled as the provider returns them, values unknown at
// preview) must not be reported; each sits beside its known-bad twin so that no fix opens a miss.
import { disallowEcsPasswordLogin } from "../../policies/rules/disallow-ecs-password-login";
import { requireActiontrailAllRegionsEvents } from "../../policies/rules/require-actiontrail-all-regions-events";
import { requireCloudtrailMultiRegionValidation } from "../../policies/rules/require-cloudtrail-multi-region-validation";
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { requireRamMfaForLogin } from "../../policies/rules/require-ram-mfa-for-login";
import { requireRegistryImageScanning } from "../../policies/rules/require-registry-image-scanning";
import { requireWafLogging } from "../../policies/rules/require-waf-logging";
import { requireWafOwaspCoreRules } from "../../policies/rules/require-waf-owasp-core-rules";
import { requireAuditTrailForCompute } from "../../policies/stack/require-audit-trail-for-compute";
import { requireVpcFlowLogsAllTraffic } from "../../policies/stack/require-vpc-flow-logs-all-traffic";
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { combinedTable, planTable } from "./combined-table";
import {
  accountTrail,
  alb,
  awsLb,
  blockLabel,
  byAction,
  crsCounting,
  dataEventsTrail,
  ec2Instance,
  EVENT_DATA_STORE,
  expireAfter,
  flowLogsToBucket,
  evidenceBucket,
  IMAGES,
  loginProfile,
  objectLock,
  preference,
  slbWithHttps,
  T,
  wafLogging,
  webAcl,
  webAclWithRules,
} from "./false-positives-fixtures";
import { Case, runStack, table, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const onProfile = { urn: urnOf(T.loginProfile, "ops") };
const mandatory = { mfaOperationForLogin: "mandatory" };

describe("RAM MFA: a login profile's opt-out under the account's security preference", () => {
  planTable(requireRamMfaForLogin, [
    {
      name: "opt-out under a mandatory preference",
      resources: [preference(mandatory), loginProfile(false)],
      violations: 0,
    },
    {
      name: "opt-out as the string False under Mandatory spelled capitalised",
      resources: [preference({ mfaOperationForLogin: "Mandatory" }), loginProfile("False")],
      violations: 0,
    },
    {
      name: "opt-out under the deprecated enforceMfaForLogin true",
      resources: [preference({ enforceMfaForLogin: true }), loginProfile(false)],
      violations: 0,
    },
    {
      name: "opt-out unknown at preview under a mandatory preference",
      resources: [preference(mandatory), loginProfile(UNKNOWN)],
      violations: 0,
    },
    {
      name: "opt-out under an independent preference",
      resources: [preference({ mfaOperationForLogin: "independent" }), loginProfile(false)],
      violations: 2,
    },
    {
      name: "opt-out under an adaptive preference (abnormal logins only)",
      resources: [preference({ mfaOperationForLogin: "adaptive" }), loginProfile(false)],
      violations: 2,
    },
    {
      name: "mfaBindRequired unset under a mandatory preference",
      resources: [preference(mandatory), loginProfile(undefined)],
      violations: 0,
    },
    {
      name: "mfaBindRequired unset under an independent preference",
      resources: [preference({ mfaOperationForLogin: "independent" }), loginProfile(undefined)],
      violations: 2,
    },
    {
      name: "mfaBindRequired unset with no preference in the stack (the default is false)",
      resources: [loginProfile(undefined)],
      violations: 1,
      mentions: "mfaBindRequired is not set (default false)",
      ...onProfile,
    },
    {
      name: "opt-out with no preference in the stack",
      resources: [loginProfile(false)],
      violations: 1,
      mentions: 'add a ram.SecurityPreference with mfaOperationForLogin "mandatory"',
      ...onProfile,
    },
    {
      name: "opt-out when one of two accounts' preferences is independent",
      resources: [
        preference(mandatory),
        preference({ mfaOperationForLogin: "independent" }, "other"),
        loginProfile(false),
      ],
      violations: 2,
    },
    {
      name: "opt-out while the preference's mode is unknown is a note",
      resources: [preference({ mfaOperationForLogin: UNKNOWN }), loginProfile(false)],
      violations: 0,
      notes: 2,
    },
  ] as StackCase[]);
});

describe("CloudTrail: a narrower trail beside the account's trail", () => {
  planTable(requireCloudtrailMultiRegionValidation, [
    {
      name: "data-events trail beside a multi-region trail",
      resources: [accountTrail(), dataEventsTrail()],
      violations: 0,
    },
    {
      name: "booleans and readWriteType as strings in other cases",
      resources: [
        accountTrail({ isMultiRegionTrail: "True", eventSelectors: [{ readWriteType: "all" }] }),
        dataEventsTrail({ isMultiRegionTrail: "false" }),
      ],
      violations: 0,
    },
    {
      name: "advanced selectors naming the Management category in lower case",
      resources: [
        accountTrail({
          advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["management"] }] }],
        }),
      ],
      violations: 0,
    },
    {
      name: "two single-region trails",
      resources: [accountTrail({ isMultiRegionTrail: false }), dataEventsTrail()],
      violations: 4,
    },
    {
      name: "the multi-region trail stopped: the narrower one is told what it lacks",
      resources: [accountTrail({ enableLogging: false }), dataEventsTrail()],
      violations: 4,
    },
    {
      name: "narrower trail without log file validation",
      resources: [accountTrail(), dataEventsTrail({ enableLogFileValidation: false })],
      violations: 1,
      mentions: "enableLogFileValidation",
    },
    {
      name: "the account trail's region coverage unknown at preview: the narrower one is a note",
      resources: [accountTrail({ isMultiRegionTrail: UNKNOWN }), dataEventsTrail()],
      violations: 0,
      notes: 2,
    },
  ] as StackCase[]);
});

describe("ActionTrail: unset fields and enumerated values in other cases", () => {
  /** Each row's trail delivers to OSS: what is judged is how its other fields are sent. */
  const toOss = { ossBucketName: "acme-audit" };
  combinedTable(requireActiontrailAllRegionsEvents, [
    {
      name: "fields sent as null take the defaults",
      type: T.actionTrail,
      props: { trailRegion: null, eventRw: null, status: null, ...toOss },
      violations: 0,
    },
    {
      name: "All and Enable in other cases",
      type: T.actionTrail,
      props: { trailRegion: "ALL", eventRw: "all", status: "enable", ...toOss },
      violations: 0,
    },
    {
      name: "older trail reading and writing in upper case",
      type: T.oldActionTrail,
      props: { eventRw: "ALL", ...toOss },
      violations: 0,
    },
    { name: "disabled in lower case", type: T.actionTrail, props: { status: "disable", ...toOss }, violations: 1 },
    { name: "writes only", type: T.actionTrail, props: { eventRw: "Write", ...toOss }, violations: 1 },
    {
      name: "older trail with eventRw null (default Write)",
      type: T.oldActionTrail,
      props: { eventRw: null, ...toOss },
      violations: 1,
    },
  ] as Case[]);
});

describe("ActionTrail: a narrower trail beside the account's trail", () => {
  // Every trail here delivers to OSS: what is judged is what each records.
  const trail = (name: string, props: Record<string, unknown>) => ({
    type: T.actionTrail,
    name,
    props: { trailName: name, ossBucketName: "acme-audit", ...props },
  });
  const account = trail("account", {
    ossBucketName: "acme-audit",
    slsProjectArn: "acs:log:cn-hangzhou:123:project/audit",
  });
  planTable(requireActiontrailAllRegionsEvents, [
    {
      name: "writes-only trail for a SIEM beside an all-events trail",
      resources: [account, trail("siem", { eventRw: "Write" })],
      violations: 0,
    },
    {
      name: "one-region trail beside an all-regions trail",
      resources: [account, trail("hz", { trailRegion: "cn-hangzhou" })],
      violations: 0,
    },
    {
      name: "older trail reading and writing everywhere beside a writes-only one",
      resources: [
        { type: T.oldActionTrail, name: "old", props: { eventRw: "All", ossBucketName: "acme-audit" } },
        trail("siem", { eventRw: "Write" }),
      ],
      violations: 0,
    },
    {
      name: "the all-events trail disabled",
      resources: [trail("account", { status: "Disable" }), trail("siem", { eventRw: "Write" })],
      violations: 2,
    },
    {
      name: "only narrower trails",
      resources: [trail("siem", { eventRw: "Write" }), trail("hz", { trailRegion: "cn-hangzhou" })],
      violations: 2,
    },
    {
      name: "the all-events trail's status unknown at preview: the narrower one is a note",
      resources: [trail("account", { status: UNKNOWN }), trail("siem", { eventRw: "Write" })],
      violations: 0,
      notes: 2,
    },
  ] as StackCase[]);
});

describe("S3 evidence: Object Lock modes as written and unset inline blocks", () => {
  const inline = (mode: string) => ({
    ...evidenceBucket().props,
    objectLockConfiguration: { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode, days: 30 } } },
  });
  table(requireEvidenceBucketImmutability, [
    { name: "inline COMPLIANCE in lower case", type: T.s3, props: inline("compliance"), violations: 0 },
    { name: "inline GOVERNANCE", type: T.s3, props: inline("GOVERNANCE"), violations: 1 },
    {
      name: "lock configuration COMPLIANCE in lower case",
      type: T.s3Lock,
      props: objectLock("compliance").props,
      resourceName: "case-evidence-lock",
      violations: 0,
    },
    {
      name: "lock configuration GOVERNANCE",
      type: T.s3Lock,
      props: objectLock("GOVERNANCE").props,
      resourceName: "case-evidence-lock",
      violations: 1,
    },
  ] as Case[]);
  stackTable(requireEvidenceS3DefaultRetention, [
    {
      name: "inline rule sent as null beside a COMPLIANCE lock configuration",
      resources: [
        evidenceBucket({ objectLockConfiguration: { objectLockEnabled: "Enabled", rule: null } }),
        objectLock("COMPLIANCE"),
      ],
      violations: 0,
    },
    {
      name: "lock configuration in lower case",
      resources: [evidenceBucket(), objectLock("compliance")],
      violations: 0,
    },
    {
      name: "inline rule null beside a GOVERNANCE lock configuration",
      resources: [
        evidenceBucket({ objectLockConfiguration: { objectLockEnabled: "Enabled", rule: null } }),
        objectLock("GOVERNANCE"),
      ],
      violations: 1,
    },
  ] as StackCase[]);
});

describe("ECS password login: Windows images take no key pair", () => {
  const windows = { imageId: IMAGES.windows2022, instanceType: "ecs.g7.large" };
  table(disallowEcsPasswordLogin, [
    { name: "Windows instance with a password", type: T.ecs, props: { ...windows, password: UNKNOWN }, violations: 0 },
    {
      name: "Windows instance with a KMS-encrypted password",
      type: T.ecs,
      props: { ...windows, kmsEncryptedPassword: "AQIC..." },
      violations: 0,
    },
    {
      name: "Windows image id in upper case",
      type: T.ecs,
      props: { imageId: IMAGES.windows2022.toUpperCase(), password: "Secr3tPassw0rd" },
      violations: 0,
    },
    { name: "Windows instance set", type: T.instanceSet, props: { ...windows, password: UNKNOWN }, violations: 0 },
    {
      name: "Windows scaling configuration",
      type: T.scalingConfiguration,
      props: { ...windows, password: UNKNOWN },
      violations: 0,
    },
    {
      name: "Windows scaling configuration naming its image (imageName)",
      type: T.scalingConfiguration,
      props: { imageName: IMAGES.windows2022, password: UNKNOWN },
      violations: 0,
    },
    {
      name: "Linux scaling configuration naming its image (imageName)",
      type: T.scalingConfiguration,
      props: { imageName: IMAGES.linux, password: UNKNOWN },
      violations: 1,
    },
    {
      name: "Windows instance inheriting the image's preset password",
      type: T.ecs,
      props: { ...windows, passwordInherit: true },
      violations: 1,
      mentions: "passwordInherit",
    },
    {
      name: "Linux instance with a password",
      type: T.ecs,
      props: { imageId: IMAGES.linux, password: UNKNOWN },
      violations: 1,
      mentions: "use keyName instead",
    },
    {
      name: "custom image with a password: the message says how a Windows one complies",
      type: T.ecs,
      props: { imageId: IMAGES.custom, password: UNKNOWN },
      violations: 1,
      mentions: "needs an exemption",
    },
    {
      name: "image unknown at preview with a password",
      type: T.ecs,
      props: { imageId: UNKNOWN, password: UNKNOWN },
      violations: 1,
    },
    {
      name: "Linux scaling configuration with a password",
      type: T.scalingConfiguration,
      props: { imageId: IMAGES.linux, password: "Secr3tPassw0rd" },
      violations: 1,
    },
  ] as Case[]);
});

describe("WAF logging: a DROP default that keeps every allowed request", () => {
  const onLogging = { urn: urnOf(T.wafLogging, "edge-logs") };
  stackTable(requireWafLogging, [
    {
      name: "DROP by default, keeping allowed and blocked requests",
      resources: [webAcl, wafLogging({ defaultBehavior: "DROP", filters: [byAction("KEEP", ["ALLOW", "BLOCK"])] })],
      violations: 0,
    },
    {
      name: "DROP by default, keeping allowed and blocked requests (behaviour in lower case)",
      resources: [webAcl, wafLogging({ defaultBehavior: "drop", filters: [byAction("keep", ["ALLOW", "BLOCK"])] })],
      violations: 0,
    },
    {
      name: "label-narrowed drop ahead of the keep",
      resources: [
        webAcl,
        wafLogging({
          defaultBehavior: "DROP",
          filters: [byAction("DROP", ["ALLOW"], "awswaf:health-check"), byAction("KEEP", ["ALLOW", "BLOCK"])],
        }),
      ],
      violations: 0,
    },
    {
      name: "every allowed request dropped ahead of the keep",
      resources: [
        webAcl,
        wafLogging({
          defaultBehavior: "DROP",
          filters: [byAction("DROP", ["ALLOW"]), byAction("KEEP", ["ALLOW", "BLOCK"])],
        }),
      ],
      violations: 1,
      ...onLogging,
    },
    {
      name: "keeping only allowed requests with one label",
      resources: [
        webAcl,
        wafLogging({ defaultBehavior: "DROP", filters: [byAction("KEEP", ["ALLOW"], "app:checkout")] }),
      ],
      violations: 1,
      ...onLogging,
    },
    {
      name: "keep filters unknown at preview are a note",
      resources: [webAcl, wafLogging({ defaultBehavior: "DROP", filters: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);
});

describe("WAF on internet endpoints: how the balancer's scheme is written", () => {
  stackTable(requireWafOnInternetEndpoints, [
    {
      name: "AWS internal balancer, internal as the string True",
      resources: [awsLb({ internal: "True" })],
      violations: 0,
    },
    { name: 'AWS internal balancer, internal as "1"', resources: [awsLb({ internal: "1" })], violations: 0 },
    {
      name: "AWS application balancer type in upper case, internal",
      resources: [awsLb({ loadBalancerType: "APPLICATION", internal: true })],
      violations: 0,
    },
    { name: "AWS internet-facing balancer, internal false", resources: [awsLb({ internal: "false" })], violations: 1 },
    {
      name: "AWS internet-facing balancer, type in upper case",
      resources: [awsLb({ loadBalancerType: "APPLICATION" })],
      violations: 1,
    },
    {
      name: "AWS balancer scheme unknown at preview is a note",
      resources: [awsLb({ internal: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "AWS balancer type unknown at preview is a note",
      resources: [awsLb({ loadBalancerType: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "Alibaba Cloud SLB address type unknown at preview is a note",
      resources: slbWithHttps(UNKNOWN),
      violations: 0,
      notes: 1,
    },
    { name: "Alibaba Cloud intranet SLB", resources: slbWithHttps("intranet"), violations: 0 },
    { name: "Alibaba Cloud internet SLB", resources: slbWithHttps("internet"), violations: 1 },
    {
      name: "Alibaba Cloud ALB address type unknown at preview is a note",
      resources: [alb({ addressType: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "Alibaba Cloud ALB of the WAF edition, address type unknown",
      resources: [alb({ addressType: UNKNOWN, loadBalancerEdition: "StandardWithWaf" })],
      violations: 0,
    },
    { name: "Alibaba Cloud internet ALB", resources: [alb({ addressType: "Internet" })], violations: 1 },
  ] as StackCase[]);
});

describe("registry scanning: the scanner left to the provider's default", () => {
  stackTable(requireRegistryImageScanning, [
    {
      name: "ACR instance with imageScanner sent as null (default ACR)",
      resources: [{ type: T.acr, name: "acr", props: { imageScanner: null } }],
      violations: 0,
    },
    {
      name: "ACR instance with the SAS scanner in lower case",
      resources: [{ type: T.acr, name: "acr", props: { imageScanner: "sas" } }],
      violations: 0,
    },
    {
      name: "ACR instance with scanning disabled in lower case",
      resources: [{ type: T.acr, name: "acr", props: { imageScanner: "disable" } }],
      violations: 1,
    },
  ] as StackCase[]);
});

describe("OWASP core rules: a counted rule whose label a later rule blocks", () => {
  const CRS = "awswaf:managed:aws:core-rule-set:";
  const BODY = "SizeRestrictions_BODY";
  stackTable(requireWafOwaspCoreRules, [
    {
      name: "body size counted, its label blocked after the group except on the upload path",
      resources: [
        webAclWithRules([crsCounting(BODY), blockLabel(20, `${CRS}SizeRestrictions_Body`, "LABEL", "/upload")]),
      ],
      violations: 0,
    },
    {
      name: "XSS counted, its label blocked after the group",
      resources: [
        webAclWithRules([crsCounting("CrossSiteScripting_BODY"), blockLabel(20, `${CRS}CrossSiteScripting_Body`)]),
      ],
      violations: 0,
    },
    {
      name: "the core rule set's whole label namespace blocked after the group",
      resources: [webAclWithRules([crsCounting(BODY), blockLabel(20, CRS, "NAMESPACE")])],
      violations: 0,
    },
    {
      name: "body size counted and nothing blocks its label",
      resources: [webAclWithRules([crsCounting(BODY)])],
      violations: 1,
    },
    {
      name: "the label rule runs before the group, when no label exists yet",
      resources: [webAclWithRules([crsCounting(BODY), blockLabel(5, `${CRS}SizeRestrictions_Body`)])],
      violations: 1,
    },
    {
      name: "the label rule only counts",
      resources: [
        webAclWithRules([
          crsCounting(BODY),
          { ...blockLabel(20, `${CRS}SizeRestrictions_Body`), action: { count: {} } },
        ]),
      ],
      violations: 1,
    },
    {
      name: "the label spelled as the rule name, which WAF does not match",
      resources: [webAclWithRules([crsCounting(BODY), blockLabel(20, `${CRS}${BODY}`)])],
      violations: 1,
    },
    {
      name: "another rule's label blocked",
      resources: [webAclWithRules([crsCounting(BODY), blockLabel(20, `${CRS}GenericLFI_Body`)])],
      violations: 1,
    },
  ] as StackCase[]);
});

describe("audit trail for compute: CloudTrail Lake instead of a trail", () => {
  const store = (props: Record<string, unknown>) => ({
    type: EVENT_DATA_STORE,
    name: "audit",
    props: { name: "audit", ...props },
  });
  stackTable(requireAuditTrailForCompute, [
    {
      name: "event data store ingesting",
      resources: [ec2Instance, store({ multiRegionEnabled: true })],
      violations: 0,
    },
    {
      name: 'event data store with suspend "false"',
      resources: [ec2Instance, store({ suspend: "false" })],
      violations: 0,
    },
    { name: "event data store suspended", resources: [ec2Instance, store({ suspend: "true" })], violations: 1 },
    {
      name: "event data store suspension unknown at preview is a note",
      resources: [ec2Instance, store({ suspend: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    { name: "neither a trail nor an event data store", resources: [ec2Instance], violations: 1 },
  ] as StackCase[]);
});

describe("VPC flow logs to S3: lifecycle rules for other objects of the bucket", () => {
  const bucketArn = "arn:aws:s3:::central-logs";
  stackTable(requireVpcFlowLogsAllTraffic, [
    {
      name: "scratch prefix expiring after 7 days, logs at the bucket root",
      resources: flowLogsToBucket([expireAfter(7, { prefix: "tmp/" })], bucketArn),
      violations: 0,
    },
    {
      name: "tagged objects expiring after 7 days (flow log objects carry no tags)",
      resources: flowLogsToBucket([expireAfter(7, { tag: { key: "class", value: "scratch" } })]),
      violations: 0,
    },
    {
      name: "AWSLogs/ at the root expiring, logs delivered under a folder",
      resources: flowLogsToBucket([expireAfter(7, { prefix: "AWSLogs/" })], `${bucketArn}/vpc-flow/`),
      violations: 0,
    },
    {
      name: "deprecated rule prefix for another folder",
      resources: flowLogsToBucket([{ ...expireAfter(7), prefix: "athena-results/" }], bucketArn),
      violations: 0,
    },
    {
      name: "AWSLogs/ expiring after 30 days, destination unknown at preview",
      resources: flowLogsToBucket([expireAfter(30, { prefix: "AWSLogs/" })]),
      violations: 1,
    },
    {
      name: "the delivery folder expiring after 30 days",
      resources: flowLogsToBucket([expireAfter(30, { prefix: "vpc-flow/" })], `${bucketArn}/vpc-flow/`),
      violations: 1,
    },
    {
      name: "AWSLogs/ narrowed by object size still expires flow logs",
      resources: flowLogsToBucket(
        [expireAfter(30, { and: { prefix: "AWSLogs/", objectSizeGreaterThan: 0 } })],
        bucketArn,
      ),
      violations: 1,
    },
    { name: "whole bucket expiring after 30 days", resources: flowLogsToBucket([expireAfter(30)]), violations: 1 },
    {
      name: "whole bucket expiring on a fixed date",
      resources: flowLogsToBucket([{ id: "purge", status: "Enabled", expiration: { date: "2027-01-01T00:00:00Z" } }]),
      violations: 1,
      mentions: 'expiration.date is "2027-01-01T00:00:00Z"',
    },
    {
      name: "another folder expiring on a fixed date, logs at the bucket root",
      resources: flowLogsToBucket(
        [{ id: "purge", status: "Enabled", expiration: { date: "2027-01-01T00:00:00Z" }, filter: { prefix: "tmp/" } }],
        bucketArn,
      ),
      violations: 0,
    },
    {
      name: "disabled rule expiring on a fixed date",
      resources: flowLogsToBucket([{ id: "purge", status: "Disabled", expiration: { date: "2027-01-01T00:00:00Z" } }]),
      violations: 0,
    },
    {
      name: "whole bucket expiring after 400 days, no date",
      resources: flowLogsToBucket([{ ...expireAfter(400), expiration: { days: 400, date: null } }]),
      violations: 0,
    },
  ] as StackCase[]);

  it("a fixed expiration date unknown at preview is a note", async () => {
    const rule = { id: "purge", status: "Enabled", expiration: { date: UNKNOWN } };
    const ds = await runStack(requireVpcFlowLogsAllTraffic, flowLogsToBucket([rule], bucketArn));
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("expiration.date is unknown at preview");
  });

  // This rule words its preview notes after the VPC ("vpc: … unknown at preview"), so the row reads the advisory.
  it("another prefix while the delivery folder is unknown at preview is a note", async () => {
    const ds = await runStack(
      requireVpcFlowLogsAllTraffic,
      flowLogsToBucket([expireAfter(30, { prefix: "vpc-flow/" })]),
    );
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("if its rule's filter reaches the flow log's folder");
  });
});
