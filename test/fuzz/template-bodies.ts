// Template bodies the fuzzer passes to the template containers: real templates with weaknesses and short forms, and
// garbage (broken JSON and YAML, wrong shapes, deep nesting, an alias bomb), which must never throw.
const cfnOpen = JSON.stringify({
  Resources: {
    Sg: {
      Type: "AWS::EC2::SecurityGroup",
      Properties: { SecurityGroupIngress: [{ IpProtocol: "-1", CidrIp: { Ref: "Src" } }] },
    },
    Ec2: { Type: "AWS::EC2::Instance", Properties: { UserData: { "Fn::Base64": { "Fn::Sub": "${AWS::Region}" } } } },
    Db: { Type: "AWS::RDS::DBInstance", Properties: { PubliclyAccessible: { "Fn::If": ["C", true, false] } } },
  },
  Parameters: { Src: { Type: "String", Default: "0.0.0.0/0" } },
});

const cfnYaml = `Resources:
  Rule:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { IpProtocol: tcp, FromPort: !Ref P, ToPort: 22, CidrIpv6: !Sub "\${X}" }
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: !If [C, {UserData: !Base64 "echo"}, !Ref AWS::NoValue]
`;

const rosYaml = `ROSTemplateFormatVersion: "2015-09-01"
Resources:
  G:
    Type: ALIYUN::ECS::SecurityGroup
    Properties:
      SecurityGroupIngress: [{PortRange: -1/-1, IpProtocol: all, SourceCidrIp: 0.0.0.0/0, Policy: !Ref Pol}]
  I:
    Type: ALIYUN::ECS::InstanceGroup
    Properties: { Password: !Ref Pw, UserData: !Join ["", [a, !GetAtt G.Id]] }
  D:
    Type: ALIYUN::RDS::DBInstance
    Properties: { SecurityIPList: [0.0.0.0/0] }
`;

/** Conditions that name each other in a cycle, functions with wrong arity, and every network type with odd shapes. */
const conditionsAndNetwork = JSON.stringify({
  Conditions: {
    A: { Condition: "B" },
    B: { "Fn::Not": [{ Condition: "A" }] },
    C: { "Fn::Equals": [null, { Ref: "Vpc" }] },
    D: { "Fn::And": "x" },
    E: { "Fn::Or": [] },
  },
  Resources: {
    Vpc: { Type: "AWS::EC2::VPC", Condition: "A", Properties: { Tags: "x" } },
    Sub: { Type: "AWS::EC2::Subnet", Condition: "C", Properties: { VpcId: { "Fn::GetAtt": "Vpc" } } },
    Rt: { Type: "AWS::EC2::Route", Condition: "D", Properties: { GatewayId: { "Fn::GetAtt": ["Igw"] } } },
    Acl: { Type: "AWS::EC2::NetworkAclEntry", Condition: "E", Properties: { PortRange: 22, Icmp: [] } },
    Ec2: { Type: "AWS::EC2::Instance", Properties: { NetworkInterfaces: [null, 5, { DeviceIndex: {} }] } },
    Ip: { Type: "AWS::EC2::EIPAssociation", Properties: { EIP: { "Fn::If": ["A", { Ref: "Ec2" }] } } },
    Lc: { Type: "AWS::AutoScaling::LaunchConfiguration", Properties: { MetadataOptions: "x", UserData: [] } },
  },
});

const rosDropsAndCompute = JSON.stringify({
  ROSTemplateFormatVersion: "2015-09-01",
  Resources: {
    G: {
      Type: "ALIYUN::ECS::SecurityGroup",
      Properties: {
        SecurityGroupIngress: [
          { PortRange: "22/22", IpProtocol: "tcp", SourceCidrIp: "0.0.0.0/0", Priority: "x" },
          { PortRange: "1/0", IpProtocol: "tcp", SourceCidrIp: "not-a-cidr", Policy: "drop", Priority: -3 },
          null,
        ],
      },
    },
    L: { Type: "ALIYUN::ECS::LaunchTemplate", Properties: { Password: { "Fn::GetAtt": ["G", "SecurityGroupId"] } } },
    S: { Type: "ALIYUN::ESS::ScalingConfiguration", Properties: { SecurityGroupIds: { Ref: "G" }, Tags: [1, null] } },
    E: { Type: "ALIYUN::VPC::EIPAssociation", Properties: { InstanceId: [{ Ref: "L" }] } },
    R: { Type: "ALIYUN::RDS::DBInstance", Properties: { AllocatePublicConnection: "maybe", DBInstanceNetType: 3 } },
    K: { Type: "ALIYUN::CS::KubernetesCluster", Properties: { SshFlags: "maybe", EndpointPublicAccess: [null] } },
    A: { Type: "ALIYUN::CS::ASKCluster", Properties: { EndpointPublicAccess: { "Fn::GetAtt": ["K", "Id"] } } },
  },
});

/**
 * Auto scaling groups, mixed instances policies, ROS scaling groups and nested stacks in wrong shapes, with the
 * parameters the fuzzer passes (Src, P, Pol: possibly unknown, which links them to program resources) in every
 * place a resource is named, whole, in lists and spliced into text.
 */
const scalingGroupsAndNested = JSON.stringify({
  Parameters: { Src: { Type: "List<AWS::EC2::SecurityGroup::Id>" }, P: { Type: 5 }, Pol: { Default: [] } },
  Resources: {
    Asg: {
      Type: "AWS::AutoScaling::AutoScalingGroup",
      Properties: {
        LaunchTemplate: "lt",
        MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: [1], Overrides: "x" } },
        VPCZoneIdentifier: { Ref: "P" },
        LaunchConfigurationName: { "Fn::Sub": "${Src}-${Pol}" },
        Tags: [null, { Key: { Ref: "Src" } }, 7],
      },
    },
    Mixed: {
      Type: "AWS::AutoScaling::AutoScalingGroup",
      Properties: {
        MixedInstancesPolicy: { LaunchTemplate: { Ref: "Src" } },
        LaunchTemplate: { LaunchTemplateId: { Ref: "Asg" }, Version: { Ref: "Pol" } },
        TargetGroupARNs: { Ref: "Src" },
        Tags: "x",
      },
    },
    Lt: {
      Type: "AWS::EC2::LaunchTemplate",
      Properties: { LaunchTemplateData: { NetworkInterfaces: [{ Groups: { Ref: "Src" }, SubnetId: { Ref: "P" } }] } },
    },
    Ess: {
      Type: "ALIYUN::ESS::ScalingGroup",
      Properties: { VSwitchIds: { Ref: "Pol" }, LoadBalancerIds: [{ Ref: "Src" }, null] },
    },
    Conf: {
      Type: "ALIYUN::ESS::ScalingConfiguration",
      Properties: {
        ScalingGroupId: { Ref: "Ess" },
        SecurityGroupId: { Ref: "Pol" },
        InternetMaxBandwidthOut: { Ref: "P" },
      },
    },
    Child: { Type: "AWS::CloudFormation::Stack", Properties: null },
    RosChild: { Type: "ALIYUN::ROS::Stack", Properties: { TemplateURL: { Ref: "Src" } } },
  },
});

/** Balancers, listeners, rules, target groups and a distribution with origin headers, in wrong shapes. */
const balancersAndOrigins = JSON.stringify({
  Parameters: { Src: { Type: "String", NoEcho: true }, P: { Type: "Number" } },
  Resources: {
    Alb: { Type: "AWS::ElasticLoadBalancingV2::LoadBalancer", Properties: { Scheme: { Ref: "Src" }, Subnets: "x" } },
    Tg: {
      Type: "AWS::ElasticLoadBalancingV2::TargetGroup",
      Properties: {
        Port: { Ref: "P" },
        Targets: [null, { Id: { "Fn::GetAtt": ["Alb"] }, Port: "22" }, { "Fn::If": ["C", { Id: 5 }, 7] }],
        TargetGroupAttributes: [{ Key: "preserve_client_ip.enabled", Value: { Ref: "Src" } }, "x"],
      },
    },
    Lsn: {
      Type: "AWS::ElasticLoadBalancingV2::Listener",
      Properties: {
        LoadBalancerArn: { Ref: "Alb" },
        Port: "443",
        DefaultActions: [{ Type: { Ref: "Src" }, ForwardConfig: { TargetGroups: "x" } }, null],
      },
    },
    Rule: {
      Type: "AWS::ElasticLoadBalancingV2::ListenerRule",
      Properties: {
        ListenerArn: { "Fn::GetAtt": ["Lsn", "ListenerArn"] },
        Conditions: [{ Field: "http-header", HttpHeaderConfig: { HttpHeaderName: [], Values: { Ref: "Src" } } }, 3],
        Actions: { Type: "forward" },
      },
    },
    Cdn: {
      Type: "AWS::CloudFront::Distribution",
      Properties: {
        DistributionConfig: {
          WebACLId: { Ref: "Src" },
          Origins: [{ DomainName: { "Fn::Sub": "${Alb.DNSName}" }, OriginCustomHeaders: [{ HeaderName: 1 }, null] }],
        },
      },
    },
  },
});

/** Backup vaults, their locks and access policies, and plans with lifecycles and copy actions, in wrong shapes. */
const backupsInWrongShapes = JSON.stringify({
  Parameters: { Src: { Type: "String" }, P: { Type: "Number" } },
  Resources: {
    Vault: {
      Type: "AWS::Backup::BackupVault",
      Properties: {
        BackupVaultName: { "Fn::Sub": "${AWS::StackName}-${Src}" },
        LockConfiguration: { "Fn::If": ["C", { MinRetentionDays: { Ref: "P" } }, { Ref: "AWS::NoValue" }] },
        AccessPolicy: "x",
        BackupVaultTags: [1, null],
      },
    },
    Bare: { Type: "AWS::Backup::BackupVault", Properties: { LockConfiguration: [null], BackupVaultName: 7 } },
    Plan: {
      Type: "AWS::Backup::BackupPlan",
      Properties: {
        BackupPlan: {
          BackupPlanRule: [
            null,
            7,
            { TargetBackupVault: { Ref: "Vault" }, Lifecycle: "x", CopyActions: { Ref: "Src" } },
            {
              TargetBackupVault: [],
              Lifecycle: { DeleteAfterDays: { Ref: "P" } },
              CopyActions: [null, { Lifecycle: [] }],
            },
          ],
        },
      },
    },
    Odd: { Type: "AWS::Backup::BackupPlan", Properties: { BackupPlan: { BackupPlanRule: { Ref: "Src" } } } },
  },
});

/**
 * ROS buckets, WORM policies, egress rules, IPv6 bandwidth, assignments and clones and AnalyticDB public connections in
 * wrong shapes.
 */
const rosStoresEgressAndIpv6 = JSON.stringify({
  ROSTemplateFormatVersion: "2015-09-01",
  Parameters: { Src: { Type: "String" }, P: { Type: "Number" } },
  Resources: {
    B: {
      Type: "ALIYUN::OSS::Bucket",
      Properties: {
        BucketName: { Ref: "Src" },
        Tags: [null, 5, { Key: { Ref: "Src" } }],
        DeletionForce: "maybe",
        LifecycleConfiguration: { Rule: [null, { Expiration: 5, AbortMultipartUpload: [] }, "x"] },
        VersioningConfiguration: [],
        ServerSideEncryptionConfiguration: { Ref: "Src" },
        LoggingConfiguration: "x",
      },
    },
    B2: { Type: "ALIYUN::OSS::Bucket", Properties: { Tags: "x", LifecycleConfiguration: { Rule: { Ref: "P" } } } },
    W: { Type: "ALIYUN::OSS::BucketWorm", Properties: { Bucket: [{ Ref: "B" }], RetentionPeriodInDays: "x" } },
    G: {
      Type: "ALIYUN::ECS::SecurityGroup",
      Properties: { SecurityGroupEgress: [null, 3, { PortRange: { Ref: "P" }, DestCidrIp: [] }] },
    },
    E: { Type: "ALIYUN::ECS::SecurityGroupEgresses", Properties: { SecurityGroupId: 7, Permissions: "x" } },
    E1: { Type: "ALIYUN::ECS::SecurityGroupEgress", Properties: null },
    I: { Type: "ALIYUN::ECS::InstanceGroup", Properties: { Ipv6AddressCount: "x", Ipv6Addresses: { Ref: "Src" } } },
    Bw: {
      Type: "ALIYUN::VPC::Ipv6InternetBandwidth",
      Properties: { Ipv6AddressId: { "Fn::Select": [{ Ref: "P" }, { "Fn::GetAtt": ["I", "Ipv6AddressIds"] }] } },
    },
    Gw: { Type: "ALIYUN::VPC::Ipv6Gateway", Properties: { VpcId: [null] } },
    A: {
      Type: "ALIYUN::ECS::AssignIpv6Addresses",
      Properties: { NetworkInterfaceId: { Ref: "I" }, Ipv6AddressCount: [null], Ipv6Addresses: "x" },
    },
    A2: { Type: "ALIYUN::ECS::AssignIpv6Addresses", Properties: { NetworkInterfaceId: [{ Ref: "Src" }] } },
    Cl: {
      Type: "ALIYUN::ECS::InstanceGroupClone",
      Properties: { Ipv6AddressCount: { Ref: "Src" }, Ipv6Addresses: 4, SecurityGroupIds: "x" },
    },
    Bw2: {
      Type: "ALIYUN::VPC::Ipv6InternetBandwidth",
      Properties: {
        Ipv6AddressId: [{ "Fn::GetAtt": ["A", "Ipv6AddressIds"] }, { "Fn::GetAtt": ["Cl", "Ipv6AddressIds"] }],
      },
    },
    C: { Type: "ALIYUN::GPDB::InstancePublicConnection", Properties: { DBInstanceId: { Ref: "Bw" }, Port: "x" } },
  },
});

const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
const aliasBomb = [
  "a: &a [x, x, x, x, x, x, x, x]",
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]",
  "c: [*b, *b, *b, *b, *b, *b, *b, *b]",
].join("\n");

export const TEMPLATE_BODIES: readonly string[] = [
  cfnOpen,
  cfnYaml,
  rosYaml,
  conditionsAndNetwork,
  rosDropsAndCompute,
  scalingGroupsAndNested,
  balancersAndOrigins,
  backupsInWrongShapes,
  rosStoresEgressAndIpv6,
  "",
  "{",
  "Resources: [",
  "Resources: 5",
  '{"Resources": {"A": null, "B": {"Type": 7}, "C": {"Type": "AWS::EC2::SecurityGroup", "Properties": "x"}}}',
  '{"Resources": {"A": {"Type": "ALIYUN::ECS::SecurityGroupIngress", "Properties": {"Fn::If": []}}}}',
  deep,
  aliasBomb,
  "!Ref x",
  "Resources: !Sub x",
];
