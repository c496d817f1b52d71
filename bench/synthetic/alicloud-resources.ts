// Builders of realistic Alibaba Cloud resource inputs (field names as @pulumi/alicloud sends them).
import { Builder } from "./aws-resources";
import { b64, bootScript, byPosture, INTERNAL_CIDRS, newId } from "./posture";

export const alicloudBuilders: Record<string, Builder> = {
  sgRule: (rng, posture) => {
    const port = rng.pick([22, 443, 3389, 3306, 80]);
    return {
      type: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
      props: {
        type: "ingress",
        ipProtocol: "tcp",
        nicType: "intranet",
        policy: "accept",
        portRange: posture === "insecure" && rng.chance(0.3) ? "-1/-1" : `${port}/${port}`,
        priority: rng.int(1, 100),
        securityGroupId: newId(rng, "sg"),
        cidrIp: byPosture(posture, rng.pick(INTERNAL_CIDRS), "0.0.0.0/0"),
      },
    };
  },
  securityGroup: (rng) => ({
    type: "alicloud:ecs/securityGroup:SecurityGroup",
    props: { vpcId: newId(rng, "vpc"), securityGroupName: "app", innerAccessPolicy: "Drop" },
  }),
  ecsInstance: (rng, posture) => ({
    type: "alicloud:ecs/instance:Instance",
    props: {
      imageId: "aliyun_3_x64_20G_alibase_20240528.vhd",
      instanceType: "ecs.g7.large",
      vswitchId: newId(rng, "vsw"),
      securityGroups: [newId(rng, "sg")],
      ...(posture === "insecure" ? { password: "Ransom-me-2024" } : { keyName: "ops-key" }),
      userData: b64(bootScript(rng, posture)),
      internetMaxBandwidthOut: posture === "insecure" ? 100 : 0,
      httpTokens: byPosture(posture, "required", "optional"),
      systemDiskCategory: "cloud_essd",
      systemDiskEncrypted: posture !== "insecure",
    },
  }),
  rdsInstance: (rng, posture) => ({
    type: "alicloud:rds/instance:Instance",
    props: {
      engine: "MySQL",
      engineVersion: "8.0",
      instanceType: "mysql.n2.medium.1",
      instanceStorage: 100,
      vswitchId: newId(rng, "vsw"),
      securityIps: [posture === "insecure" ? "0.0.0.0/0" : "10.0.0.0/16"],
      sslAction: posture === "insecure" ? "Close" : "Open",
      tdeStatus: "Enabled",
      deletionProtection: true,
    },
  }),
  ossBucket: (rng, posture) => ({
    type: "alicloud:oss/bucket:Bucket",
    props: {
      bucket: `evidence-${rng.int(1, 1e6)}`,
      acl: posture === "insecure" ? "public-read" : "private",
      forceDestroy: posture === "insecure",
      serverSideEncryptionRule: { sseAlgorithm: "KMS" },
      versioning: { status: "Enabled" },
    },
  }),
  actionTrail: (_rng, posture) => ({
    type: "alicloud:actiontrail/trail:Trail",
    props: {
      trailName: "audit",
      eventRw: posture === "insecure" ? "Write" : "All",
      ossBucketName: "audit-logs",
      status: "Enable",
      trailRegion: "All",
    },
  }),
  securityPreference: (_rng, posture) => ({
    type: "alicloud:ram/securityPreference:SecurityPreference",
    props: {
      mfaOperationForLogin: posture === "insecure" ? "independent" : "mandatory",
      allowUserToChangePassword: true,
      loginSessionDuration: 6,
    },
  }),
  ramPasswordPolicy: (_rng, posture) => ({
    type: "alicloud:ram/passwordPolicy:PasswordPolicy",
    props: {
      minimumPasswordLength: posture === "insecure" ? 8 : 14,
      requireSymbols: true,
      requireNumbers: true,
      maxLoginAttempts: posture === "insecure" ? 0 : 5,
      passwordReusePrevention: 5,
    },
  }),
  vpcFlowLog: (rng) => ({
    type: "alicloud:vpc/flowLog:FlowLog",
    props: {
      resourceType: "VPC",
      resourceId: newId(rng, "vpc"),
      trafficType: "All",
      projectName: "forensics",
      logStoreName: "flows",
    },
  }),
  logStore: (_rng, posture) => ({
    type: "alicloud:log/store:Store",
    props: { name: "flows", retentionPeriod: posture === "insecure" ? 30 : 400, shardCount: 2 },
  }),
  eipAssociation: (rng) => ({
    type: "alicloud:ecs/eipAssociation:EipAssociation",
    props: { allocationId: newId(rng, "eip"), instanceId: newId(rng, "i") },
  }),
  forwardEntry: (rng, posture) => ({
    type: "alicloud:vpc/forwardEntry:ForwardEntry",
    props: {
      forwardTableId: newId(rng, "ftb"),
      externalIp: "47.1.2.3",
      externalPort: posture === "insecure" ? "22" : "443",
      internalIp: "10.0.1.5",
      internalPort: posture === "insecure" ? "22" : "443",
      ipProtocol: "tcp",
    },
  }),
  slbListener: (rng, posture) => ({
    type: "alicloud:slb/listener:Listener",
    props: {
      loadBalancerId: newId(rng, "lb"),
      frontendPort: posture === "insecure" ? 80 : 443,
      backendPort: 8080,
      protocol: posture === "insecure" ? "http" : "https",
      bandwidth: -1,
    },
  }),
};
