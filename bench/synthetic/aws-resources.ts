// Builders of realistic AWS resource inputs (field names as @pulumi/aws sends them), each to a given posture.
import { Prng } from "./prng";
import { b64, bootScript, byPosture, INTERNAL_CIDRS, newId, Posture, UNKNOWN } from "./posture";

export type Builder = (rng: Prng, posture: Posture) => { type: string; props: Record<string, unknown> };

const tags = (rng: Prng) => ({ Environment: rng.pick(["prod", "staging"]), Owner: "platform" });

const sgRule = (rng: Prng, posture: Posture) => {
  const port = rng.pick([443, 80, 22, 3306, 5432, 8080]);
  return {
    fromPort: port,
    toPort: port,
    protocol: rng.pick(["tcp", "tcp", "-1"]),
    cidrBlocks: [byPosture(posture, rng.pick(INTERNAL_CIDRS), "0.0.0.0/0")],
    description: "managed",
  };
};

export const awsBuilders: Record<string, Builder> = {
  securityGroup: (rng, posture) => ({
    type: "aws:ec2/securityGroup:SecurityGroup",
    props: {
      vpcId: newId(rng, "vpc"),
      description: "app tier",
      ingress: Array.from({ length: rng.int(1, 4) }, () => sgRule(rng, posture)),
      egress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }],
      tags: tags(rng),
    },
  }),
  securityGroupRule: (rng, posture) => ({
    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
    props: { type: "ingress", securityGroupId: newId(rng, "sg"), ...sgRule(rng, posture) },
  }),
  ingressRule: (rng, posture) => ({
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    props: {
      securityGroupId: newId(rng, "sg"),
      ipProtocol: "tcp",
      fromPort: 22,
      toPort: 22,
      cidrIpv4: byPosture(posture, "10.0.0.0/16", "0.0.0.0/0"),
    },
  }),
  instance: (rng, posture) => ({
    type: "aws:ec2/instance:Instance",
    props: {
      ami: "ami-0abcdef1234567890",
      instanceType: rng.pick(["t3.micro", "m6i.large"]),
      subnetId: newId(rng, "subnet"),
      vpcSecurityGroupIds: [newId(rng, "sg")],
      userData: bootScript(rng, posture),
      metadataOptions: { httpTokens: byPosture(posture, "required", "optional"), httpEndpoint: "enabled" },
      associatePublicIpAddress: posture === "insecure",
      rootBlockDevice: { encrypted: posture !== "insecure", volumeSize: 30 },
      ebsOptimized: true,
      monitoring: true,
      tags: tags(rng),
    },
  }),
  launchTemplate: (rng, posture) => ({
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    props: {
      imageId: "ami-0abcdef1234567890",
      userData: b64(bootScript(rng, posture)),
      metadataOptions: { httpTokens: byPosture(posture, "required", "optional") },
      vpcSecurityGroupIds: [newId(rng, "sg")],
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 30 } }],
    },
  }),
  bucket: (rng, posture) => ({
    type: "aws:s3/bucket:Bucket",
    props: { bucket: `logs-${rng.int(1, 1e6)}`, forceDestroy: posture === "insecure", tags: tags(rng) },
  }),
  bucketPublicAccessBlock: (rng, posture) => ({
    type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    props: {
      bucket: newId(rng, "bucket"),
      blockPublicAcls: true,
      blockPublicPolicy: posture !== "insecure",
      ignorePublicAcls: true,
      restrictPublicBuckets: posture !== "insecure",
    },
  }),
  bucketEncryption: (rng) => ({
    type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    props: {
      bucket: newId(rng, "bucket"),
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
    },
  }),
  rdsInstance: (rng, posture) => ({
    type: "aws:rds/instance:Instance",
    props: {
      engine: rng.pick(["mysql", "postgres"]),
      instanceClass: "db.t3.medium",
      allocatedStorage: 50,
      publiclyAccessible: posture === "insecure",
      storageEncrypted: posture !== "insecure",
      manageMasterUserPassword: true,
      backupRetentionPeriod: posture === "insecure" ? 0 : 14,
      deletionProtection: true,
      vpcSecurityGroupIds: [newId(rng, "sg")],
    },
  }),
  loadBalancer: (rng, posture) => ({
    type: "aws:lb/loadBalancer:LoadBalancer",
    props: {
      loadBalancerType: "application",
      internal: false,
      dropInvalidHeaderFields: posture !== "insecure",
      securityGroups: [newId(rng, "sg")],
      subnets: [newId(rng, "subnet"), newId(rng, "subnet")],
      accessLogs: { bucket: newId(rng, "bucket"), enabled: posture !== "insecure" },
    },
  }),
  listener: (rng, posture) => ({
    type: "aws:lb/listener:Listener",
    props: {
      loadBalancerArn: newId(rng, "arn"),
      port: posture === "insecure" ? 80 : 443,
      protocol: posture === "insecure" ? "HTTP" : "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      defaultActions: [{ type: "forward", targetGroupArn: newId(rng, "arn") }],
    },
  }),
  classicElb: (rng, posture) => ({
    type: "aws:elb/loadBalancer:LoadBalancer",
    props: {
      listeners: [
        {
          lbPort: 443,
          lbProtocol: "https",
          instancePort: 8080,
          instanceProtocol: "http",
          sslCertificateId: newId(rng, "arn"),
        },
      ],
      ...(posture === "insecure" ? {} : { accessLogs: { bucket: "elb-logs", enabled: true } }),
    },
  }),
  trail: (rng, posture) => ({
    type: "aws:cloudtrail/trail:Trail",
    props: {
      s3BucketName: newId(rng, "bucket"),
      isMultiRegionTrail: posture !== "insecure",
      enableLogFileValidation: posture !== "insecure",
      includeGlobalServiceEvents: true,
      kmsKeyId: newId(rng, "key"),
    },
  }),
  iamPolicy: (_rng, posture) => ({
    type: "aws:iam/policy:Policy",
    props: {
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: posture === "insecure" ? "*" : ["s3:GetObject"],
            Resource: posture === "insecure" ? "*" : "arn:aws:s3:::logs/*",
          },
        ],
      }),
    },
  }),
  iamRole: () => ({
    type: "aws:iam/role:Role",
    props: {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    },
  }),
  passwordPolicy: (_rng, posture) => ({
    type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    props: {
      minimumPasswordLength: posture === "insecure" ? 8 : 14,
      requireSymbols: true,
      requireNumbers: true,
      passwordReusePrevention: 24,
      maxPasswordAge: 90,
    },
  }),
  accessKey: (rng) => ({ type: "aws:iam/accessKey:AccessKey", props: { user: newId(rng, "user") } }),
  volume: (rng, posture) => ({
    type: "aws:ebs/volume:Volume",
    props: { availabilityZone: "eu-west-1a", size: rng.int(8, 500), encrypted: posture !== "insecure" },
  }),
  vpc: () => ({
    type: "aws:ec2/vpc:Vpc",
    props: { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true },
  }),
  flowLog: (rng) => ({
    type: "aws:ec2/flowLog:FlowLog",
    props: { vpcId: newId(rng, "vpc"), trafficType: "ALL", logDestinationType: "s3", logDestination: UNKNOWN },
  }),
  kmsKey: (_rng, posture) => ({
    type: "aws:kms/key:Key",
    props: { enableKeyRotation: posture !== "insecure", deletionWindowInDays: 30 },
  }),
  logGroup: (_rng, posture) => ({
    type: "aws:cloudwatch/logGroup:LogGroup",
    props: { retentionInDays: posture === "insecure" ? 7 : 400 },
  }),
  dynamoTable: (_rng, posture) => ({
    type: "aws:dynamodb/table:Table",
    props: {
      hashKey: "id",
      billingMode: "PAY_PER_REQUEST",
      attributes: [{ name: "id", type: "S" }],
      serverSideEncryption: { enabled: posture !== "insecure" },
      pointInTimeRecovery: { enabled: true },
    },
  }),
  redshiftCluster: (_rng, posture) => ({
    type: "aws:redshift/cluster:Cluster",
    props: {
      clusterIdentifier: "dw",
      nodeType: "ra3.xlplus",
      encrypted: posture !== "insecure",
      publiclyAccessible: posture === "insecure",
      automatedSnapshotRetentionPeriod: 7,
    },
  }),
  elasticsearchDomain: (_rng, posture) => ({
    type: "aws:elasticsearch/domain:Domain",
    props: {
      elasticsearchVersion: "7.10",
      encryptAtRest: { enabled: posture !== "insecure" },
      nodeToNodeEncryption: { enabled: true },
      domainEndpointOptions: { enforceHttps: true },
    },
  }),
};
