// Input shapes of the Alibaba Cloud resource types the pack's policies read (field names as @pulumi/alicloud 3 sends them).
import { Shape } from "./shape";
import { TEMPLATE_BODIES } from "./template-bodies";

/** ROS database whitelist groups and connections in wrong shapes: lists, maps and numbers where text belongs. */
const ROS_DATABASE_WHITELISTS = JSON.stringify({
  ROSTemplateFormatVersion: "2015-09-01",
  Resources: {
    Db: { Type: "ALIYUN::RDS::DBInstance", Properties: { SecurityIPList: ["0.0.0.0/0", null] } },
    Ips: {
      Type: "ALIYUN::RDS::DBInstanceSecurityIps",
      Properties: { DBInstanceId: [{ Ref: "Db" }], DBInstanceIPArrayAttribute: { a: 1 } },
    },
    Ips2: { Type: "ALIYUN::RDS::DBInstanceSecurityIps", Properties: { DBInstanceId: { Ref: "Db" } } },
    Pc: { Type: "ALIYUN::POLARDB::DBCluster", Properties: "x" },
    Acl: {
      Type: "ALIYUN::POLARDB::DBClusterAccessWhiteList",
      Properties: { DBClusterId: { Ref: "Pc" }, SecurityIps: ["%", { Ref: "Nope" }], DBClusterIPArrayName: [] },
    },
    Cache: { Type: "ALIYUN::REDIS::PrepayInstance", Properties: { Connections: "public" } },
    Link: {
      Type: "ALIYUN::REDIS::Connection",
      Properties: { ConnectionType: ["Public"], InstanceId: { "Fn::GetAtt": ["Cache", "InstanceId"] }, Port: "x" },
    },
    Wl: { Type: "ALIYUN::REDIS::Whitelist", Properties: null },
  },
});

/** ROS NLB pieces in wrong shapes: servers and zones as maps or text, ports as text, references to nothing. */
const ROS_NLB = JSON.stringify({
  ROSTemplateFormatVersion: "2015-09-01",
  Resources: {
    Lb: {
      Type: "ALIYUN::NLB::LoadBalancer",
      Properties: { AddressType: ["Internet"], ZoneMappings: { VSwitchId: 1 } },
    },
    Group: { Type: "ALIYUN::NLB::ServerGroup", Properties: { Servers: [null, "i-x", { ServerId: [], Port: "22" }] } },
    Group2: { Type: "ALIYUN::NLB::ServerGroup", Properties: { Servers: { Ref: "Nope" }, AnyPortEnbaled: "yes" } },
    Listener: {
      Type: "ALIYUN::NLB::Listener",
      Properties: { LoadBalancerId: { Ref: "Lb" }, ServerGroupId: [{ Ref: "Group" }], StartPort: "a", EndPort: {} },
    },
    Attach: { Type: "ALIYUN::NLB::SecurityGroupAttachment", Properties: { SecurityGroupIds: "sg-1" } },
  },
});

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
  maxComputeProjectArn: "string",
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

const mirrorFilterRule: Shape = {
  action: { oneOf: ["accept", "drop", "ACCEPT", "", "deny"] },
  priority: "number",
  protocol: { oneOf: ["ALL", "TCP", "UDP", "ICMP", "all", "ESP", ""] },
  sourceCidrBlock: "cidr",
  destinationCidrBlock: "cidr",
  sourcePortRange: "portRange",
  destinationPortRange: "portRange",
};

export const alicloudShapes: Record<string, Shape> = {
  "alicloud:oos/template:Template": { templateName: "string", content: "ssmDocument" },
  "alicloud:oos/execution:Execution": {
    templateName: { oneOf: ["ACS-ECS-BulkyRunCommand", "my-template"] },
    templateContent: "ssmDocument",
    parameters: "ssmDocument",
  },
  "alicloud:eflo/invocation:Invocation": {
    commandContent: "userData",
    enableParameter: "bool",
    parameters: { object: { line: "string" } },
  },
  "alicloud:hologram/instance:Instance": {
    endpoints: { arrayOf: { type: { oneOf: ["Internet", "Intranet", "VPCSingleTunnel"] }, enabled: "bool" } },
  },
  "alicloud:ecs/ecsImageComponent:EcsImageComponent": {
    systemType: { oneOf: ["Linux", "Windows", "windows", ""] },
    componentType: { oneOf: ["Build", "Test"] },
    content: "userData",
  },
  "alicloud:ecs/ecsImagePipeline:EcsImagePipeline": { baseImage: "string", buildContent: "userData" },
  "alicloud:vpc/trafficMirrorFilter:TrafficMirrorFilter": {
    trafficMirrorFilterName: "string",
    ingressRules: { arrayOf: mirrorFilterRule },
    egressRules: { arrayOf: mirrorFilterRule },
  },
  "alicloud:vpc/trafficMirrorFilterIngressRule:TrafficMirrorFilterIngressRule": {
    ...mirrorFilterRule,
    ruleAction: { oneOf: ["accept", "drop", ""] },
    trafficMirrorFilterId: "string",
  },
  "alicloud:vpc/trafficMirrorFilterEgressRule:TrafficMirrorFilterEgressRule": {
    ...mirrorFilterRule,
    ruleAction: { oneOf: ["accept", "drop", ""] },
    trafficMirrorFilterId: "string",
  },
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
  // Edge Node Service groups carry their rules inline (lib/ingress-alicloud-firewalls.ts).
  "alicloud:ens/securityGroup:SecurityGroup": {
    permissions: {
      arrayOf: {
        direction: { oneOf: ["ingress", "egress", "Ingress", "INGRESS", "", null] },
        ipProtocol: "protocol",
        portRange: "portRange",
        sourceCidrIp: "cidr",
        ipv6SourceCidrIp: "cidr",
        policy: { oneOf: ["Accept", "Drop", "accept", "drop", "", "deny"] },
        priority: "number",
      },
    },
  },
  // Simple Application Server rules have no source field: each admits any address.
  "alicloud:simpleapplicationserver/firewallRule:FirewallRule": {
    instanceId: "string",
    ruleProtocol: { oneOf: ["Tcp", "Udp", "TcpAndUdp", "TCP", " tcpandudp ", "Icmp", ""] },
    port: "portRange",
  },
  "alicloud:ecs/securityGroup:SecurityGroup": {
    vpcId: "string",
    innerAccess: "bool",
    innerAccessPolicy: { oneOf: ["Accept", "Drop"] },
    securityGroupType: "string",
  },
  "alicloud:ecs/instance:Instance": {
    ...ecsCommon,
    networkInterfaceId: "string",
    ipv6AddressCount: "number",
    ipv6Addresses: "strings",
  },
  "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": {
    ...ecsCommon,
    networkInterfaces: { object: { securityGroupId: "string" } },
    systemDisk: { object: { encrypted: "bool" } },
  },
  "alicloud:ecs/launchTemplate:LaunchTemplate": { ...ecsCommon, systemDiskCategory: "string" },
  "alicloud:ecs/ecsInstanceSet:EcsInstanceSet": { ...ecsCommon, amount: "number" },
  "alicloud:ess/scalingConfiguration:ScalingConfiguration": { ...ecsCommon, scalingGroupId: "string", active: "bool" },
  "alicloud:ess/scalingGroupVServerGroups:ScalingGroupVServerGroups": {
    scalingGroupId: "string",
    vserverGroups: {
      arrayOf: {
        loadbalancerId: "string",
        vserverAttributes: { arrayOf: { vserverGroupId: "string", port: "port", weight: "number" } },
      },
    },
  },
  "alicloud:ess/serverGroupAttachment:ServerGroupAttachment": {
    scalingGroupId: "string",
    serverGroupId: "string",
    type: { oneOf: ["ALB", "NLB"] },
    port: "port",
  },
  "alicloud:ess/albServerGroupAttachment:AlbServerGroupAttachment": {
    scalingGroupId: "string",
    albServerGroupId: "string",
    port: "port",
  },
  "alicloud:ecs/ecsDisk:EcsDisk": { encrypted: "bool", kmsKeyId: "string", deleteWithInstance: "bool" },
  "alicloud:ecs/eipAssociation:EipAssociation": {
    allocationId: "string",
    instanceId: "string",
    instanceType: "string",
  },
  "alicloud:eipanycast/anycastEipAddress:AnycastEipAddress": { serviceLocation: "string" },
  "alicloud:eipanycast/anycastEipAddressAttachment:AnycastEipAddressAttachment": {
    anycastId: "string",
    bindInstanceId: "string",
    bindInstanceType: { oneOf: ["NetworkInterface", "SlbInstance", ""] },
    bindInstanceRegionId: "string",
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
    ipVersion: { oneOf: ["IPv4", "DualStack", "IPV6"] },
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
  "alicloud:oss/bucketObjectWormConfiguration:BucketObjectWormConfiguration": {
    bucket: "string",
    objectWormEnabled: { oneOf: ["Enabled", "Disabled", ""] },
    rule: {
      object: {
        defaultRetention: {
          object: { mode: { oneOf: ["COMPLIANCE", "GOVERNANCE", ""] }, days: "number", years: "number" },
        },
      },
    },
  },
  "alicloud:oss/bucketAcl:BucketAcl": {
    bucket: "string",
    acl: { oneOf: ["private", "public-read", "public-read-write"] },
  },
  "alicloud:oss/bucketObject:BucketObject": {
    bucket: "string",
    key: "string",
    acl: { oneOf: ["private", "public-read", "public-read-write", "default"] },
  },
  "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock": { bucket: "string", blockPublicAccess: "bool" },
  "alicloud:oss/accountPublicAccessBlock:AccountPublicAccessBlock": { blockPublicAccess: "bool" },
  "alicloud:oss/bucketPolicy:BucketPolicy": { bucket: "string", policy: "policyDocument" },
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
  "alicloud:cloudsso/directory:Directory": {
    directoryName: "string",
    mfaAuthenticationStatus: { oneOf: ["Enabled", "Disabled"] },
    mfaAuthenticationSettingInfo: {
      object: { mfaAuthenticationAdvanceSettings: { oneOf: ["Enabled", "ByUser", "Disabled", "OnlyRiskyLogin"] } },
    },
    samlIdentityProviderConfiguration: { object: { ssoStatus: { oneOf: ["Enabled", "Disabled"] } } },
    passwordPolicy: {
      object: { minPasswordLength: "number", maxLoginAttempts: "number", passwordReusePrevention: "number" },
    },
  },
  "alicloud:cloudsso/user:User": {
    directoryId: "string",
    userName: "string",
    password: "string",
    status: { oneOf: ["Enabled", "Disabled"] },
    mfaAuthenticationSettings: { oneOf: ["Enabled", "Disabled"] },
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
    loadBalancerId: "string",
    serverGroupId: "string",
    masterSlaveServerGroupId: "string",
  },
  "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer": {
    addressType: { oneOf: ["internet", "intranet"] },
    deleteProtection: { oneOf: ["on", "off"] },
  },
  "alicloud:alb/loadBalancer:LoadBalancer": {
    addressType: { oneOf: ["Internet", "Intranet"] },
    loadBalancerEdition: { oneOf: ["Basic", "Standard", "StandardWithWaf", ""] },
    deletionProtectionEnabled: "bool",
    accessLogConfig: { object: { logProject: "string", logStore: "string" } },
  },
  "alicloud:wafv3/defenseTemplate:DefenseTemplate": {
    instanceId: "string",
    defenseScene: { oneOf: ["waf_group", "waf_base", "whitelist", "antiscan", "dlp", "custom_acl", "cc", ""] },
    status: { oneOf: [0, 1, "1", "0"] },
    defenseTemplateName: "string",
    defenseTemplateId: "number",
    templateType: { oneOf: ["user_custom", "user_default", ""] },
    resources: { arrayOf: { oneOf: ["www.example.com-waf", "shop.example.com-waf", ""] } },
    resourceGroups: "strings",
  },
  "alicloud:wafv3/defenseResourceGroup:DefenseResourceGroup": {
    groupName: "string",
    instanceId: "string",
    resourceLists: { arrayOf: { oneOf: ["www.example.com-waf", ""] } },
  },
  "alicloud:wafv3/defenseRule:DefenseRule": {
    instanceId: "string",
    defenseType: { oneOf: ["template", "resource", "global", ""] },
    defenseScene: { oneOf: ["whitelist", "waf_group", "waf_base", "custom_acl", "cc", ""] },
    templateId: "number",
    ruleName: "string",
    ruleStatus: { oneOf: [0, 1, "0", "1"] },
    config: {
      object: {
        bypassTags: {
          arrayOf: { oneOf: ["waf", "regular", "regular_rule", "regular_type", "customrule", "antiscan", ""] },
        },
        bypassRegularRules: "strings",
        bypassRegularTypes: "strings",
        conditions: {
          arrayOf: {
            key: { oneOf: ["URL", "URLPath", "IP", "Header", "Http-Method", ""] },
            opValue: { oneOf: ["contain", "prefix-match", "contain-one", "regex", "len-gt", "eq", "not-contain", ""] },
            subKey: "string",
            values: { oneOf: ["/", "/api", ".*", "0", "0.0.0.0/0,::/0", "203.0.113.0/24", ""] },
          },
        },
        ruleAction: { oneOf: ["block", "monitor", "js", "captcha", ""] },
        autoUpdate: "bool",
        mode: { oneOf: [0, 1] },
        ccStatus: { oneOf: [0, 1] },
        rateLimit: { object: { interval: "number", threshold: "number", target: "string", ttl: "number" } },
        grayStatus: { oneOf: [0, 1] },
        grayConfig: { object: { grayRate: "number", grayTarget: "string" } },
        timeConfig: { object: { timeScope: { oneOf: ["permanent", "period", "cycle", ""] } } },
        wafBaseConfigs: {
          arrayOf: {
            ruleType: { oneOf: ["system", "custom", ""] },
            ruleBatchOperationConfig: { oneOf: ["all_monitor", "all_off", "all_on", "all_block", "default", ""] },
            ruleDetails: {
              arrayOf: { ruleId: "string", ruleAction: { oneOf: ["block", "monitor"] }, ruleStatus: { oneOf: [0, 1] } },
            },
          },
        },
      },
    },
  },
  // Listener ACLs of WAF origins: whitelist entries on the ACL and in separate attachments, ALB listener bindings.
  "alicloud:slb/aclEntryAttachment:AclEntryAttachment": { aclId: "string", entry: "cidr" },
  "alicloud:alb/acl:Acl": { aclName: "string", aclEntries: { arrayOf: { entry: "cidr", description: "string" } } },
  "alicloud:alb/aclEntryAttachment:AclEntryAttachment": {
    aclId: "string",
    entry: "cidr",
    entries: { arrayOf: { entry: "cidr", description: "string" } },
  },
  "alicloud:alb/listenerAclAttachment:ListenerAclAttachment": {
    listenerId: "string",
    aclId: "string",
    aclType: { oneOf: ["White", "Black", "white", ""] },
  },
  "alicloud:wafv3/domain:Domain": {
    domain: "string",
    instanceId: "string",
    listen: { object: { httpsPorts: { arrayOf: "port" }, httpPorts: { arrayOf: "port" } } },
  },
  "alicloud:hbr/vault:Vault": { vaultName: "string", vaultType: "string" },
  "alicloud:hbr/ecsBackupPlan:EcsBackupPlan": { vaultId: "string", retention: "string" },
  "alicloud:hbr/ossBackupPlan:OssBackupPlan": { vaultId: "string", retention: "string" },
  "alicloud:hbr/nasBackupPlan:NasBackupPlan": { vaultId: "string", retention: "string" },
  "alicloud:hbr/otsBackupPlan:OtsBackupPlan": {
    vaultId: "string",
    retention: "string",
    rules: { arrayOf: { ruleName: "string", retention: "string", disabled: "bool" } },
  },
  "alicloud:hbr/serverBackupPlan:ServerBackupPlan": {
    vaultId: "string",
    retention: "number",
    details: {
      arrayOf: { doCopy: "bool", destinationRegionId: { oneOf: ["cn-shanghai", ""] }, destinationRetention: "number" },
    },
  },
  "alicloud:hbr/hanaBackupPlan:HanaBackupPlan": { vaultId: "string", backupPrefix: "string" },
  "alicloud:hbr/policy:Policy": {
    policyType: { oneOf: ["STANDARD", "UDM_ECS_ONLY"] },
    rules: {
      arrayOf: { ruleType: { oneOf: ["BACKUP", "TRANSITION", "REPLICATION"] }, retention: "number", immutable: "bool" },
    },
  },
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
  "alicloud:alidnscloudgtmaddress/alidnsCloudGtmAddress:AlidnsCloudGtmAddress": {
    address: "string",
    availableMode: { oneOf: ["auto", "manual", "MANUAL", ""] },
    manualAvailableStatus: { oneOf: ["available", "unavailable", "Available", ""] },
    healthJudgement: { oneOf: ["any_ok", "p30_ok", "p50_ok", "p70_ok", "all_ok", "ALL_OK", ""] },
    healthTasks: { arrayOf: { templateId: "string", port: "number" } },
  },
  "alicloud:alidnscloudgtm/monitorTemplate:MonitorTemplate": {
    protocol: { oneOf: ["ping", "tcp", "http", "https"] },
    failureRate: { oneOf: [0, 20, 50, 80, 100, "100"] },
    evaluationCount: "number",
  },
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
    allocatePublicConnection: "bool",
    dbClusterAccessWhiteLists: { arrayOf: { dbClusterIpArrayName: "string", securityIpList: "cidrCommaList" } },
  },
  "alicloud:adb/cluster:Cluster": { securityIps: { arrayOf: "cidrCommaList" } },
  "alicloud:adb/dBClusterLakeVersion:DBClusterLakeVersion": { securityIps: "cidrCommaList" },
  "alicloud:gpdb/elasticInstance:ElasticInstance": { securityIpLists: { arrayOf: "cidrCommaList" } },
  "alicloud:gpdb/dbInstanceIpArray:DbInstanceIpArray": {
    modifyMode: { oneOf: ["Cover", "Append", "Delete", "delete", "", null] },
    securityIpLists: { arrayOf: "cidrCommaList" },
  },
  "alicloud:gpdb/supabaseProject:SupabaseProject": { securityIpLists: { arrayOf: "cidrCommaList" } },
  "alicloud:polardb/application:Application": { securityIpLists: { arrayOf: "cidrCommaList" } },
  "alicloud:clickhouseenterprisedbcluster/securityIp:SecurityIp": { securityIpList: "cidrCommaList" },
  "alicloud:selectdb/dbInstance:DbInstance": {
    enablePublicNetwork: "bool",
    desiredSecurityIpLists: { arrayOf: { securityIpList: "cidrCommaList" } },
  },
  "alicloud:hbase/instance:Instance": { ipWhite: "cidrCommaList" },
  "alicloud:lindorm/instance:Instance": { ipWhiteLists: { arrayOf: "cidrCommaList" } },
  "alicloud:lindorm/instanceV2:InstanceV2": {
    whiteIpLists: { arrayOf: { groupName: "string", ipList: "cidrCommaList" } },
  },
  "alicloud:cassandra/cluster:Cluster": { ipWhite: "cidrCommaList", enablePublic: "bool" },
  "alicloud:graphdatabase/dbInstance:DbInstance": { dbInstanceIpArrays: { arrayOf: { securityIps: "cidrCommaList" } } },
  // The public endpoint is off by default, public Kibana on: each whitelist matters only while its flag is on.
  "alicloud:elasticsearch/instance:Instance": {
    enablePublic: "bool",
    publicWhitelists: { arrayOf: "cidrCommaList" },
    enableKibanaPublicNetwork: "bool",
    kibanaWhitelists: { arrayOf: "cidrCommaList" },
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
  "alicloud:ecs/ecsInvocation:EcsInvocation": {
    commandId: "string",
    instanceIds: "strings",
    parameters: { object: { line: "string", mode: { oneOf: ["yes", "no", "prohibit-password", ""] } } },
  },
  "alicloud:simpleapplicationserver/instance:Instance": { password: "string", planId: "string", imageId: "string" },
  "alicloud:ecs/ecsPrefixList:EcsPrefixList": {
    prefixListName: "string",
    addressFamily: { oneOf: ["IPv4", "IPv6", "ipv4", ""] },
    maxEntries: "number",
    entries: { arrayOf: { cidr: "cidr", description: "string" } },
  },
  "alicloud:vpc/prefixList:PrefixList": {
    prefixListName: "string",
    ipVersion: { oneOf: ["IPV4", "IPV6", "IPv4", ""] },
    maxEntries: "number",
    entrys: { arrayOf: { cidr: "cidr", description: "string" } },
  },
  "alicloud:cs/nodePool:NodePool": {
    password: "string",
    kmsEncryptedPassword: "string",
    keyName: "string",
    userData: "userData",
    preUserData: "userData",
    securityGroupIds: "strings",
    vswitchIds: "strings",
    internetMaxBandwidthOut: "number",
    scalingConfig: { object: { isBondEip: "bool", eipBandwidth: "number" } },
  },
  "alicloud:cs/kubernetes:Kubernetes": {
    password: "string",
    kmsEncryptedPassword: "string",
    keyName: "string",
    slbInternetEnabled: "bool",
    enableSsh: "bool",
  },
  "alicloud:ens/instance:Instance": {
    password: "string",
    passwordInherit: "bool",
    keyPairName: "string",
    userData: "userData",
  },
  "alicloud:cddc/dedicatedPropreHost:DedicatedPropreHost": {
    osPassword: "string",
    passwordInherit: { oneOf: ["true", "false", true, false, ""] },
    keyPairName: "string",
    userData: "userData",
    userDataEncoded: "bool",
  },
  "alicloud:eflo/node:Node": { loginPassword: "string", userData: "userData" },
  "alicloud:eflo/nodeGroup:NodeGroup": { loginPassword: "string", keyPairName: "string", userData: "userData" },
  "alicloud:eflo/hyperNode:HyperNode": { loginPassword: "string", userData: "userData" },
  "alicloud:eflo/nodeGroupAttachment:NodeGroupAttachment": { loginPassword: "string", userData: "userData" },
  "alicloud:cs/edgeKubernetes:EdgeKubernetes": {
    password: "string",
    keyName: "string",
    userData: "userData",
    slbInternetEnabled: "bool",
  },
  "alicloud:cddc/dedicatedHost:DedicatedHost": { osPassword: "string", engine: "string" },
  "alicloud:rds/custom:Custom": { password: "string", keyPairName: "string" },
  "alicloud:eflo/cluster:Cluster": {
    clusterName: "string",
    nodeGroups: {
      arrayOf: {
        nodeGroupName: "string",
        nodes: { arrayOf: { nodeId: "string", hostname: "string", loginPassword: "string" } },
      },
    },
  },
  "alicloud:dns/accessStrategy:AccessStrategy": {
    instanceId: "string",
    accessMode: { oneOf: ["AUTO", "DEFAULT", "FAILOVER", "default", ""] },
    defaultAddrPools: { arrayOf: { addrPoolId: "string", lbaWeight: "number" } },
    failoverAddrPools: { arrayOf: { addrPoolId: "string", lbaWeight: "number" } },
  },
  "alicloud:waf/instance:Instance": { wafLog: { oneOf: ["true", "false", "True", ""] }, subscriptionType: "string" },
  "alicloud:eci/containerGroup:ContainerGroup": {
    containerGroupName: "string",
    securityGroupId: "string",
    vswitchId: "string",
    autoCreateEip: "bool",
    eipInstanceId: "string",
  },
  "alicloud:fc/v2Function:V2Function": { service: "string", name: "string", runtime: "string" },
  "alicloud:fc/v3Function:V3Function": { functionName: "string", runtime: "string" },
  "alicloud:sae/application:Application": { appName: "string", packageType: "string", replicas: "number" },
  "alicloud:ehpc/cluster:Cluster": { password: "string", keyPairName: "string" },
  "alicloud:ehpc/clusterV2:ClusterV2": {
    clusterCredentials: { object: { password: "string", keyPairName: "string" } },
  },
  "alicloud:ehpc/user:User": { password: "string" },
  "alicloud:bastionhost/hostAccount:HostAccount": {
    hostAccountName: "string",
    hostId: "string",
    instanceId: "string",
    protocolName: { oneOf: ["SSH", "RDP", "ssh", ""] },
    password: "string",
    privateKey: "string",
    passPhrase: "string",
  },
  "alicloud:emr/cluster:Cluster": { masterPwd: "string", keyPairName: "string", isOpenPublicIp: "bool" },
  // Attaching a system disk resets the root password to `password`.
  "alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment": { password: "string" },
  "alicloud:ecs/diskAttachment:DiskAttachment": { password: "string" },
  // Presence alone counts for require-audit-trail-for-compute; the API server's internet EIP for the port rule.
  "alicloud:cs/serverlessKubernetes:ServerlessKubernetes": { endpointPublicAccessEnabled: "bool" },
  // SSH guessing blocked on every server, soon and for long (require-threat-detection).
  "alicloud:threatdetection/antiBruteForceRule:AntiBruteForceRule": {
    defaultRule: "bool",
    uuidLists: "strings",
    failCount: { oneOf: [2, 5, 10, 50, 100] },
    span: { oneOf: [1, 2, 5, 10, 15] },
    forbiddenTime: { oneOf: [5, 60, 360, 52560000] },
    protocolType: { object: { ssh: { oneOf: ["on", "off", "OFF", ""] }, rdp: { oneOf: ["on", "off"] } } },
  },
  "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy": {
    retentionDays: "number",
    repeatWeekdays: "strings",
    timePoints: "strings",
  },
  // Custom images named like public Windows ones take away the password-login exemption (disallow-ecs-password-login).
  "alicloud:ecs/image:Image": {
    imageName: { oneOf: ["win2022_core_alibase_20240101.vhd", "ubuntu_22", ""] },
    name: "string",
    platform: { oneOf: ["Windows Server 2022", "Ubuntu", "Others Linux", ""] },
  },
  "alicloud:ecs/imageImport:ImageImport": {
    imageName: { oneOf: ["win2019_datacenter_x64", "centos_7"] },
    osType: { oneOf: ["windows", "linux", "Windows"] },
    platform: "string",
  },
  "alicloud:ecs/imageCopy:ImageCopy": { imageName: { oneOf: ["win2016_datacenter_x64", "x"] } },
  // Raw ROS templates: the wrapped rules read the resources they declare.
  "alicloud:ros/stack:Stack": {
    templateBody: { oneOf: [...TEMPLATE_BODIES, ROS_DATABASE_WHITELISTS, ROS_NLB] },
    templateUrl: "string",
    parameters: { arrayOf: { parameterKey: { oneOf: ["Pol", "Pw", "Src"] }, parameterValue: "string" } },
  },
  "alicloud:ros/stackGroup:StackGroup": {
    templateBody: { oneOf: [...TEMPLATE_BODIES, ROS_DATABASE_WHITELISTS, ROS_NLB] },
    templateUrl: "string",
    templateId: "string",
    parameters: { arrayOf: { parameterKey: "string", parameterValue: "cidr" } },
  },
};
