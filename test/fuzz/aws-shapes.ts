// Input shapes of the AWS resource types the pack's policies read (field names as @pulumi/aws 7 sends them).
import { Field, Shape } from "./shape";
import { TEMPLATE_BODIES } from "./template-bodies";

/**
 * Templates of CloudTrail Lake stores and flow logs to ARNs built around a bucket, each value where a translation
 * reads one also written in a shape CloudFormation would reject.
 */
const LAKE_AND_DESTINATION_BODIES: readonly string[] = [
  JSON.stringify({
    Parameters: { P: { Type: "String" } },
    Resources: {
      Lake: {
        Type: "AWS::CloudTrail::EventDataStore",
        Properties: {
          IngestionEnabled: { Ref: "P" },
          MultiRegionEnabled: "False",
          RetentionPeriod: "7",
          AdvancedEventSelectors: [null, 5, "x", { FieldSelectors: "x" }, { FieldSelectors: [null, { Field: 1 }] }],
        },
      },
      Odd: {
        Type: "AWS::CloudTrail::EventDataStore",
        Properties: { IngestionEnabled: "maybe", AdvancedEventSelectors: {} },
      },
      Trail: { Type: "AWS::CloudTrail::Trail", Properties: { EventSelectors: [7, { ReadWriteType: [] }] } },
      Vpc: { Type: "AWS::EC2::VPC", Properties: { CidrBlock: "10.0.0.0/16" } },
      B: { Type: "AWS::S3::Bucket", Properties: { LifecycleConfiguration: { Rules: [{ ExpirationInDays: 1 }] } } },
      F1: {
        Type: "AWS::EC2::FlowLog",
        Properties: { ResourceId: { Ref: "Vpc" }, LogDestination: { "Fn::Sub": "arn:aws:s3:::${B}/${P}" } },
      },
      F2: {
        Type: "AWS::EC2::FlowLog",
        Properties: {
          ResourceId: { Ref: "Vpc" },
          LogDestination: { "Fn::Join": ["", ["arn:aws:s3:::", { Ref: "B" }]] },
        },
      },
      F3: {
        Type: "AWS::EC2::FlowLog",
        Properties: {
          ResourceId: { Ref: "Vpc" },
          LogDestination: { "Fn::Sub": ["arn:aws:s3:::${X}", { X: { Ref: "Nope" } }] },
        },
      },
      F4: {
        Type: "AWS::EC2::FlowLog",
        Properties: { ResourceId: { Ref: "Vpc" }, LogDestination: { "Fn::Sub": "arn:aws:s3:::${B}${B}" } },
      },
    },
  }),
];

/** WAF match statements that can make an allow rule take every request (size, byte and regex match, IP sets). */
const wafField: Shape = { uriPath: { object: {} }, method: { object: {} }, body: { object: {} } };
const wafTransforms: Field = {
  arrayOf: { priority: "number", type: { oneOf: ["NONE", "LOWERCASE", "URL_DECODE", "BASE64_DECODE"] } },
};
const wafLeaf: Shape = {
  sizeConstraintStatement: {
    object: {
      comparisonOperator: { oneOf: ["GE", "GT", "LE", "LT", "EQ", "NE", ""] },
      size: "number",
      fieldToMatch: { object: wafField },
      textTransformations: wafTransforms,
    },
  },
  byteMatchStatement: {
    object: {
      positionalConstraint: { oneOf: ["STARTS_WITH", "CONTAINS", "ENDS_WITH", "EXACTLY", "CONTAINS_WORD"] },
      searchString: { oneOf: ["", "/", "/admin", "x"] },
      fieldToMatch: { object: wafField },
      textTransformations: wafTransforms,
    },
  },
  regexMatchStatement: {
    object: {
      regexString: { oneOf: [".*", "^", "$", "", "(?s).*", "a+", "(", "[^"] },
      fieldToMatch: { object: wafField },
    },
  },
  ipSetReferenceStatement: { object: { arn: "string" } },
  regexPatternSetReferenceStatement: {
    object: { arn: "string", fieldToMatch: { object: wafField }, textTransformations: wafTransforms },
  },
};
const wafAction: Field = { object: { allow: { object: {} }, block: { object: {} }, count: { object: {} } } };
const wafStatement: Shape = {
  ...wafLeaf,
  ruleGroupReferenceStatement: {
    object: {
      arn: "string",
      ruleActionOverrides: { arrayOf: { name: "string", actionToUse: wafAction } },
      excludedRules: { arrayOf: { name: "string" } },
    },
  },
  notStatement: { object: { statements: { arrayOf: wafLeaf }, statement: { object: wafLeaf } } },
  orStatement: { object: { statements: { arrayOf: wafLeaf } } },
  andStatement: { object: { statements: { arrayOf: wafLeaf } } },
  rateBasedStatement: {
    object: {
      limit: { oneOf: [10, 1000, 10_000, 10_001, 2_000_000_000] },
      evaluationWindowSec: { oneOf: [60, 120, 300, 600] },
      aggregateKeyType: { oneOf: ["IP", "FORWARDED_IP", "CONSTANT", ""] },
      scopeDownStatement: { object: wafLeaf },
    },
  },
};
/** A scope-down: a leaf, a NOT around one (what spares requests), or AND / OR of them, nested a level. */
const wafScopeLeaf: Shape = {
  ...wafLeaf,
  notStatement: { object: { statement: { object: wafLeaf } } },
};
const wafScopeDown: Field = {
  object: {
    ...wafScopeLeaf,
    andStatement: { object: { statements: { arrayOf: wafScopeLeaf } } },
    orStatement: { object: { statements: { arrayOf: wafScopeLeaf } } },
  },
};
const wafManagedGroup: Shape = {
  name: {
    oneOf: [
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "awsmanagedrulescommonruleset",
      "AWSManagedRulesAntiDDoSRuleSet",
      "",
    ],
  },
  vendorName: { oneOf: ["AWS", "aws", ""] },
  scopeDownStatement: wafScopeDown,
  ruleActionOverrides: {
    arrayOf: {
      name: { oneOf: ["DDoSRequests", "ChallengeDDoSRequests", "ChallengeAllDuringEvent", "other-rule"] },
      actionToUse: wafAction,
    },
  },
  excludedRules: { arrayOf: { name: { oneOf: ["DDoSRequests", "ChallengeDDoSRequests", ""] } } },
  managedRuleGroupConfigs: {
    arrayOf: {
      awsManagedRulesAntiDdosRuleSet: {
        object: {
          sensitivityToBlock: { oneOf: ["LOW", "MEDIUM", "HIGH", ""] },
          clientSideActionConfig: {
            object: { challenge: { object: { usageOfAction: { oneOf: ["ENABLED", "DISABLED", "enabled", ""] } } } },
          },
        },
      },
    },
  },
};

const sgRule: Shape = {
  fromPort: "port",
  toPort: "port",
  protocol: "protocol",
  cidrBlocks: "cidrs",
  ipv6CidrBlocks: "cidrs",
  prefixListIds: "strings",
  securityGroups: "strings",
  self: "bool",
  description: "string",
};

const metadataOptions: Shape = {
  httpTokens: { oneOf: ["required", "optional", "", "REQUIRED", null] },
  httpEndpoint: { oneOf: ["enabled", "disabled", ""] },
  httpPutResponseHopLimit: "number",
};

const blockDevice: Shape = { encrypted: "bool", kmsKeyId: "string", deleteOnTermination: "bool", volumeSize: "number" };

const logging: Shape = { targetBucket: "string", targetPrefix: "string", enabled: "bool", bucket: "string" };

const instanceLike: Shape = {
  userData: "userData",
  userDataBase64: "userData",
  metadataOptions: { object: metadataOptions },
  associatePublicIpAddress: "bool",
  rootBlockDevice: { object: blockDevice },
  ebsBlockDevices: { arrayOf: blockDevice },
  vpcSecurityGroupIds: "strings",
  securityGroups: "strings",
  keyName: "string",
  iamInstanceProfile: "string",
  monitoring: "bool",
};

/** A bucket ACL: canned, or grants to users and to the public groups. */
const s3BucketAcl: Shape = {
  bucket: "string",
  acl: { oneOf: ["private", "public-read", "public-read-write", "log-delivery-write"] },
  accessControlPolicy: {
    object: {
      grants: {
        arrayOf: {
          grantee: {
            object: {
              type: { oneOf: ["Group", "CanonicalUser"] },
              uri: {
                oneOf: [
                  "http://acs.amazonaws.com/groups/global/AllUsers",
                  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
                  "http://acs.amazonaws.com/groups/s3/LogDelivery",
                ],
              },
            },
          },
          permission: { oneOf: ["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"] },
        },
      },
    },
  },
};

const naclEntry: Shape = {
  ruleNo: "number",
  action: { oneOf: ["allow", "deny", "ALLOW"] },
  protocol: "protocol",
  fromPort: "port",
  toPort: "port",
  cidrBlock: "cidr",
  ipv6CidrBlock: "cidr",
  icmpType: "number",
};

const sgInline: Shape = { ingress: { arrayOf: sgRule }, egress: { arrayOf: sgRule }, vpcId: "string" };

const objectLockRule: Shape = {
  defaultRetention: { object: { mode: { oneOf: ["COMPLIANCE", "GOVERNANCE", ""] }, days: "number", years: "number" } },
};

const searchDomain: Shape = {
  accessPolicies: "policyDocument",
  domainName: "string",
  vpcOptions: { object: { subnetIds: "strings", securityGroupIds: "strings" } },
};
const searchDomainPolicy: Shape = { accessPolicies: "policyDocument", domainName: "string" };

/**
 * Elastic Beanstalk option settings; SSHSourceRestriction's value is "protocol, fromPort, toPort, source"; the
 * environment options decide whether and through what kind of load balancer the environment faces the internet.
 */
const beanstalkSettings: Shape = {
  settings: {
    arrayOf: {
      namespace: {
        oneOf: [
          "aws:autoscaling:launchconfiguration",
          "aws:ec2:vpc",
          "AWS:AUTOSCALING:LAUNCHCONFIGURATION",
          "aws:elasticbeanstalk:environment",
          "",
        ],
      },
      name: {
        oneOf: [
          "SSHSourceRestriction",
          "EC2KeyName",
          "sshsourcerestriction",
          "EnvironmentType",
          "LoadBalancerType",
          "LoadBalancerIsShared",
          "ELBScheme",
          "",
        ],
      },
      value: {
        oneOf: [
          "SingleInstance",
          "LoadBalanced",
          "application",
          "classic",
          "network",
          "internal",
          "public",
          "true",
          "tcp, 22, 22, 0.0.0.0/0",
          "tcp,3389,3389,::/0",
          "tcp, 22, 22, sg-0123456789abcdef0",
          "tcp, 0, 65535, 203.0.113.0/24",
          "-1, -1, -1, 0.0.0.0/0",
          "udp, 22, 22, 0.0.0.0/0",
          "tcp, 22, 22",
          "tcp, 22, abc, 0.0.0.0/0",
          "tcp, 22, 22, 0.0.0.0/0, extra",
          "",
        ],
      },
    },
  },
};

/**
 * Policies that test aws:MultiFactorAuthPresent, in the forms require-iam-console-mfa reads and in broken ones: blocks
 * that are no objects, lists of mixed entries, NotAction holding non-text, conditions of several keys.
 */
const MFA_DOCUMENTS: readonly unknown[] = [
  {
    Statement: {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    },
  },
  {
    Statement: [
      {
        Effect: "Deny",
        NotAction: ["iam:GetUser", 7, null],
        Resource: ["*"],
        Condition: { Null: { "aws:MultiFactorAuthPresent": [true, "x"] } },
      },
    ],
  },
  { Statement: [{ Effect: "Deny", Action: [], Resource: null, Condition: { Bool: "false" } }, null, 5] },
  {
    Statement: [
      {
        Effect: "Deny",
        Action: "*",
        NotResource: "*",
        Condition: { Bool: { "aws:MultiFactorAuthPresent": {} }, Null: [] },
      },
    ],
  },
  JSON.stringify({
    Statement: {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { Bool: { "aws:multifactorauthpresent": [] } },
    },
  }),
  { Statement: {} },
  "{",
];
const mfaDocument: Field = { oneOf: MFA_DOCUMENTS };
/** User and group names as references give them: a name, a template id, or text of no name. */
const principalName: Field = { oneOf: ["ops", "humans", "", "arn:aws:iam::1:user/ops"] };
const principalNames: Field = { arrayOf: principalName };

/** CloudFormation IAM users with console logins, their groups and the policies that reach them. */
const IDENTITY_BODIES: readonly string[] = [
  JSON.stringify({
    Parameters: { P: { Type: "String", NoEcho: true } },
    Resources: {
      U: {
        Type: "AWS::IAM::User",
        Properties: {
          UserName: "ops",
          LoginProfile: { Password: { Ref: "P" }, PasswordResetRequired: "maybe" },
          Groups: [{ Ref: "G" }, 5],
          Policies: [null, { PolicyName: "p", PolicyDocument: MFA_DOCUMENTS[0] }, 3],
          ManagedPolicyArns: [{ Ref: "M" }, null],
        },
      },
      V: { Type: "AWS::IAM::User", Properties: { LoginProfile: { Password: 12345678 }, Groups: "humans" } },
      W: { Type: "AWS::IAM::User", Properties: { LoginProfile: "x", Policies: { PolicyDocument: 1 } } },
      G: { Type: "AWS::IAM::Group", Properties: { Policies: [{ PolicyDocument: "{" }], ManagedPolicyArns: "arn" } },
      M: {
        Type: "AWS::IAM::ManagedPolicy",
        Properties: { PolicyDocument: MFA_DOCUMENTS[1], Users: [{ Ref: "V" }], Groups: 7 },
      },
      I: {
        Type: "AWS::IAM::Policy",
        Properties: { PolicyName: 1, PolicyDocument: { Ref: "P" }, Groups: [{ Ref: "G" }] },
      },
      A: {
        Type: "AWS::IAM::UserToGroupAddition",
        Properties: { GroupName: { Ref: "G" }, Users: [{ Ref: "W" }, null] },
      },
    },
  }),
];

export const awsShapes: Record<string, Shape> = {
  "aws:opensearch/domain:Domain": searchDomain,
  "aws:elasticsearch/domain:Domain": searchDomain,
  "aws:opensearch/domainPolicy:DomainPolicy": searchDomainPolicy,
  "aws:elasticsearch/domainPolicy:DomainPolicy": searchDomainPolicy,
  "aws:ec2/securityGroup:SecurityGroup": { ...sgInline, name: "string", revokeRulesOnDelete: "bool" },
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": sgInline,
  "aws:ec2/securityGroupRule:SecurityGroupRule": {
    ...sgRule,
    type: { oneOf: ["ingress", "egress", "INGRESS", "", null] },
    securityGroupId: "string",
    sourceSecurityGroupId: "string",
  },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
    fromPort: "port",
    toPort: "port",
    ipProtocol: "protocol",
    cidrIpv4: "cidr",
    cidrIpv6: "cidr",
    prefixListId: "string",
    referencedSecurityGroupId: "string",
    securityGroupId: "string",
  },
  // Managed prefix lists: the network model resolves rules' prefixListIds / prefixListId to their entries.
  "aws:ec2/managedPrefixList:ManagedPrefixList": {
    name: "string",
    addressFamily: { oneOf: ["IPv4", "IPv6", "ipv4", "", null] },
    maxEntries: "number",
    entries: { arrayOf: { cidr: "cidr", description: "string" } },
  },
  "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry": {
    prefixListId: "string",
    cidr: "cidr",
    description: "string",
  },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
    fromPort: "port",
    toPort: "port",
    ipProtocol: "protocol",
    cidrIpv4: "cidr",
    cidrIpv6: "cidr",
    securityGroupId: "string",
  },
  "aws:ec2/networkAcl:NetworkAcl": { ingress: { arrayOf: naclEntry }, egress: { arrayOf: naclEntry } },
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": { ingress: { arrayOf: naclEntry }, egress: { arrayOf: naclEntry } },
  "aws:ec2/networkAclRule:NetworkAclRule": {
    egress: "bool",
    ruleNumber: "number",
    ruleAction: { oneOf: ["allow", "deny", "ALLOW"] },
    protocol: "protocol",
    fromPort: "port",
    toPort: "port",
    cidrBlock: "cidr",
    ipv6CidrBlock: "cidr",
  },
  "aws:ec2/instance:Instance": {
    ...instanceLike,
    subnetId: "string",
    ipv6AddressCount: "number",
    ipv6Addresses: { arrayOf: { oneOf: ["2001:db8::1", "", "::", "fe80::1%eth0", "x"] } },
  },
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest": { ...instanceLike, spotPrice: "string" },
  "aws:ec2/spotFleetRequest:SpotFleetRequest": {
    launchSpecifications: {
      arrayOf: {
        userData: "userData",
        ami: "string",
        instanceType: "string",
        subnetId: "string",
        vpcSecurityGroupIds: "strings",
        associatePublicIpAddress: "bool",
      },
    },
    launchTemplateConfigs: {
      arrayOf: {
        launchTemplateSpecification: { object: { id: "string", name: "string", version: "string" } },
        overrides: { arrayOf: { subnetId: "string" } },
      },
    },
    targetGroupArns: "strings",
    loadBalancers: "strings",
    targetCapacity: "number",
  },
  // Presence counts (require-audit-trail-for-compute); the network model reads its template configs.
  "aws:ec2/fleet:Fleet": {
    launchTemplateConfigs: {
      arrayOf: {
        launchTemplateSpecification: { object: { launchTemplateId: "string", launchTemplateName: "string" } },
        overrides: { arrayOf: { subnetId: "string" } },
      },
    },
  },
  "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults": {
    httpTokens: { oneOf: ["required", "optional", "no-preference", "Required", ""] },
    httpEndpoint: { oneOf: ["enabled", "disabled", "no-preference"] },
    httpPutResponseHopLimit: "number",
  },
  // An AMI registered with imdsSupport "v2.0" gives the launches from it IMDSv2 (require-imdsv2).
  "aws:ec2/ami:Ami": {
    name: "string",
    imdsSupport: { oneOf: ["v2.0", "V2.0", "v1.0", ""] },
    rootDeviceName: "string",
  },
  "aws:imagebuilder/component:Component": {
    platform: { oneOf: ["Linux", "Windows", "macOS", "windows", ""] },
    data: "ssmDocument",
    uri: "string",
    version: "string",
  },
  "aws:imagebuilder/workflow:Workflow": {
    type: { oneOf: ["BUILD", "TEST", "DISTRIBUTION", ""] },
    data: "ssmDocument",
    uri: "string",
    version: "string",
  },
  "aws:imagebuilder/containerRecipe:ContainerRecipe": {
    platformOverride: { oneOf: ["Linux", "Windows", "windows", ""] },
    dockerfileTemplateData: "userData",
    dockerfileTemplateUri: "string",
    containerType: { oneOf: ["DOCKER", ""] },
    parentImage: "string",
    version: "string",
  },
  "aws:imagebuilder/imageRecipe:ImageRecipe": { userDataBase64: "userData", parentImage: "string", version: "string" },
  "aws:ec2/trafficMirrorFilter:TrafficMirrorFilter": { description: "string", networkServices: "strings" },
  "aws:ec2/trafficMirrorFilterRule:TrafficMirrorFilterRule": {
    trafficMirrorFilterId: "string",
    trafficDirection: { oneOf: ["ingress", "egress", "INGRESS", "", null] },
    ruleNumber: "number",
    ruleAction: { oneOf: ["accept", "reject", "ACCEPT", "allow", ""] },
    protocol: { oneOf: [0, 6, 17, 1, 58, -1, 256, "6", null] },
    sourceCidrBlock: "cidr",
    destinationCidrBlock: "cidr",
    sourcePortRange: { object: { fromPort: "port", toPort: "port" } },
    destinationPortRange: { object: { fromPort: "port", toPort: "port" } },
  },
  "aws:apigateway/restApi:RestApi": {
    name: "string",
    endpointConfiguration: {
      object: { types: { oneOf: ["EDGE", "REGIONAL", "PRIVATE", "private", ""] }, vpcEndpointIds: "strings" },
    },
    body: "policyDocument",
  },
  "aws:wafv2/regexPatternSet:RegexPatternSet": {
    name: "string",
    scope: { oneOf: ["REGIONAL", "CLOUDFRONT", ""] },
    arn: "string",
    regularExpressions: { arrayOf: { regexString: { oneOf: [".*", "^/", "^/admin", "", "(", "[^"] } } },
  },
  "aws:wafv2/ruleGroup:RuleGroup": {
    name: "string",
    scope: { oneOf: ["REGIONAL", "CLOUDFRONT", ""] },
    capacity: "number",
    arn: "string",
    rules: {
      arrayOf: {
        name: "string",
        priority: "number",
        action: wafAction,
        statement: { object: wafStatement },
      },
    },
    rulesJson: "policyDocument",
  },
  "aws:wafv2/ipSet:IpSet": {
    name: "string",
    scope: { oneOf: ["REGIONAL", "CLOUDFRONT", ""] },
    ipAddressVersion: { oneOf: ["IPV4", "IPV6", "ipv4", ""] },
    addresses: "cidrs",
    arn: "string",
  },
  "aws:appsync/graphQLApi:GraphQLApi": {
    name: "string",
    authenticationType: { oneOf: ["API_KEY", "AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA"] },
    visibility: { oneOf: ["GLOBAL", "PRIVATE", "private", ""] },
    arn: "string",
  },
  "aws:apprunner/service:Service": {
    serviceName: "string",
    arn: "string",
    networkConfiguration: {
      object: {
        ingressConfiguration: { object: { isPubliclyAccessible: "bool" } },
        egressConfiguration: { object: { egressType: { oneOf: ["DEFAULT", "VPC"] }, vpcConnectorArn: "string" } },
      },
    },
  },
  "aws:cognito/userPool:UserPool": {
    name: "string",
    arn: "string",
    mfaConfiguration: { oneOf: ["OFF", "ON", "OPTIONAL"] },
  },
  "aws:amplify/app:App": { name: "string", arn: "string", platform: { oneOf: ["WEB", "WEB_COMPUTE", ""] } },
  "aws:bedrock/agentcoreGateway:AgentcoreGateway": {
    name: "string",
    gatewayArn: "string",
    authorizerType: { oneOf: ["AWS_IAM", "CUSTOM_JWT", ""] },
    protocolType: { oneOf: ["MCP", ""] },
  },
  // Entry points no web ACL attaches to (API Gateway v2, Lambda function URLs).
  "aws:apigatewayv2/api:Api": {
    name: "string",
    protocolType: { oneOf: ["HTTP", "WEBSOCKET", "http", ""] },
    disableExecuteApiEndpoint: "bool",
    target: "string",
  },
  "aws:apigatewayv2/stage:Stage": { apiId: "string", name: { oneOf: ["$default", "prod", ""] }, autoDeploy: "bool" },
  "aws:apigatewayv2/apiMapping:ApiMapping": { apiId: "string", domainName: "string", stage: "string" },
  "aws:apigatewayv2/domainName:DomainName": {
    domainName: "string",
    domainNameConfiguration: {
      object: { certificateArn: "string", endpointType: { oneOf: ["REGIONAL", ""] }, targetDomainName: "string" },
    },
  },
  "aws:lambda/functionUrl:FunctionUrl": {
    functionName: "string",
    authorizationType: { oneOf: ["NONE", "AWS_IAM", "none", ""] },
    qualifier: "string",
  },
  "aws:verifiedaccess/instance:Instance": { description: "string", fipsEnabled: "bool" },
  "aws:verifiedaccess/group:Group": {
    verifiedaccessInstanceId: "string",
    verifiedaccessGroupId: "string",
    policyDocument: "string",
  },
  "aws:verifiedaccess/endpoint:Endpoint": {
    verifiedAccessGroupId: "string",
    attachmentType: { oneOf: ["vpc", ""] },
    endpointType: { oneOf: ["load-balancer", "network-interface", "rds", "cidr", ""] },
    loadBalancerOptions: {
      object: {
        loadBalancerArn: "string",
        port: "port",
        protocol: { oneOf: ["http", "https", "tcp", ""] },
        subnetIds: "strings",
      },
    },
    networkInterfaceOptions: {
      object: { networkInterfaceId: "string", port: "port", protocol: { oneOf: ["http", "https", "tcp", ""] } },
    },
  },
  "aws:ssm/document:Document": {
    documentType: { oneOf: ["Command", "Automation", "Session", "Policy", ""] },
    documentFormat: { oneOf: ["JSON", "YAML", "TEXT"] },
    content: "ssmDocument",
  },
  "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": {
    taskType: { oneOf: ["RUN_COMMAND", "AUTOMATION", "LAMBDA", "run_command", ""] },
    taskArn: { oneOf: ["AWS-RunShellScript", "AWS-RunPowerShellScript", "arn:aws:lambda:x", ""] },
    taskInvocationParameters: {
      object: {
        runCommandParameters: {
          object: {
            parameters: {
              arrayOf: { name: { oneOf: ["commands", "workingDirectory", ""] }, values: { arrayOf: "userData" } },
            },
          },
        },
        automationParameters: {
          object: {
            documentVersion: "string",
            parameters: {
              arrayOf: { name: { oneOf: ["Commands", "InstanceId", ""] }, values: { arrayOf: "userData" } },
            },
          },
        },
      },
    },
  },
  "aws:ssm/association:Association": {
    name: {
      oneOf: [
        "AWS-RunShellScript",
        "arn:aws:ssm:us-east-1::document/AWS-RunShellScript",
        "AWS-RunPowerShellScript",
        "",
      ],
    },
    parameters: { object: { commands: "userData", workingDirectory: "string", Commands: "userData" } },
    automationTargetParameterName: { oneOf: ["InstanceId", "Commands", ""] },
  },
  "aws:ec2/launchConfiguration:LaunchConfiguration": { ...instanceLike, imageId: "string" },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    userData: "userData",
    metadataOptions: { object: metadataOptions },
    networkInterfaces: { arrayOf: { associatePublicIpAddress: "bool", securityGroups: "strings" } },
    blockDeviceMappings: { arrayOf: { deviceName: "string", ebs: { object: blockDevice } } },
    vpcSecurityGroupIds: "strings",
    keyName: "string",
  },
  "aws:ec2/flowLog:FlowLog": {
    vpcId: "string",
    subnetId: "string",
    trafficType: { oneOf: ["ALL", "ACCEPT", "REJECT", "all"] },
    logDestination: "string",
    logDestinationType: "string",
  },
  "aws:ec2/vpc:Vpc": { cidrBlock: "cidr", enableDnsSupport: "bool", enableDnsHostnames: "bool" },
  // Presence alone counts: flow logs name it by vpcId (require-vpc-flow-logs-all-traffic).
  "aws:ec2/defaultVpc:DefaultVpc": {},
  "aws:ec2/trafficMirrorSession:TrafficMirrorSession": {
    networkInterfaceId: "string",
    trafficMirrorTargetId: "string",
    trafficMirrorFilterId: "string",
    sessionNumber: "number",
  },
  "aws:ebs/volume:Volume": { encrypted: "bool", kmsKeyId: "string", size: "number" },
  "aws:s3/bucket:Bucket": {
    acl: { oneOf: ["private", "public-read", "public-read-write", "authenticated-read", ""] },
    forceDestroy: "bool",
    versioning: { object: { enabled: "bool", mfaDelete: "bool" } },
    serverSideEncryptionConfiguration: {
      object: {
        rule: {
          object: {
            applyServerSideEncryptionByDefault: {
              object: { sseAlgorithm: { oneOf: ["AES256", "aws:kms", ""] }, kmsMasterKeyId: "string" },
            },
          },
        },
      },
    },
    loggings: { arrayOf: logging },
    logging: { object: logging },
    policy: "policyDocument",
    objectLockEnabled: "bool",
  },
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": {
    bucket: "string",
    objectLockEnabled: { oneOf: ["Enabled", "", "Disabled"] },
    rule: { object: objectLockRule },
  },
  "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2": {
    bucket: "string",
    objectLockEnabled: { oneOf: ["Enabled", ""] },
    rule: { object: objectLockRule },
  },
  "aws:s3/bucketV2:BucketV2": { forceDestroy: "bool", objectLockEnabled: "bool", bucket: "string" },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
    bucket: "string",
    blockPublicAcls: "bool",
    blockPublicPolicy: "bool",
    ignorePublicAcls: "bool",
    restrictPublicBuckets: "bool",
  },
  "aws:s3/bucketObjectv2:BucketObjectv2": {
    bucket: "string",
    key: "string",
    acl: { oneOf: ["private", "public-read", "public-read-write", "authenticated-read", "bucket-owner-full-control"] },
  },
  "aws:s3/bucketObject:BucketObject": {
    bucket: "string",
    key: "string",
    acl: { oneOf: ["private", "public-read", "public-read-write", "authenticated-read"] },
  },
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": {
    accountId: "string",
    blockPublicAcls: "bool",
    blockPublicPolicy: "bool",
    ignorePublicAcls: "bool",
    restrictPublicBuckets: "bool",
  },
  "aws:s3/bucketAcl:BucketAcl": s3BucketAcl,
  "aws:s3/bucketAclV2:BucketAclV2": s3BucketAcl,
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": {
    bucket: "string",
    rule: { object: { objectOwnership: { oneOf: ["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"] } } },
  },
  "aws:s3/bucketPolicy:BucketPolicy": { bucket: "string", policy: "policyDocument" },
  "aws:s3/bucketVersioning:BucketVersioning": {
    bucket: "string",
    versioningConfiguration: {
      object: { status: { oneOf: ["Enabled", "Suspended", "Disabled", ""] }, mfaDelete: "string" },
    },
  },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    bucket: "string",
    rules: {
      arrayOf: {
        applyServerSideEncryptionByDefault: {
          object: { sseAlgorithm: { oneOf: ["AES256", "aws:kms", "aws:kms:dsse", ""] }, kmsMasterKeyId: "string" },
        },
        bucketKeyEnabled: "bool",
      },
    },
  },
  "aws:rds/instance:Instance": {
    publiclyAccessible: "bool",
    storageEncrypted: "bool",
    password: "string",
    manageMasterUserPassword: "bool",
    backupRetentionPeriod: "number",
    deletionProtection: "bool",
    skipFinalSnapshot: "bool",
    iamDatabaseAuthenticationEnabled: "bool",
    engine: "string",
    port: "port",
    vpcSecurityGroupIds: "strings",
  },
  "aws:rds/clusterInstance:ClusterInstance": {
    publiclyAccessible: "bool",
    engine: "string",
    clusterIdentifier: "string",
  },
  "aws:lightsail/instance:Instance": {
    name: "string",
    userData: "userData",
    blueprintId: { oneOf: ["amazon_linux_2023", "ubuntu_22_04", "windows_server_2022", "wordpress", ""] },
    ipAddressType: { oneOf: ["dualstack", "ipv4", "ipv6", ""] },
    availabilityZone: "string",
  },
  "aws:lightsail/instancePublicPorts:InstancePublicPorts": {
    instanceName: "string",
    portInfos: {
      arrayOf: { protocol: "protocol", fromPort: "port", toPort: "port", cidrs: "cidrs", ipv6Cidrs: "cidrs" },
    },
  },
  // Services that write inbound rules themselves (lib/ingress-managed-services.ts).
  "aws:eks/nodeGroup:NodeGroup": {
    remoteAccess: { object: { ec2SshKey: "string", sourceSecurityGroupIds: "strings" } },
    launchTemplate: { object: { id: "string", name: "string", version: "string" } },
    amiType: {
      oneOf: [
        "AL2_x86_64",
        "AL2023_x86_64_STANDARD",
        "BOTTLEROCKET_x86_64",
        "WINDOWS_CORE_2022_x86_64",
        "CUSTOM",
        "windows_full_2019_x86_64",
        "",
      ],
    },
  },
  "aws:elasticbeanstalk/environment:Environment": {
    ...beanstalkSettings,
    templateName: "string",
    tier: { oneOf: ["WebServer", "Worker", "worker", ""] },
  },
  "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate": beanstalkSettings,
  "aws:gamelift/fleet:Fleet": {
    ec2InboundPermissions: { arrayOf: { protocol: "protocol", fromPort: "port", toPort: "port", ipRange: "cidr" } },
  },
  "aws:redshiftserverless/workgroup:Workgroup": { publiclyAccessible: "bool", workgroupName: "string" },
  "aws:neptune/clusterInstance:ClusterInstance": { publiclyAccessible: "bool", clusterIdentifier: "string" },
  "aws:lightsail/database:Database": { publiclyAccessible: "bool", relationalDatabaseName: "string" },
  "aws:timestreaminfluxdb/dbInstance:DbInstance": { publiclyAccessible: "bool", name: "string" },
  "aws:timestreaminfluxdb/dbCluster:DbCluster": { publiclyAccessible: "bool" },
  "aws:rds/shardGroup:ShardGroup": { publiclyAccessible: "bool" },
  "aws:neptunegraph/graph:Graph": { publicConnectivity: "bool" },
  "aws:mq/broker:Broker": { publiclyAccessible: "bool", engineType: { oneOf: ["ActiveMQ", "RabbitMQ"] } },
  "aws:dms/replicationInstance:ReplicationInstance": { publiclyAccessible: "bool" },
  "aws:dms/instanceProfile:InstanceProfile": { publiclyAccessible: "bool" },
  "aws:msk/cluster:Cluster": {
    brokerNodeGroupInfo: {
      object: {
        connectivityInfo: {
          object: { publicAccess: { object: { type: { oneOf: ["SERVICE_PROVIDED_EIPS", "DISABLED", ""] } } } },
        },
      },
    },
  },
  "aws:redshift/cluster:Cluster": {
    publiclyAccessible: "bool",
    encrypted: "bool",
    automatedSnapshotRetentionPeriod: "number",
    clusterSubnetGroupName: "string",
    vpcSecurityGroupIds: "strings",
    port: "port",
  },
  "aws:rds/cluster:Cluster": {
    storageEncrypted: "bool",
    masterPassword: "string",
    backupRetentionPeriod: "number",
    deletionProtection: "bool",
    skipFinalSnapshot: "bool",
    engine: "string",
  },
  "aws:lb/loadBalancer:LoadBalancer": {
    internal: "bool",
    loadBalancerType: { oneOf: ["application", "network", "gateway", ""] },
    dropInvalidHeaderFields: "bool",
    enableDeletionProtection: "bool",
    accessLogs: { object: { bucket: "string", enabled: "bool", prefix: "string" } },
    securityGroups: "strings",
  },
  "aws:alb/loadBalancer:LoadBalancer": {
    internal: "bool",
    dropInvalidHeaderFields: "bool",
    accessLogs: { object: { bucket: "string", enabled: "bool" } },
  },
  "aws:lb/listener:Listener": {
    port: "port",
    protocol: { oneOf: ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "http", ""] },
    sslPolicy: "string",
    defaultActions: { arrayOf: { type: "string", redirect: { object: { protocol: "string", port: "string" } } } },
  },
  "aws:elb/loadBalancer:LoadBalancer": {
    internal: "bool",
    listeners: {
      arrayOf: {
        lbPort: "port",
        lbProtocol: "string",
        instancePort: "port",
        instanceProtocol: "string",
        sslCertificateId: "string",
      },
    },
    accessLogs: { object: { bucket: "string", enabled: "bool" } },
  },
  "aws:cloudtrail/trail:Trail": {
    isMultiRegionTrail: "bool",
    enableLogFileValidation: "bool",
    enableLogging: "bool",
    includeGlobalServiceEvents: "bool",
    kmsKeyId: "string",
    s3BucketName: "string",
    cloudWatchLogsGroupArn: "string",
    eventSelectors: {
      arrayOf: { readWriteType: { oneOf: ["All", "ReadOnly", "WriteOnly"] }, includeManagementEvents: "bool" },
    },
  },
  "aws:cloudtrail/eventDataStore:EventDataStore": {
    suspend: { oneOf: ["true", "false"] },
    multiRegionEnabled: "bool",
    organizationEnabled: "bool",
    retentionPeriod: "number",
    advancedEventSelectors: {
      arrayOf: {
        name: "string",
        fieldSelectors: {
          arrayOf: {
            field: { oneOf: ["eventCategory", "eventcategory", "resources.type", "readOnly", ""] },
            equals: {
              arrayOf: {
                oneOf: [
                  "Management",
                  "Data",
                  "NetworkActivity",
                  "ConfigurationItem",
                  "ActivityAuditLog",
                  "management",
                  "",
                ],
              },
            },
            notEquals: "strings",
            startsWiths: "strings",
          },
        },
      },
    },
  },
  "aws:cloudwatch/logGroup:LogGroup": { retentionInDays: "number", kmsKeyId: "string", skipDestroy: "bool" },
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": {
    backupVaultName: "string",
    changeableForDays: "number",
    minRetentionDays: "number",
    maxRetentionDays: "number",
  },
  "aws:backup/vault:Vault": { name: "string", kmsKeyArn: "string", forceDestroy: "bool" },
  "aws:backup/vaultPolicy:VaultPolicy": { backupVaultName: "string", policy: "policyDocument" },
  "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault": {
    name: "string",
    minRetentionDays: "number",
    maxRetentionDays: "number",
  },
  "aws:backup/plan:Plan": {
    name: "string",
    rules: {
      arrayOf: {
        ruleName: "string",
        targetVaultName: { oneOf: ["Default", "default", "backup", ""] },
        lifecycle: { object: { deleteAfter: "number", coldStorageAfter: "number" } },
        copyActions: { arrayOf: { destinationVaultArn: "string", lifecycle: { object: { deleteAfter: "number" } } } },
      },
    },
  },
  "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": {
    minimumPasswordLength: "number",
    requireLowercaseCharacters: "bool",
    requireUppercaseCharacters: "bool",
    requireNumbers: "bool",
    requireSymbols: "bool",
    passwordReusePrevention: "number",
    maxPasswordAge: "number",
    allowUsersToChangePassword: "bool",
    hardExpiry: "bool",
  },
  "aws:iam/policy:Policy": { policy: "policyDocument", name: "string" },
  "aws:iam/rolePolicy:RolePolicy": { policy: "policyDocument", role: "string" },
  "aws:iam/userPolicy:UserPolicy": { policy: "policyDocument", user: "string" },
  "aws:iam/user:User": { name: principalName },
  "aws:iam/group:Group": { name: principalName },
  "aws:iam/groupPolicy:GroupPolicy": { policy: mfaDocument, group: principalName },
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": { user: principalName, policyArn: "string" },
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { group: principalName, policyArn: "string" },
  "aws:iam/policyAttachment:PolicyAttachment": {
    name: "string",
    users: principalNames,
    groups: principalNames,
    roles: "strings",
    policyArn: "string",
  },
  "aws:iam/userGroupMembership:UserGroupMembership": { user: principalName, groups: principalNames },
  "aws:iam/groupMembership:GroupMembership": { name: "string", group: principalName, users: principalNames },
  "aws:iam/role:Role": { assumeRolePolicy: "policyDocument", managedPolicyArns: "strings" },
  "aws:iam/userLoginProfile:UserLoginProfile": {
    user: "string",
    passwordResetRequired: "bool",
    passwordLength: "number",
  },
  "aws:iam/accessKey:AccessKey": { user: "string", status: { oneOf: ["Active", "Inactive"] } },
  "aws:wafv2/webAcl:WebAcl": {
    scope: { oneOf: ["REGIONAL", "CLOUDFRONT", ""] },
    defaultAction: { object: { allow: { object: {} }, block: { object: {} } } },
    rules: {
      arrayOf: {
        name: "string",
        priority: "number",
        overrideAction: { object: { none: { object: {} }, count: { object: {} } } },
        action: wafAction,
        statement: {
          object: { ...wafStatement, managedRuleGroupStatement: { object: wafManagedGroup } },
        },
      },
    },
    ruleJson: "policyDocument",
    visibilityConfig: {
      object: { cloudwatchMetricsEnabled: "bool", sampledRequestsEnabled: "bool", metricName: "string" },
    },
  },
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": {
    resourceArn: "string",
    logDestinationConfigs: "strings",
    loggingFilter: {
      object: {
        defaultBehavior: { oneOf: ["KEEP", "DROP", "keep", ""] },
        filters: {
          arrayOf: {
            behavior: { oneOf: ["KEEP", "DROP", "drop", ""] },
            requirement: { oneOf: ["MEETS_ALL", "MEETS_ANY", ""] },
            conditions: {
              arrayOf: {
                actionCondition: {
                  object: {
                    action: {
                      oneOf: ["ALLOW", "BLOCK", "COUNT", "CAPTCHA", "CHALLENGE", "EXCLUDED_AS_COUNT", "allow", ""],
                    },
                  },
                },
                labelNameCondition: { object: { labelName: "string" } },
              },
            },
          },
        },
      },
    },
    redactedFields: {
      arrayOf: {
        uriPath: { object: {} },
        queryString: { object: {} },
        method: { object: {} },
        singleHeader: {
          object: { name: { oneOf: ["user-agent", " User-Agent ", "x-forwarded-for", "authorization", "cookie", ""] } },
        },
      },
    },
  },
  "aws:wafv2/webAclAssociation:WebAclAssociation": { resourceArn: "string", webAclArn: "string" },
  "aws:wafv2/webAclRule:WebAclRule": {
    webAclArn: "string",
    name: "string",
    priority: "number",
    overrideAction: { object: { none: { object: {} }, count: { object: {} } } },
    action: wafAction,
    statement: {
      object: {
        ...wafStatement,
        managedRuleGroupStatement: { object: wafManagedGroup },
      },
    },
  },
  "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation": {
    webAclArn: "string",
    ruleName: "string",
    priority: "number",
    overrideAction: { oneOf: ["none", "count", ""] },
    managedRuleGroup: { object: wafManagedGroup },
    ruleGroupReference: {
      object: { arn: "string", ruleActionOverrides: { arrayOf: { name: "string", actionToUse: wafAction } } },
    },
  },
  "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration": {
    scanType: { oneOf: ["ENHANCED", "BASIC", ""] },
    rules: {
      arrayOf: {
        scanFrequency: { oneOf: ["SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL", ""] },
        repositoryFilters: { arrayOf: { filter: "string", filterType: { oneOf: ["WILDCARD", ""] } } },
      },
    },
  },
  "aws:ecr/repository:Repository": {
    imageScanningConfiguration: { object: { scanOnPush: "bool" } },
    imageTagMutability: { oneOf: ["MUTABLE", "IMMUTABLE"] },
    forceDelete: "bool",
  },
  "aws:ec2/eip:Eip": { instance: "string", domain: "string" },
  "aws:kms/key:Key": { enableKeyRotation: "bool", deletionWindowInDays: "number" },
  "aws:secretsmanager/secret:Secret": { kmsKeyId: "string", recoveryWindowInDays: "number" },
  "aws:secretsmanager/secretVersion:SecretVersion": { secretString: "string" },
  "aws:guardduty/detector:Detector": { enable: "bool" },
  // GuardDuty findings routed by an enabled rule on the default bus with a target (require-threat-detection).
  "aws:cloudwatch/eventRule:EventRule": {
    name: "string",
    eventPattern: {
      oneOf: [
        '{"source":["aws.guardduty"],"detail":{"severity":[{"numeric":[">=",7]}]}}',
        '{"source":["aws.guardduty"],"detail":{"severity":[{"numeric":[">=",8,"<",9]}]}}',
        '{"detail":{"$or":[{"severity":[7,7.5]},{"type":[{"prefix":"UnauthorizedAccess:"}]}]}}',
        '{"detail":{"type":[{"wildcard":"*Brute*"},{"anything-but":{"suffix":"Force"}}]}}',
        '{"source":"aws.guardduty"}',
        '{"source":[{"exists":true}],"account":[{"cidr":"10.0.0.0/8"}]}',
        "{",
        "[]",
        "",
      ],
    },
    state: { oneOf: ["ENABLED", "DISABLED", "disabled", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", ""] },
    isEnabled: "bool",
    eventBusName: { oneOf: ["default", "security", "arn:aws:events:us-east-1:1:event-bus/default", ""] },
  },
  "aws:cloudwatch/eventTarget:EventTarget": { rule: "string", arn: "string" },
  "aws:route53/record:Record": {
    name: "string",
    type: "string",
    setIdentifier: "string",
    healthCheckId: "string",
    failoverRoutingPolicies: { arrayOf: { type: { oneOf: ["PRIMARY", "SECONDARY", "primary", ""] } } },
    aliases: { arrayOf: { name: "string", zoneId: "string", evaluateTargetHealth: "bool" } },
    records: "strings",
  },
  "aws:route53/zone:Zone": { name: "string" },
  "aws:route53/recordsExclusive:RecordsExclusive": {
    zoneId: "string",
    resourceRecordSets: {
      arrayOf: {
        name: "string",
        type: "string",
        setIdentifier: "string",
        failover: { oneOf: ["PRIMARY", "SECONDARY", "primary", ""] },
        healthCheckId: "string",
        aliasTarget: { object: { dnsName: "string", hostedZoneId: "string", evaluateTargetHealth: "bool" } },
      },
    },
  },
  "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration": {
    instanceProfileName: "string",
    instanceMetadataOptions: { object: metadataOptions },
  },
  "aws:sagemaker/notebookInstance:NotebookInstance": {
    instanceType: "string",
    instanceMetadataServiceConfiguration: {
      object: { minimumInstanceMetadataServiceVersion: { oneOf: ["1", "2", 2, ""] } },
    },
  },
  "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": {
    prefix: { oneOf: ["ROOT", "docker-hub", "mirror/prod", ""] },
    appliedFors: { arrayOf: { oneOf: ["PULL_THROUGH_CACHE", "REPLICATION", "CREATE_ON_PUSH", ""] } },
    imageTagMutability: { oneOf: ["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION", ""] },
    imageTagMutabilityExclusionFilters: { arrayOf: { filter: "string", filterType: { oneOf: ["WILDCARD", ""] } } },
  },
  "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": {
    ecrRepositoryPrefix: { oneOf: ["ROOT", "docker-hub", "quay/*", ""] },
    upstreamRegistryUrl: "string",
  },
  "aws:glacier/vault:Vault": {
    name: { oneOf: ["evidence-archive", "media", ""] },
    tags: { object: { "hardening:evidence": { oneOf: ["true", "false", ""] }, purpose: "string" } },
    accessPolicy: "policyDocument",
  },
  "aws:glacier/vaultLock:VaultLock": {
    vaultName: { oneOf: ["evidence-archive", "media", ""] },
    completeLock: "bool",
    policy: {
      oneOf: [
        '{"Statement":[{"Effect":"Deny","Principal":"*","Action":"glacier:DeleteArchive","Resource":"*"}]}',
        '{"Statement":[{"Effect":"Deny","Action":["glacier:Delete*"]}]}',
        '{"Statement":{"Effect":"Allow","Action":"*"}}',
        "{",
        "",
      ],
    },
  },
  "aws:batch/computeEnvironment:ComputeEnvironment": { type: { oneOf: ["MANAGED", "UNMANAGED"] }, state: "string" },
  "aws:eks/fargateProfile:FargateProfile": { clusterName: "string", subnetIds: "strings" },
  "aws:emr/cluster:Cluster": {
    releaseLabel: "string",
    keepJobFlowAliveWhenNoSteps: "bool",
    ec2Attributes: {
      object: {
        subnetId: "string",
        subnetIds: "strings",
        emrManagedMasterSecurityGroup: "string",
        additionalMasterSecurityGroups: { oneOf: ["sg-1,sg-2", " sg-1 , ,", "", "sg-1"] },
        emrManagedSlaveSecurityGroup: "string",
        additionalSlaveSecurityGroups: "string",
        serviceAccessSecurityGroup: "string",
      },
    },
  },
  "aws:lightsail/containerService:ContainerService": { power: "string", scale: "number", isDisabled: "bool" },
  // Traffic policy documents: failover rules over endpoints and nested rules, and shapes Route 53 would reject.
  "aws:route53/trafficPolicy:TrafficPolicy": {
    name: "string",
    document: {
      oneOf: [
        JSON.stringify({
          Endpoints: { a: { Type: "value", Value: "192.0.2.1" }, lb: { Type: "elastic-load-balancer" } },
          Rules: {
            f: {
              RuleType: "failover",
              Primary: { RuleReference: "l", EvaluateTargetHealth: "maybe" },
              Secondary: { EndpointReference: "a" },
            },
            l: {
              RuleType: "latency",
              Regions: [{ EndpointReference: "lb", EvaluateTargetHealth: true }, { RuleReference: "f" }, 7],
            },
            g: { RuleType: "geoproximity", GeoProximityLocations: [{ RuleReference: "__proto__" }], Items: "x" },
          },
        }),
        JSON.stringify({
          Rules: {
            f: { RuleType: "FAILOVER", Primary: { HealthCheck: 3, EndpointReference: ["a"] }, Secondary: null },
            w: { RuleType: 7, Items: [{ RuleReference: "constructor" }] },
          },
          Endpoints: { a: { Type: null } },
        }),
        JSON.stringify({ Rules: [], Endpoints: "x" }),
        '{"Rules":{"f":{"RuleType":"failover","Primary":{"EndpointReference":"a","HealthCheck":"hc-1"}}}}',
        "{",
        "[]",
        "null",
        "",
      ],
    },
  },
  "aws:route53/healthCheck:HealthCheck": {
    type: { oneOf: ["HTTP", "HTTPS", "TCP", "CALCULATED", "CLOUDWATCH_METRIC", "cloudwatch_metric", ""] },
    fqdn: "string",
    port: "port",
    disabled: "bool",
    invertHealthcheck: "bool",
    childHealthThreshold: "number",
    childHealthchecks: "strings",
    cloudwatchAlarmName: "string",
    cloudwatchAlarmRegion: "string",
    insufficientDataHealthStatus: { oneOf: ["Healthy", "Unhealthy", "LastKnownStatus", "healthy", ""] },
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    name: "string",
    region: "string",
    treatMissingData: { oneOf: ["missing", "ignore", "breaching", "notBreaching", "NOTBREACHING", ""] },
  },
  // Raw CloudFormation templates: the wrapped rules read the resources they declare.
  "aws:cloudformation/stack:Stack": {
    templateBody: { oneOf: [...TEMPLATE_BODIES, ...LAKE_AND_DESTINATION_BODIES, ...IDENTITY_BODIES] },
    templateUrl: "string",
    parameters: { object: { Src: "cidr", P: "port", X: "string" } },
  },
  "aws:cloudformation/stackSet:StackSet": {
    templateBody: { oneOf: [...TEMPLATE_BODIES, ...LAKE_AND_DESTINATION_BODIES, ...IDENTITY_BODIES] },
    templateUrl: "string",
    parameters: { object: { Src: "cidr" } },
  },
  // Exclusive lists that strip a user's or group's policies (require-iam-console-mfa).
  "aws:iam/userPoliciesExclusive:UserPoliciesExclusive": { userName: principalName, policyNames: "strings" },
  "aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive": { groupName: principalName, policyNames: "strings" },
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": {
    userName: principalName,
    policyArns: "strings",
  },
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": {
    groupName: principalName,
    policyArns: "strings",
  },
};
