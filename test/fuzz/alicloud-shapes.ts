// Input shapes of the Alibaba Cloud resource types the pack's policies read (field names as @pulumi/alicloud 3 sends them).
import { Shape } from "./shape";

const ecsCommon: Shape = {
  password: "string",
  kmsEncryptedPassword: "string",
  passwordInherit: "bool",
  keyName: "string",
  userData: "userData",
  internetMaxBandwidthOut: "number",
  httpTokens: { oneOf: ["required", "optional", ""] },
  httpEndpoint: { oneOf: ["enabled", "disabled"] },
  securityGroups: "strings",
  securityGroupIds: "strings",
  systemDiskEncrypted: "bool",
  dataDisks: { arrayOf: { encrypted: "bool", kmsKeyId: "string", size: "number" } },
  deletionProtection: "bool",
};

const rdsInstance: Shape = {
  securityIps: { arrayOf: "cidrCommaList" },
  dbInstanceIpArrays: { arrayOf: { dbInstanceIpArrayName: "string", securityIps: { arrayOf: "cidrCommaList" } } },
  sslAction: { oneOf: ["Open", "Close", "Update"] },
  tdeStatus: { oneOf: ["Enabled", "Disabled"] },
  deletionProtection: "bool",
  dbInstanceNetType: { oneOf: ["Internet", "Intranet"] },
  connectionStringPrefix: "string",
  engine: "string",
};

const actionTrail: Shape = {
  trailName: "string",
  eventRw: { oneOf: ["All", "Read", "Write", ""] },
  ossBucketName: "string",
  slsProjectArn: "string",
  slsWriteRoleArn: "string",
  isOrganizationTrail: "bool",
  status: { oneOf: ["Enable", "Disable", ""] },
  trailRegion: "string",
};

const ramPasswordPolicy: Shape = {
  minimumPasswordLength: "number",
  requireLowercaseCharacters: "bool",
  requireUppercaseCharacters: "bool",
  requireNumbers: "bool",
  requireSymbols: "bool",
  maxLoginAttempts: "number",
  maxLoginAttemps: "number",
  passwordReusePrevention: "number",
  maxPasswordAge: "number",
  hardExpiry: "bool",
};

export const alicloudShapes: Record<string, Shape> = {
  "alicloud:ecs/securityGroupRule:SecurityGroupRule": {
    type: { oneOf: ["ingress", "egress", "INGRESS", "", null] },
    ipProtocol: "protocol",
    portRange: "portRange",
    policy: { oneOf: ["accept", "drop", "ACCEPT", "", "deny"] },
    priority: "number",
    cidrIp: "cidr",
    ipv6CidrIp: "cidr",
    sourceSecurityGroupId: "string",
    prefixListId: "string",
    nicType: { oneOf: ["internet", "intranet"] },
    securityGroupId: "string",
  },
  "alicloud:ecs/securityGroup:SecurityGroup": {
    vpcId: "string",
    innerAccess: "bool",
    innerAccessPolicy: { oneOf: ["Accept", "Drop"] },
    securityGroupType: "string",
  },
  "alicloud:ecs/instance:Instance": ecsCommon,
  "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": {
    ...ecsCommon,
    networkInterfaces: { object: { securityGroupId: "string" } },
    systemDisk: { object: { encrypted: "bool" } },
  },
  "alicloud:ecs/launchTemplate:LaunchTemplate": { ...ecsCommon, systemDiskCategory: "string" },
  "alicloud:ecs/ecsInstanceSet:EcsInstanceSet": { ...ecsCommon, amount: "number" },
  "alicloud:ess/scalingConfiguration:ScalingConfiguration": { ...ecsCommon, scalingGroupId: "string", active: "bool" },
  "alicloud:ecs/ecsDisk:EcsDisk": { encrypted: "bool", kmsKeyId: "string", deleteWithInstance: "bool" },
  "alicloud:ecs/eipAssociation:EipAssociation": {
    allocationId: "string",
    instanceId: "string",
    instanceType: "string",
  },
  "alicloud:ecs/ecsKeyPair:EcsKeyPair": { publicKey: "string", keyPairName: "string" },
  "alicloud:vpc/forwardEntry:ForwardEntry": {
    externalIp: "string",
    externalPort: "string",
    internalIp: "string",
    internalPort: "string",
    ipProtocol: { oneOf: ["tcp", "udp", "any"] },
    portBreak: "bool",
  },
  "alicloud:vpc/networkAcl:NetworkAcl": {
    ingressAclEntries: {
      arrayOf: { protocol: "protocol", port: "portRange", sourceCidrIp: "cidr", policy: { oneOf: ["accept", "drop"] } },
    },
    egressAclEntries: {
      arrayOf: {
        protocol: "protocol",
        port: "portRange",
        destinationCidrIp: "cidr",
        policy: { oneOf: ["accept", "drop"] },
      },
    },
  },
  "alicloud:vpc/networkAclEntries:NetworkAclEntries": {
    networkAclId: "string",
    ingress: {
      arrayOf: {
        protocol: "protocol",
        port: "portRange",
        sourceCidrIp: "cidr",
        policy: { oneOf: ["accept", "drop"] },
        entryType: "string",
      },
    },
    egress: {
      arrayOf: {
        protocol: "protocol",
        port: "portRange",
        destinationCidrIp: "cidr",
        policy: { oneOf: ["accept", "drop"] },
      },
    },
  },
  "alicloud:vpc/flowLog:FlowLog": {
    resourceType: { oneOf: ["VPC", "VSwitch", "NetworkInterface"] },
    resourceId: "string",
    trafficType: { oneOf: ["All", "Allow", "Drop"] },
    logStoreName: "string",
    projectName: "string",
    status: { oneOf: ["Active", "Inactive"] },
  },
  "alicloud:vpc/trafficMirrorSession:TrafficMirrorSession": {
    trafficMirrorSourceIds: "strings",
    trafficMirrorTargetId: "string",
    trafficMirrorFilterId: "string",
    enabled: "bool",
    priority: "number",
  },
  "alicloud:rds/instance:Instance": rdsInstance,
  "alicloud:rds/readOnlyInstance:ReadOnlyInstance": rdsInstance,
  "alicloud:rds/rdsCloneDbInstance:RdsCloneDbInstance": rdsInstance,
  "alicloud:rds/rdsUpgradeDbInstance:RdsUpgradeDbInstance": rdsInstance,
  "alicloud:rds/ddrInstance:DdrInstance": rdsInstance,
  "alicloud:rds/rdsAccount:RdsAccount": { accountPassword: "string", accountType: { oneOf: ["Normal", "Super"] } },
  "alicloud:oss/bucket:Bucket": {
    acl: { oneOf: ["private", "public-read", "public-read-write", ""] },
    forceDestroy: "bool",
    serverSideEncryptionRule: {
      object: { sseAlgorithm: { oneOf: ["AES256", "KMS", "SM4", ""] }, kmsMasterKeyId: "string" },
    },
    versioning: { object: { status: { oneOf: ["Enabled", "Suspended", ""] } } },
    logging: { object: { targetBucket: "string", targetPrefix: "string" } },
    lifecycleRules: { arrayOf: { enabled: "bool", expirations: { arrayOf: { days: "number" } } } },
  },
  "alicloud:oss/bucketWorm:BucketWorm": {
    bucket: "string",
    status: { oneOf: ["Locked", "InProgress", ""] },
    retentionPeriodInDays: "number",
  },
  "alicloud:oss/bucketAcl:BucketAcl": {
    bucket: "string",
    acl: { oneOf: ["private", "public-read", "public-read-write"] },
  },
  "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock": { bucket: "string", blockPublicAccess: "bool" },
  "alicloud:actiontrail/trail:Trail": actionTrail,
  "alicloud:actiontrail/trailDeprecated:TrailDeprecated": actionTrail,
  "alicloud:log/store:Store": {
    retentionPeriod: "number",
    shardCount: "number",
    encryptConf: { object: { enable: "bool", encryptType: "string" } },
  },
  "alicloud:log/project:Project": { name: "string" },
  "alicloud:ram/securityPreference:SecurityPreference": {
    enforceMfaForLogin: "bool",
    mfaOperationForLogin: { oneOf: ["mandatory", "independent", "adaptive", ""] },
    allowUserToChangePassword: "bool",
    loginSessionDuration: "number",
    loginNetworkMasks: "string",
  },
  "alicloud:ram/passwordPolicy:PasswordPolicy": ramPasswordPolicy,
  "alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy": ramPasswordPolicy,
  "alicloud:ram/loginProfile:LoginProfile": {
    userName: "string",
    password: "string",
    mfaBindRequired: "bool",
    passwordResetRequired: "bool",
  },
  "alicloud:ram/policy:Policy": { policyDocument: "policyDocument", document: "policyDocument", policyName: "string" },
  "alicloud:ram/user:User": { name: "string", force: "bool" },
  "alicloud:ram/accessKey:AccessKey": {
    userName: "string",
    status: { oneOf: ["Active", "Inactive"] },
    secretFile: "string",
  },
  "alicloud:slb/listener:Listener": {
    frontendPort: "port",
    backendPort: "port",
    protocol: { oneOf: ["http", "https", "tcp", "udp"] },
    tlsCipherPolicy: "string",
    aclStatus: { oneOf: ["on", "off"] },
  },
  "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer": {
    addressType: { oneOf: ["internet", "intranet"] },
    deleteProtection: { oneOf: ["on", "off"] },
  },
  "alicloud:alb/loadBalancer:LoadBalancer": {
    addressType: { oneOf: ["Internet", "Intranet"] },
    deletionProtectionEnabled: "bool",
    accessLogConfig: { object: { logProject: "string", logStore: "string" } },
  },
  "alicloud:wafv3/defenseTemplate:DefenseTemplate": {
    instanceId: "string",
    defenseScene: { oneOf: ["waf_group", "antiscan", "dlp", "custom_acl", ""] },
    status: { oneOf: [0, 1, "1", "0"] },
    defenseTemplateName: "string",
  },
  "alicloud:wafv3/domain:Domain": {
    domain: "string",
    instanceId: "string",
    listen: { object: { httpsPorts: { arrayOf: "port" }, httpPorts: { arrayOf: "port" } } },
  },
  "alicloud:hbr/vault:Vault": { vaultName: "string", vaultType: "string" },
  "alicloud:kvstore/instance:Instance": {
    securityIps: "strings",
    password: "string",
    sslEnable: { oneOf: ["Enable", "Disable"] },
  },
  "alicloud:mongodb/instance:Instance": {
    securityIpLists: "strings",
    securityIpGroups: { arrayOf: { securityIpGroupName: "string", securityIpList: "cidrCommaList" } },
  },
  "alicloud:mongodb/shardingInstance:ShardingInstance": {
    securityIpLists: "strings",
    securityIpGroups: { arrayOf: { securityIpList: "cidrCommaList" } },
  },
  "alicloud:dns/gtmInstance:GtmInstance": { healthCheckTaskCount: "number", alertGroups: "strings" },
  "alicloud:dns/addressPool:AddressPool": {
    instanceId: "string",
    type: "string",
    addresses: { arrayOf: { address: "string", mode: "string", attributeInfo: "string" } },
  },
  "alicloud:dns/monitorConfig:MonitorConfig": {
    addrPoolId: "string",
    protocolType: "string",
    interval: "number",
    ispCityNodes: { arrayOf: { cityCode: "string", ispCode: "string" } },
  },
  "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo": {
    instanceId: "string",
    namespace: "string",
    repoType: "string",
    tagImmutability: "bool",
  },
  "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance": {
    imageScanner: { oneOf: ["ACR", "SAS", "DISABLE", "disable", ""] },
    paymentType: "string",
  },
  "alicloud:polardb/cluster:Cluster": {
    securityIps: "strings",
    tdeStatus: { oneOf: ["Enabled", "Disabled"] },
    dbClusterIpArrays: {
      arrayOf: {
        dbClusterIpArrayName: "string",
        securityIps: "strings",
        modifyMode: { oneOf: ["Cover", "Append", "Delete"] },
      },
    },
  },
  "alicloud:gpdb/instance:Instance": {
    securityIpLists: "strings",
    ipWhitelists: { arrayOf: { ipGroupName: "string", securityIpList: "cidrCommaList" } },
  },
  "alicloud:adb/dBCluster:DBCluster": { securityIps: "strings" },
  "alicloud:mongodb/serverlessInstance:ServerlessInstance": {
    securityIpGroups: { arrayOf: { securityIpGroupName: "string", securityIpList: "cidrCommaList" } },
  },
  "alicloud:clickhouse/dbCluster:DbCluster": {
    dbClusterAccessWhiteLists: { arrayOf: { dbClusterIpArrayName: "string", securityIpList: "cidrCommaList" } },
  },
  "alicloud:rds/whitelistTemplate:WhitelistTemplate": { templateName: "string", ipWhiteList: "cidrCommaList" },
  "alicloud:polardb/globalSecurityIpGroup:GlobalSecurityIpGroup": {
    globalIpGroupName: "string",
    globalIpList: "cidrCommaList",
  },
  "alicloud:redis/globalSecurityIpGroup:GlobalSecurityIpGroup": {
    globalIpGroupName: "string",
    globalIpList: "cidrCommaList",
  },
  "alicloud:mongodb/globalSecurityIpGroup:GlobalSecurityIpGroup": {
    globalIgName: "string",
    globalSecurityIpList: "cidrCommaList",
  },
  "alicloud:ecs/command:Command": {
    name: "string",
    type: { oneOf: ["RunShellScript", "RunBatScript", "RunPowerShellScript", ""] },
    commandContent: "userData",
    enableParameter: "bool",
  },
  "alicloud:simpleapplicationserver/instance:Instance": { password: "string", planId: "string", imageId: "string" },
  "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy": {
    retentionDays: "number",
    repeatWeekdays: "strings",
    timePoints: "strings",
  },
};
