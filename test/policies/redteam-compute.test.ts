// Adversarial probes of the compute rules (password login, IMDSv2), the registry, DNS failover and WAF logging rules,
// and the audit-trail and flow-log stack rules: each row is one way of writing a weakness (or its secure twin) that
// @pulumi/aws 7.48 or @pulumi/alicloud 3.108 accepts, with the verdict the rule must give. Rows the rules already got
// right stay here too.
import { StackValidationPolicy } from "@pulumi/policy";
import { disallowEcsPasswordLogin } from "../../policies/rules/disallow-ecs-password-login";
import { recommendRegistryTagImmutability } from "../../policies/rules/recommend-registry-tag-immutability";
import { requireDnsFailoverHealthCheck } from "../../policies/rules/require-dns-failover-health-check";
import { requireDnsFailoverHealthCheckEffective } from "../../policies/rules/require-dns-failover-health-check-effective";
import { requireGtmPoolMonitoring } from "../../policies/rules/require-gtm-pool-monitoring";
import { requireImdsv2 } from "../../policies/rules/require-imdsv2";
import { requireRegistryImageScanning } from "../../policies/rules/require-registry-image-scanning";
import { requireWafLogging } from "../../policies/rules/require-waf-logging";
import { requireAuditTrailForCompute } from "../../policies/stack/require-audit-trail-for-compute";
import { requireVpcFlowLogsAllTraffic } from "../../policies/stack/require-vpc-flow-logs-all-traffic";
import { knownRef, ref, StackBuilder } from "../reachability/stack-builder";
import { Probe, probesWith } from "../reachability/stack-probes";
import { combinedTable } from "./combined-table";
import { Case, table, UNKNOWN } from "./harness";

/** A small stack built as a preview sees it: each row fills an empty builder. */
type StackProbe = Omit<Probe, "build"> & { build: (b: StackBuilder) => void };

/** Every advisory is a note; the stacks are not run again with failClosed. */
const probes = probesWith({ failClosed: false });

function stackProbes(policy: StackValidationPolicy, rows: StackProbe[]) {
  const built = rows.map((r) => ({ ...r, build: () => filled(r.build) }));
  probes(policy, built);
}

function filled(fill: (b: StackBuilder) => void): StackBuilder {
  const b = new StackBuilder();
  fill(b);
  return b;
}

const ECS = "alicloud:ecs/instance:Instance";
const ECS_SET = "alicloud:ecs/ecsInstanceSet:EcsInstanceSet";
const ECS_LT = "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate";
const OLD_LT = "alicloud:ecs/launchTemplate:LaunchTemplate";
const ESS = "alicloud:ess/scalingConfiguration:ScalingConfiguration";
const SAS = "alicloud:simpleapplicationserver/instance:Instance";
const NODE_POOL = "alicloud:cs/nodePool:NodePool";
const ENS = "alicloud:ens/instance:Instance";
const EFLO_GROUP = "alicloud:eflo/nodeGroup:NodeGroup";
const EFLO_CLUSTER = "alicloud:eflo/cluster:Cluster";
const RDS_CUSTOM = "alicloud:rds/custom:Custom";

describe("red team: password login on Alibaba Cloud compute", () => {
  table(disallowEcsPasswordLogin, [
    { name: "ECS password", type: ECS, props: { password: "Passw0rd!" }, violations: 1 },
    { name: "ECS KMS-encrypted password", type: ECS, props: { kmsEncryptedPassword: "c2VjcmV0" }, violations: 1 },
    { name: "ECS password only known at apply", type: ECS, props: { password: UNKNOWN }, violations: 1 },
    // Pulumi YAML sends `password: 12345678` as a number; the provider turns it into the string password.
    { name: "ECS password written as a number", type: ECS, props: { password: 12345678 }, violations: 1 },
    { name: "ECS empty password with a key pair", type: ECS, props: { password: "", keyName: "ops" }, violations: 0 },
    { name: "ECS null password with a key pair", type: ECS, props: { password: null, keyName: "ops" }, violations: 0 },
    { name: "ECS passwordInherit as the string TRUE", type: ECS, props: { passwordInherit: "TRUE" }, violations: 1 },
    { name: "ECS passwordInherit as the string 0", type: ECS, props: { passwordInherit: "0" }, violations: 0 },
    {
      name: "ECS passwordInherit unknown is a note",
      type: ECS,
      props: { passwordInherit: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "ECS password and inherited password",
      type: ECS,
      props: { password: "p", passwordInherit: true },
      violations: 2,
    },
    { name: "scaling configuration password", type: ESS, props: { password: "Passw0rd!" }, violations: 1 },
    { name: "scaling configuration inherited password", type: ESS, props: { passwordInherit: true }, violations: 1 },
    { name: "scaling configuration KMS password", type: ESS, props: { kmsEncryptedPassword: "x" }, violations: 1 },
    { name: "scaling configuration key pair", type: ESS, props: { keyName: "ops" }, violations: 0 },
    {
      name: "launch template inheriting the image password",
      type: ECS_LT,
      props: { passwordInherit: true },
      violations: 1,
    },
    { name: "launch template passwordInherit false", type: ECS_LT, props: { passwordInherit: "false" }, violations: 0 },
    {
      name: "deprecated launch template passwordInherit 1",
      type: OLD_LT,
      props: { passwordInherit: "1" },
      violations: 1,
    },
    { name: "instance set password", type: ECS_SET, props: { password: "Passw0rd!" }, violations: 1 },
    { name: "instance set inherited password", type: ECS_SET, props: { passwordInherit: true }, violations: 1 },
    { name: "lightweight server password", type: SAS, props: { password: "Passw0rd!" }, violations: 1 },
    { name: "lightweight server without a password", type: SAS, props: { planId: "p" }, violations: 0 },
    { name: "node pool password", type: NODE_POOL, props: { password: "Passw0rd!" }, violations: 1 },
    { name: "ENS passwordInherit True", type: ENS, props: { passwordInherit: "True" }, violations: 1 },
    { name: "RDS Custom password", type: RDS_CUSTOM, props: { password: "Passw0rd!" }, violations: 1 },
    // EFLO node groups and clusters also take a login password per node, in nested lists.
    {
      name: "EFLO node group with a password on one of its nodes",
      type: EFLO_GROUP,
      props: { nodes: [{ hostname: "a" }, { hostname: "b", loginPassword: "Passw0rd!" }] },
      violations: 1,
      mentions: "nodes[1].loginPassword is set",
    },
    {
      name: "EFLO node group node password only known at apply",
      type: EFLO_GROUP,
      props: { nodes: [{ hostname: "a", loginPassword: UNKNOWN }] },
      violations: 1,
    },
    {
      name: "EFLO node group nodes without passwords",
      type: EFLO_GROUP,
      props: { keyPairName: "ops", nodes: [{ hostname: "a", nodeId: "n-1" }] },
      violations: 0,
    },
    {
      name: "EFLO node group nodes unknown at preview is a note",
      type: EFLO_GROUP,
      props: { keyPairName: "ops", nodes: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "EFLO node group with one node unknown at preview is a note",
      type: EFLO_GROUP,
      props: { keyPairName: "ops", nodes: [UNKNOWN] },
      violations: 0,
      notes: 1,
    },
    {
      name: "EFLO cluster with a node password in a node group",
      type: EFLO_CLUSTER,
      props: { clusterName: "c", nodeGroups: [{ nodeGroupName: "g", nodes: [{ loginPassword: "Passw0rd!" }] }] },
      violations: 1,
      mentions: "nodeGroups[0].nodes[0].loginPassword is set",
    },
    {
      name: "EFLO cluster node groups without passwords",
      type: EFLO_CLUSTER,
      props: { clusterName: "c", nodeGroups: [{ nodeGroupName: "g", nodes: [{ hostname: "a" }] }] },
      violations: 0,
    },
    {
      name: "EFLO cluster node groups unknown at preview is a note",
      type: EFLO_CLUSTER,
      props: { clusterName: "c", nodeGroups: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

const EC2 = "aws:ec2/instance:Instance";
const SPOT = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const AWS_LT = "aws:ec2/launchTemplate:LaunchTemplate";
const LC = "aws:ec2/launchConfiguration:LaunchConfiguration";
const FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";
const BUILDER = "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration";
const NOTEBOOK = "aws:sagemaker/notebookInstance:NotebookInstance";
const BEANSTALK = "aws:elasticbeanstalk/environment:Environment";
const BEANSTALK_TEMPLATE = "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate";
const imdsSetting = (value: unknown, name: unknown = "DisableIMDSv1") => ({
  settings: [
    { namespace: "aws:autoscaling:launchconfiguration", name: "InstanceType", value: "t3.micro" },
    { namespace: "aws:autoscaling:launchconfiguration", name, value },
  ],
});

describe("red team: IMDSv2 everywhere a metadata option can be set", () => {
  combinedTable(requireImdsv2, [
    { name: "EC2 without metadata options", type: EC2, props: { ami: "a" }, violations: 1 },
    { name: "EC2 optional tokens", type: EC2, props: { metadataOptions: { httpTokens: "optional" } }, violations: 1 },
    { name: "EC2 required tokens", type: EC2, props: { metadataOptions: { httpTokens: "required" } }, violations: 0 },
    {
      name: "EC2 Required in another case",
      type: EC2,
      props: { metadataOptions: { httpTokens: "Required" } },
      violations: 0,
    },
    {
      name: "EC2 endpoint disabled with optional tokens",
      type: EC2,
      props: { metadataOptions: { httpEndpoint: "disabled", httpTokens: "optional" } },
      violations: 0,
    },
    {
      name: "EC2 required tokens with the endpoint unknown needs no note",
      type: EC2,
      props: { metadataOptions: { httpEndpoint: UNKNOWN, httpTokens: "required" } },
      violations: 0,
    },
    {
      name: "EC2 optional tokens with the endpoint unknown is a note",
      type: EC2,
      props: { metadataOptions: { httpEndpoint: UNKNOWN, httpTokens: "optional" } },
      violations: 0,
      notes: 1,
    },
    {
      name: "EC2 tokens unknown is a note",
      type: EC2,
      props: { metadataOptions: { httpTokens: UNKNOWN } },
      violations: 0,
      notes: 1,
    },
    // Without httpTokens of its own, an instance launched from a template takes the template's (checked there).
    {
      name: "EC2 from an outside launch template setting only the hop limit is a note",
      type: EC2,
      props: { launchTemplate: { id: "lt-1" }, metadataOptions: { httpPutResponseHopLimit: 1 } },
      violations: 0,
      notes: 1,
    },
    {
      name: "EC2 from an outside launch template with null metadata options is a note",
      type: EC2,
      props: { launchTemplate: { id: "lt-1" }, metadataOptions: null },
      violations: 0,
      notes: 1,
    },
    {
      name: "EC2 from a launch template overriding tokens to optional",
      type: EC2,
      props: { launchTemplate: { id: "lt-1" }, metadataOptions: { httpTokens: "optional" } },
      violations: 1,
    },
    { name: "spot instance request without options", type: SPOT, props: { ami: "a" }, violations: 1 },
    { name: "launch template without options", type: AWS_LT, props: { imageId: "a" }, violations: 1 },
    {
      name: "launch template required",
      type: AWS_LT,
      props: { metadataOptions: { httpTokens: "required" } },
      violations: 0,
    },
    {
      name: "launch configuration optional",
      type: LC,
      props: { metadataOptions: { httpTokens: "optional" } },
      violations: 1,
    },
    {
      name: "launch configuration required",
      type: LC,
      props: { metadataOptions: { httpTokens: "required" } },
      violations: 0,
    },
    // Spot fleet launch specifications have no metadata options: IMDSv1 stays open on what they launch.
    {
      name: "spot fleet launching from launch specifications",
      type: FLEET,
      props: { launchSpecifications: [{ ami: "a", instanceType: "t3.micro" }] },
      violations: 1,
      mentions: "launch template",
    },
    {
      name: "spot fleet launching from an outside launch template is a note",
      type: FLEET,
      props: { launchTemplateConfigs: [{ launchTemplateSpecification: { id: "lt-1" } }] },
      violations: 0,
      notes: 1,
    },
    {
      name: "spot fleet launch specifications unknown is a note",
      type: FLEET,
      props: { launchSpecifications: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    // Image Builder build and test instances run arbitrary components: optional tokens by default.
    {
      name: "Image Builder infrastructure without options",
      type: BUILDER,
      props: { instanceProfileName: "p" },
      violations: 1,
    },
    {
      name: "Image Builder infrastructure optional tokens",
      type: BUILDER,
      props: { instanceMetadataOptions: { httpTokens: "optional" } },
      violations: 1,
    },
    {
      name: "Image Builder infrastructure required tokens",
      type: BUILDER,
      props: { instanceMetadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } },
      violations: 0,
    },
    // SageMaker notebook instances allow IMDSv1 unless the minimum version is 2.
    {
      name: "SageMaker notebook default (IMDSv1)",
      type: NOTEBOOK,
      props: { instanceType: "ml.t3.medium" },
      violations: 1,
    },
    {
      name: "SageMaker notebook minimum version 1",
      type: NOTEBOOK,
      props: { instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "1" } },
      violations: 1,
    },
    {
      name: "SageMaker notebook minimum version 2",
      type: NOTEBOOK,
      props: { instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" } },
      violations: 0,
    },
    {
      name: "SageMaker notebook minimum version unknown is a note",
      type: NOTEBOOK,
      props: { instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: UNKNOWN } },
      violations: 0,
      notes: 1,
    },
    // Elastic Beanstalk: DisableIMDSv1 false turns IMDSv1 back on; its default depends on the platform.
    { name: "Beanstalk DisableIMDSv1 false", type: BEANSTALK, props: imdsSetting("false"), violations: 1 },
    { name: "Beanstalk DisableIMDSv1 False", type: BEANSTALK, props: imdsSetting("False"), violations: 1 },
    { name: "Beanstalk DisableIMDSv1 true", type: BEANSTALK, props: imdsSetting("true"), violations: 0 },
    { name: "Beanstalk without the setting", type: BEANSTALK, props: { settings: [] }, violations: 0 },
    {
      name: "Beanstalk setting unknown is a note",
      type: BEANSTALK,
      props: imdsSetting(UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "Beanstalk settings unknown is a note",
      type: BEANSTALK,
      props: { settings: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "Beanstalk template DisableIMDSv1 false",
      type: BEANSTALK_TEMPLATE,
      props: imdsSetting("false"),
      violations: 1,
    },
    // Alibaba Cloud.
    { name: "ECS without httpTokens", type: ECS, props: { imageId: "i" }, violations: 1 },
    { name: "ECS required", type: ECS, props: { httpTokens: "required" }, violations: 0 },
    { name: "ECS Required in another case", type: ECS, props: { httpTokens: "Required" }, violations: 0 },
    { name: "ECS endpoint disabled", type: ECS, props: { httpEndpoint: "disabled" }, violations: 0 },
    {
      name: "ECS from an outside launch template by id is a note",
      type: ECS,
      props: { launchTemplateId: "lt-1" },
      violations: 0,
      notes: 1,
    },
    {
      name: "ECS from an outside launch template by name is a note",
      type: ECS,
      props: { launchTemplateName: "web" },
      violations: 0,
      notes: 1,
    },
    {
      name: "ECS from a launch template overriding tokens to optional",
      type: ECS,
      props: { launchTemplateId: "lt-1", httpTokens: "optional" },
      violations: 1,
    },
    { name: "ECS launch template without httpTokens", type: ECS_LT, props: { imageId: "i" }, violations: 1 },
    { name: "ECS launch template required", type: ECS_LT, props: { httpTokens: "required" }, violations: 0 },
    { name: "deprecated launch template optional", type: OLD_LT, props: { httpTokens: "optional" }, violations: 1 },
    { name: "scaling configuration endpoint on", type: ESS, props: { imageId: "i" }, violations: 1 },
    { name: "scaling configuration endpoint Disabled", type: ESS, props: { httpEndpoint: "Disabled" }, violations: 0 },
    // Instance sets cannot require tokens themselves: only through a launch template.
    { name: "instance set without a launch template", type: ECS_SET, props: { imageId: "i" }, violations: 1 },
    {
      name: "instance set from an outside launch template is a note",
      type: ECS_SET,
      props: { launchTemplateId: "lt-1" },
      violations: 0,
      notes: 1,
    },
    {
      name: "instance set launch template unknown and tied to no template of the stack is a note",
      type: ECS_SET,
      props: { launchTemplateId: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    // ACK node pools: worker ECS instances with optional tokens unless instanceMetadataOptions says otherwise.
    { name: "node pool without metadata options", type: NODE_POOL, props: { nodePoolName: "w" }, violations: 1 },
    {
      name: "node pool optional tokens",
      type: NODE_POOL,
      props: { instanceMetadataOptions: { httpTokens: "optional" } },
      violations: 1,
    },
    {
      name: "node pool required tokens",
      type: NODE_POOL,
      props: { instanceMetadataOptions: { httpTokens: "required" } },
      violations: 0,
    },
    {
      name: "node pool metadata options unknown is a note",
      type: NODE_POOL,
      props: { instanceMetadataOptions: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

const ECR = "aws:ecr/repository:Repository";
const SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
const ACR = "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance";
const ACR_REPO = "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo";
const CREATION_TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";
const scanRules = (scanType: unknown, filter: unknown, scanFrequency = "SCAN_ON_PUSH", extra = {}) => ({
  scanType,
  rules: [{ scanFrequency, repositoryFilters: [{ filter, filterType: "WILDCARD" }] }],
  ...extra,
});

describe("red team: registry image scanning", () => {
  const repo = (b: StackBuilder, props: Record<string, unknown> = {}) =>
    b.add(ECR, "api", { name: "app-api", ...props });
  stackProbes(requireRegistryImageScanning, [
    {
      name: "scanOnPush as the string true",
      build: (b) => repo(b, { imageScanningConfiguration: { scanOnPush: "true" } }),
      violations: 0,
    },
    {
      name: "scanOnPush as the string False",
      build: (b) => repo(b, { imageScanningConfiguration: { scanOnPush: "False" } }),
      violations: 1,
    },
    // A filter without a wildcard matches every repository name containing it.
    {
      name: "ENHANCED filter without a wildcard contained in the name",
      build: (b) => (repo(b), b.add(SCANNING, "reg", scanRules("ENHANCED", "api", "CONTINUOUS_SCAN"))),
      violations: 0,
    },
    {
      name: "BASIC scan-on-push filter without a wildcard contained in the name",
      build: (b) => (repo(b), b.add(SCANNING, "reg", scanRules("BASIC", "app"))),
      violations: 0,
    },
    {
      name: "filter without a wildcard not in the name",
      build: (b) => (repo(b), b.add(SCANNING, "reg", scanRules("ENHANCED", "billing"))),
      violations: 1,
    },
    {
      name: "suffix wildcard filter",
      build: (b) => (repo(b), b.add(SCANNING, "reg", scanRules("ENHANCED", "*api"))),
      violations: 0,
    },
    {
      name: "wildcard filter matching the whole name only",
      build: (b) => (repo(b), b.add(SCANNING, "reg", scanRules("ENHANCED", "api*"))),
      violations: 1,
    },
    // Enhanced scanning disables scanning of every repository its filters do not match, whatever scanOnPush says.
    {
      name: "scanOnPush under ENHANCED scanning whose filters miss the repository",
      build: (b) => (
        repo(b, { imageScanningConfiguration: { scanOnPush: true } }),
        b.add(SCANNING, "reg", scanRules("ENHANCED", "billing-*", "CONTINUOUS_SCAN"))
      ),
      violations: 1,
      mentions: "ENHANCED",
    },
    {
      name: "scanOnPush under ENHANCED scanning covering the repository",
      build: (b) => (
        repo(b, { imageScanningConfiguration: { scanOnPush: true } }),
        b.add(SCANNING, "reg", scanRules("ENHANCED", "*"))
      ),
      violations: 0,
    },
    {
      name: "scanOnPush with ENHANCED scanning in another region",
      build: (b) => (
        repo(b, { region: "eu-west-1", imageScanningConfiguration: { scanOnPush: true } }),
        b.add(SCANNING, "reg", scanRules("ENHANCED", "billing-*", "SCAN_ON_PUSH", { region: "us-east-1" }))
      ),
      violations: 0,
    },
    {
      name: "scanOnPush with a registry scan type unknown at preview is a note",
      build: (b) => (
        repo(b, { imageScanningConfiguration: { scanOnPush: true } }),
        b.add(SCANNING, "reg", scanRules(UNKNOWN, "billing-*"))
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "scanOnPush beside BASIC scanning of other repositories",
      build: (b) => (
        repo(b, { imageScanningConfiguration: { scanOnPush: true } }),
        b.add(SCANNING, "reg", scanRules("BASIC", "billing-*"))
      ),
      violations: 0,
    },
    {
      name: "ACR scanner disable in lower case",
      build: (b) => b.add(ACR, "acr", { imageScanner: "disable" }),
      violations: 1,
    },
    { name: "ACR SAS scanner", build: (b) => b.add(ACR, "acr", { imageScanner: "SAS" }), violations: 0 },
    {
      name: "ACR scanner unknown is a note",
      build: (b) => b.add(ACR, "acr", { imageScanner: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("red team: registry tag immutability (advisory)", () => {
  const exclusions = (filter: string) => ({
    imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
    imageTagMutabilityExclusionFilters: [{ filter, filterType: "WILDCARD" }],
  });
  table(recommendRegistryTagImmutability, [
    { name: "ECR immutable", type: ECR, props: { imageTagMutability: "IMMUTABLE" }, violations: 0 },
    { name: "ECR default mutable", type: ECR, props: {}, violations: 1 },
    { name: "ECR immutable except latest", type: ECR, props: exclusions("latest"), violations: 0 },
    { name: "ECR immutable except every tag", type: ECR, props: exclusions("*"), violations: 1 },
    {
      name: "ECR mutable with exclusions",
      type: ECR,
      props: { imageTagMutability: "MUTABLE_WITH_EXCLUSION" },
      violations: 1,
    },
    {
      name: "ACR repository immutability as the string true",
      type: ACR_REPO,
      props: { tagImmutability: "true" },
      violations: 0,
    },
    { name: "ACR repository mutable", type: ACR_REPO, props: { tagImmutability: false }, violations: 1 },
    // Repositories ECR creates on pull-through or replication take the creation template's setting.
    { name: "creation template mutable", type: CREATION_TEMPLATE, props: { prefix: "ROOT" }, violations: 1 },
    {
      name: "creation template immutable",
      type: CREATION_TEMPLATE,
      props: { prefix: "ROOT", imageTagMutability: "IMMUTABLE" },
      violations: 0,
    },
  ] as Case[]);
});

const RECORD = "aws:route53/record:Record";
const RECORDS = "aws:route53/recordsExclusive:RecordsExclusive";
const GTM = "alicloud:dns/gtmInstance:GtmInstance";
const POOL = "alicloud:dns/addressPool:AddressPool";
const STRATEGY = "alicloud:dns/accessStrategy:AccessStrategy";
const primary = {
  zoneId: "z",
  name: "app",
  type: "A",
  setIdentifier: "p",
  failoverRoutingPolicies: [{ type: "PRIMARY" }],
};
const alias = (evaluateTargetHealth: unknown) => ({
  ...primary,
  aliases: [{ name: "lb", zoneId: "z", evaluateTargetHealth }],
});
const recordSet = (extra: Record<string, unknown>) => ({ name: "app", type: "A", setIdentifier: "p", ...extra });
const strategy = (extra: Record<string, unknown>) => ({
  instanceId: "gtm-1",
  strategyName: "s",
  strategyMode: "GEO",
  defaultAddrPools: [{ addrPoolId: "pool-1" }],
  failoverAddrPools: [{ addrPoolId: "pool-2" }],
  ...extra,
});

describe("red team: DNS failover driven by health checks", () => {
  table(requireDnsFailoverHealthCheck, [
    { name: "PRIMARY without a health check", type: RECORD, props: primary, violations: 1 },
    {
      name: "PRIMARY in lower case without a health check",
      type: RECORD,
      props: { ...primary, failoverRoutingPolicies: [{ type: "primary" }] },
      violations: 1,
    },
    {
      name: "PRIMARY with an empty healthCheckId",
      type: RECORD,
      props: { ...primary, healthCheckId: "" },
      violations: 1,
    },
    { name: "PRIMARY alias evaluating target health", type: RECORD, props: alias(true), violations: 0 },
    { name: "PRIMARY alias evaluating target health as a string", type: RECORD, props: alias("true"), violations: 0 },
    { name: "PRIMARY alias not evaluating target health", type: RECORD, props: alias(false), violations: 1 },
    {
      name: "PRIMARY alias target health unknown is a note",
      type: RECORD,
      props: alias(UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "failover type unknown with a health check",
      type: RECORD,
      props: { ...primary, failoverRoutingPolicies: [{ type: UNKNOWN }], healthCheckId: "hc-1" },
      violations: 0,
    },
    // The same record sets written through the exclusive record-set resource.
    {
      name: "exclusive PRIMARY record set without a health check",
      type: RECORDS,
      props: { zoneId: "z", resourceRecordSets: [recordSet({ failover: "PRIMARY" })] },
      violations: 1,
      mentions: "resourceRecordSets[0]",
    },
    {
      name: "exclusive PRIMARY record set with a health check",
      type: RECORDS,
      props: { zoneId: "z", resourceRecordSets: [recordSet({ failover: "PRIMARY", healthCheckId: UNKNOWN })] },
      violations: 0,
    },
    {
      name: "exclusive PRIMARY alias evaluating target health",
      type: RECORDS,
      props: {
        zoneId: "z",
        resourceRecordSets: [
          recordSet({
            failover: "PRIMARY",
            aliasTarget: { dnsName: "lb", hostedZoneId: "z", evaluateTargetHealth: true },
          }),
        ],
      },
      violations: 0,
    },
    {
      name: "exclusive SECONDARY record set without a health check",
      type: RECORDS,
      props: { zoneId: "z", resourceRecordSets: [recordSet({ failover: "SECONDARY" })] },
      violations: 0,
    },
    {
      name: "exclusive record sets unknown is a note",
      type: RECORDS,
      props: { zoneId: "z", resourceRecordSets: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "exclusive failover type unknown is a note",
      type: RECORDS,
      props: { zoneId: "z", resourceRecordSets: [recordSet({ failover: UNKNOWN })] },
      violations: 0,
      notes: 1,
    },
    {
      name: "GTM health-check tasks as a numeric string",
      type: GTM,
      props: { healthCheckTaskCount: "100" },
      violations: 0,
    },
    { name: "GTM no health-check tasks as a string", type: GTM, props: { healthCheckTaskCount: "0" }, violations: 1 },
    {
      name: "GTM tasks unknown is a note",
      type: GTM,
      props: { healthCheckTaskCount: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "pool address forced online in lower case",
      type: POOL,
      props: { addresses: [{ mode: "online" }] },
      violations: 1,
    },
    {
      name: "pool address unknown at preview is a note",
      type: POOL,
      props: { addresses: [UNKNOWN] },
      violations: 0,
      notes: 1,
    },
    // Access mode DEFAULT pins the strategy to its primary pools: the failover pools are never used.
    {
      name: "GTM strategy pinned to its primary pools",
      type: STRATEGY,
      props: strategy({ accessMode: "DEFAULT" }),
      violations: 1,
    },
    {
      name: "GTM strategy pinned in lower case",
      type: STRATEGY,
      props: strategy({ accessMode: "default" }),
      violations: 1,
    },
    {
      name: "GTM strategy switching automatically",
      type: STRATEGY,
      props: strategy({ accessMode: "AUTO" }),
      violations: 0,
    },
    { name: "GTM strategy with the provider's access mode", type: STRATEGY, props: strategy({}), violations: 0 },
    {
      name: "GTM strategy pinned without failover pools",
      type: STRATEGY,
      props: strategy({ accessMode: "DEFAULT", failoverAddrPools: [] }),
      violations: 0,
    },
    {
      name: "GTM strategy access mode unknown is a note",
      type: STRATEGY,
      props: strategy({ accessMode: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

const HC = "aws:route53/healthCheck:HealthCheck";
const calculated = (childHealthThreshold: unknown) => ({
  type: "CALCULATED",
  childHealthThreshold,
  childHealthchecks: ["hc-a", "hc-b"],
});

describe("red team: failover health checks that can fail", () => {
  const linked = (b: StackBuilder, hc: Record<string, unknown>, record: Record<string, unknown> = primary) => {
    const check = b.add(HC, "hc", hc);
    b.add(RECORD, "app", { ...record, healthCheckId: ref(check) });
  };
  const exclusive = (b: StackBuilder, hc: Record<string, unknown>, failover: unknown, known = false) => {
    const check = b.add(HC, "hc", { id: "hc-1", ...hc });
    b.add(RECORDS, "zone", {
      zoneId: "z",
      resourceRecordSets: [
        recordSet({ failover, healthCheckId: known ? knownRef(check, "hc-1") : ref(check) }),
        recordSet({ setIdentifier: "plain" }),
      ],
    });
  };
  stackProbes(requireDnsFailoverHealthCheckEffective, [
    { name: "PRIMARY with a working check", build: (b) => linked(b, { type: "HTTPS" }), violations: 0 },
    { name: "PRIMARY with a check disabled as True", build: (b) => linked(b, { disabled: "True" }), violations: 1 },
    { name: "PRIMARY with a check inverted as 1", build: (b) => linked(b, { invertHealthcheck: "1" }), violations: 1 },
    // A calculated check needing zero healthy children is always healthy.
    {
      name: "PRIMARY with a calculated check needing no healthy child",
      build: (b) => linked(b, calculated(0)),
      violations: 1,
    },
    { name: "PRIMARY with the threshold 0 as a string", build: (b) => linked(b, calculated("0")), violations: 1 },
    // Its children (hc-a, hc-b) are outside the stack: whether they can fail is not known.
    {
      name: "PRIMARY with a calculated check needing one child outside the stack is a note",
      build: (b) => linked(b, calculated(1)),
      violations: 0,
      notes: 1,
      label: "hc.childHealthchecks",
    },
    {
      name: "PRIMARY with a calculated threshold unknown is a note",
      build: (b) => linked(b, calculated(UNKNOWN)),
      violations: 0,
      notes: 1,
    },
    {
      name: "SECONDARY with a calculated check needing no child",
      build: (b) => linked(b, calculated(0), { ...primary, failoverRoutingPolicies: [{ type: "SECONDARY" }] }),
      violations: 0,
    },
    {
      name: "exclusive PRIMARY set with a disabled check",
      build: (b) => exclusive(b, { disabled: true }, "PRIMARY"),
      violations: 1,
    },
    {
      name: "exclusive PRIMARY set with a disabled check linked by id",
      build: (b) => exclusive(b, { disabled: true }, "PRIMARY", true),
      violations: 1,
    },
    {
      name: "exclusive SECONDARY set with a disabled check",
      build: (b) => exclusive(b, { disabled: true }, "SECONDARY"),
      violations: 0,
    },
    { name: "exclusive PRIMARY set with a working check", build: (b) => exclusive(b, {}, "PRIMARY"), violations: 0 },
    {
      name: "exclusive sets of both roles sharing unknown check ids is a note",
      build: (b) => {
        const check = b.add(HC, "hc", { disabled: true });
        b.add(RECORDS, "zone", {
          zoneId: "z",
          resourceRecordSets: [
            recordSet({ failover: "PRIMARY", healthCheckId: ref(check) }),
            recordSet({ setIdentifier: "s", failover: "SECONDARY", healthCheckId: UNKNOWN }),
          ],
        });
      },
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("red team: GTM pool monitoring", () => {
  const MONITOR = "alicloud:dns/monitorConfig:MonitorConfig";
  stackProbes(requireGtmPoolMonitoring, [
    { name: "pool without a monitor", build: (b) => b.add(POOL, "p", { addresses: [] }), violations: 1 },
    {
      name: "pool with a monitor linked at preview",
      build: (b) => b.add(MONITOR, "m", { addrPoolId: ref(b.add(POOL, "p", {})) }),
      violations: 0,
    },
    {
      name: "pool with a monitor linked by a known id",
      build: (b) => (b.add(POOL, "p", { id: "pool-1" }), b.add(MONITOR, "m", { addrPoolId: "pool-1" })),
      violations: 0,
    },
    {
      name: "monitor of another pool",
      build: (b) => (b.add(POOL, "p", { id: "pool-1" }), b.add(MONITOR, "m", { addrPoolId: "pool-2" })),
      violations: 1,
    },
  ]);
});

const ACL = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const ALI_WAF = "alicloud:waf/instance:Instance";
const action = (a: unknown) => ({ actionCondition: { action: a } });
const dropping = (requirement: string, ...conditions: unknown[]) => ({ behavior: "DROP", requirement, conditions });

describe("red team: WAF logging", () => {
  const logged = (loggingFilter?: unknown) => (b: StackBuilder) => {
    const acl = b.add(WEB_ACL, "edge", { scope: "REGIONAL" });
    b.add(ACL, "logs", { resourceArn: ref(acl), logDestinationConfigs: ["arn:aws:logs:x"], loggingFilter });
  };
  stackProbes(requireWafLogging, [
    { name: "WebACL without logging", build: (b) => b.add(WEB_ACL, "edge", {}), violations: 1 },
    { name: "WebACL logging everything", build: logged(), violations: 0 },
    { name: "DROP by default in mixed case", build: logged({ defaultBehavior: "Drop", filters: [] }), violations: 1 },
    // Dropping every allowed request loses what got through, as a DROP default keeping only blocked requests does.
    {
      name: "KEEP by default, dropping every allowed request",
      build: logged({ defaultBehavior: "KEEP", filters: [dropping("MEETS_ANY", action("ALLOW"))] }),
      violations: 1,
      mentions: "ALLOW",
    },
    {
      name: "KEEP by default, dropping every allowed request (MEETS_ALL)",
      build: logged({ defaultBehavior: "KEEP", filters: [dropping("MEETS_ALL", action("allow"))] }),
      violations: 1,
      mentions: "ALLOW",
    },
    // Dropping every blocked request loses what the scanners tried: the record the rule keeps.
    {
      name: "KEEP by default, dropping every blocked request",
      build: logged({ defaultBehavior: "KEEP", filters: [dropping("MEETS_ALL", action("BLOCK"))] }),
      violations: 1,
      mentions: "what the scanners tried",
    },
    {
      name: "KEEP by default, dropping allowed requests carrying a noise label",
      build: logged({
        defaultBehavior: "KEEP",
        filters: [
          dropping("MEETS_ALL", action("BLOCK"), { labelNameCondition: { labelName: "awswaf:managed:noise" } }),
        ],
      }),
      violations: 0,
    },
    {
      name: "KEEP by default, dropping counted requests",
      build: logged({ defaultBehavior: "KEEP", filters: [dropping("MEETS_ANY", action("COUNT"))] }),
      violations: 0,
    },
    {
      name: "a KEEP filter for blocked requests does not save the allowed ones a DROP filter loses",
      build: logged({
        defaultBehavior: "KEEP",
        filters: [
          { behavior: "KEEP", requirement: "MEETS_ANY", conditions: [action("BLOCK")] },
          dropping("MEETS_ANY", action("ALLOW")),
        ],
      }),
      violations: 1,
    },
    {
      name: "dropped action unknown is a note",
      build: logged({ defaultBehavior: "KEEP", filters: [dropping("MEETS_ANY", action(UNKNOWN))] }),
      violations: 0,
      notes: 1,
    },
    // Alibaba Cloud WAF 2.0 keeps logs only with the log service switched on.
    {
      name: "Alibaba Cloud WAF with logging off",
      build: (b) => b.add(ALI_WAF, "waf", { wafLog: "false" }),
      violations: 1,
    },
    {
      name: "Alibaba Cloud WAF with logging False",
      build: (b) => b.add(ALI_WAF, "waf", { wafLog: "False" }),
      violations: 1,
    },
    {
      name: "Alibaba Cloud WAF with logging on",
      build: (b) => b.add(ALI_WAF, "waf", { wafLog: "true" }),
      violations: 0,
    },
    {
      name: "Alibaba Cloud WAF logging unknown is a note",
      build: (b) => b.add(ALI_WAF, "waf", { wafLog: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
  ]);
});

const TRAIL = "aws:cloudtrail/trail:Trail";
const ACTIONTRAIL = "alicloud:actiontrail/trail:Trail";

describe("red team: audit trail for compute", () => {
  const withTrail = (host: string, trail: string, props?: Record<string, unknown>) => (b: StackBuilder) => {
    b.add(host, "host", {});
    if (props) b.add(trail, "trail", props);
  };
  const awsTrail = (props?: Record<string, unknown>) => withTrail(EC2, TRAIL, props);
  const aliTrail = (props?: Record<string, unknown>) => withTrail(ECS, ACTIONTRAIL, props);
  /** An ActionTrail trail counts only when it delivers to an OSS bucket. */
  const toOss = { ossBucketName: "acme-audit" };
  stackProbes(requireAuditTrailForCompute, [
    { name: "EC2 without a trail", build: awsTrail(), violations: 1 },
    { name: "EC2 with a default trail", build: awsTrail({ s3BucketName: "b" }), violations: 0 },
    { name: "EC2 with logging off as False", build: awsTrail({ enableLogging: "False" }), violations: 1 },
    { name: "EC2 with logging off as 0", build: awsTrail({ enableLogging: "0" }), violations: 1 },
    {
      name: "EC2 with logging unknown is a note",
      build: awsTrail({ enableLogging: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "EC2 with one trail off and one on",
      build: (b) => (awsTrail({ enableLogging: false })(b), b.add(TRAIL, "second", { enableLogging: true })),
      violations: 0,
    },
    { name: "ECS without a trail", build: aliTrail(), violations: 1 },
    { name: "ECS with a trail", build: aliTrail({ trailName: "t", ...toOss }), violations: 0 },
    {
      name: "ECS with a trail disabled in lower case",
      build: aliTrail({ status: "disable", ...toOss }),
      violations: 1,
    },
    {
      name: "ECS with trail status unknown is a note",
      build: aliTrail({ status: UNKNOWN, ...toOss }),
      violations: 0,
      notes: 1,
    },
    { name: "ECS with a trail delivering nowhere", build: aliTrail({ trailName: "t" }), violations: 1 },
    {
      name: "ECS with a trail delivering only to SLS",
      build: aliTrail({ slsProjectArn: "acs:log:cn-hangzhou:1:project/audit" }),
      violations: 1,
    },
    { name: "ECS with an external trail", build: aliTrail(), config: { providedExternally: true }, violations: 0 },
    // Container and serverless hosts start workloads just as well.
    ...[
      "alicloud:eci/containerGroup:ContainerGroup",
      "alicloud:fc/v3Function:V3Function",
      "alicloud:fc/v2Function:V2Function",
      "alicloud:sae/application:Application",
      "alicloud:ehpc/cluster:Cluster",
      "alicloud:ehpc/clusterV2:ClusterV2",
      "alicloud:eflo/node:Node",
      "alicloud:rds/custom:Custom",
    ].flatMap((type): StackProbe[] => [
      { name: `${type} without a trail`, build: withTrail(type, ACTIONTRAIL), violations: 1 },
      { name: `${type} with a trail`, build: withTrail(type, ACTIONTRAIL, toOss), violations: 0 },
    ]),
    ...[
      "aws:batch/computeEnvironment:ComputeEnvironment",
      "aws:eks/fargateProfile:FargateProfile",
      "aws:lightsail/containerService:ContainerService",
      "aws:apprunner/service:Service",
      "aws:emr/cluster:Cluster",
    ].flatMap((type): StackProbe[] => [
      { name: `${type} without a trail`, build: withTrail(type, TRAIL), violations: 1 },
      { name: `${type} with a trail`, build: withTrail(type, TRAIL, {}), violations: 0 },
    ]),
  ]);
});

const VPC = "aws:ec2/vpc:Vpc";
const FLOW = "aws:ec2/flowLog:FlowLog";
const GROUP = "aws:cloudwatch/logGroup:LogGroup";
const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const ALI_VPC = "alicloud:vpc/network:Network";
const ALI_FLOW = "alicloud:vpc/flowLog:FlowLog";
const STORE = "alicloud:log/store:Store";

describe("red team: VPC flow logs", () => {
  const toGroup = (flow: Record<string, unknown>) => (b: StackBuilder) => {
    const vpc = b.add(VPC, "vpc", {});
    const group = b.add(GROUP, "g", { retentionInDays: 365 });
    b.add(FLOW, "flow", { vpcId: ref(vpc), logDestination: ref(group), trafficType: "ALL", ...flow });
  };
  const toBucket = (bucket: Record<string, unknown>, lifecycle?: Record<string, unknown>) => (b: StackBuilder) => {
    const vpc = b.add(VPC, "vpc", {});
    const s3 = b.add(BUCKET, "logs", bucket);
    if (lifecycle) b.add(LIFECYCLE, "lc", { bucket: ref(s3), ...lifecycle });
    b.add(FLOW, "flow", { vpcId: ref(vpc), logDestination: ref(s3), logDestinationType: "s3", trafficType: "ALL" });
  };
  const expiring = (days: number, enabled: unknown) => ({ lifecycleRules: [{ enabled, expiration: { days } }] });
  const aliFlow =
    (flow: Record<string, unknown>, retentionPeriod: unknown = 365, network: Record<string, unknown> = {}) =>
    (b: StackBuilder) => {
      const vpc = b.add(ALI_VPC, "vpc", network);
      const store = b.add(STORE, "s", { projectName: "audit", logstoreName: "flow", retentionPeriod });
      b.add(ALI_FLOW, "flow", {
        resourceType: "VPC",
        resourceId: ref(vpc),
        trafficType: "All",
        projectName: "audit",
        logStoreName: ref(store),
        ...flow,
      });
    };
  stackProbes(requireVpcFlowLogsAllTraffic, [
    { name: "all traffic to a year-long log group", build: toGroup({}), violations: 0 },
    { name: "traffic type in lower case", build: toGroup({ trafficType: "all" }), violations: 0 },
    { name: "rejected traffic only", build: toGroup({ trafficType: "REJECT" }), violations: 1 },
    // A custom format without addresses records traffic but not who sent it.
    {
      name: "custom format without source and destination addresses",
      build: toGroup({ logFormat: "${version} ${action} ${bytes}" }),
      violations: 1,
      mentions: "srcaddr",
    },
    {
      name: "custom format with packet-level addresses",
      build: toGroup({ logFormat: "${pkt-srcaddr} ${pkt-dstaddr} ${dstport} ${action}" }),
      violations: 0,
    },
    { name: "custom format unknown is a note", build: toGroup({ logFormat: UNKNOWN }), violations: 0, notes: 1 },
    { name: "bucket expiring logs after 30 days", build: toBucket(expiring(30, true)), violations: 1 },
    { name: "bucket with a disabled 30-day expiration", build: toBucket(expiring(30, false)), violations: 0 },
    {
      name: "bucket with a 30-day expiration disabled as false",
      build: toBucket(expiring(30, "false")),
      violations: 0,
    },
    {
      name: "lifecycle configuration disabled in lower case",
      build: toBucket({}, { rules: [{ id: "r", status: "disabled", expiration: { days: 30 } }] }),
      violations: 0,
    },
    {
      name: "lifecycle configuration enabled with 30 days",
      build: toBucket({}, { rules: [{ id: "r", status: "Enabled", expiration: { days: 30 } }] }),
      violations: 1,
    },
    { name: "Alibaba Cloud flow log to a year-long store", build: aliFlow({}), violations: 0 },
    { name: "Alibaba Cloud resource type in lower case", build: aliFlow({ resourceType: "vpc" }), violations: 0 },
    {
      name: "Alibaba Cloud resource type unknown is a note",
      build: aliFlow({ resourceType: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    { name: "Alibaba Cloud flow log inactive", build: aliFlow({ status: "Inactive" }), violations: 1 },
    { name: "Alibaba Cloud store with the default 30 days", build: aliFlow({}, null), violations: 1 },
    // A flow log records IPv4 only unless told otherwise: attacks over IPv6 would leave no record.
    {
      name: "Alibaba Cloud IPv6 VPC with an IPv4-only flow log",
      build: aliFlow({}, 365, { enableIpv6: true }),
      violations: 1,
      mentions: 'ipVersion "DualStack"',
    },
    {
      name: "Alibaba Cloud IPv6 VPC with ipVersion IPv4 written as a string flag",
      build: aliFlow({ ipVersion: "IPv4" }, 365, { enableIpv6: "true" }),
      violations: 1,
    },
    {
      name: "Alibaba Cloud IPv6 VPC with a dual-stack flow log",
      build: aliFlow({ ipVersion: "DualStack" }, 365, { enableIpv6: true }),
      violations: 0,
    },
    {
      name: "Alibaba Cloud IPv4 VPC needs no dual stack",
      build: aliFlow({}, 365, { enableIpv6: false }),
      violations: 0,
    },
    {
      name: "Alibaba Cloud IPv6 VPC with ipVersion unknown is a note",
      build: aliFlow({ ipVersion: UNKNOWN }, 365, { enableIpv6: true }),
      violations: 0,
      notes: 1,
    },
    {
      name: "Alibaba Cloud VPC whose IPv6 is unknown, flow log IPv4 only, is a note",
      build: aliFlow({}, 365, { enableIpv6: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "Alibaba Cloud VPC whose IPv6 is unknown, dual-stack flow log",
      build: aliFlow({ ipVersion: "dualstack" }, 365, { enableIpv6: UNKNOWN }),
      violations: 0,
    },
  ]);
});
