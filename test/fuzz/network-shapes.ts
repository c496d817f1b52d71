// Input shapes of the types the stack policies' network model reads to link hosts, routes, balancers and NAT
// (reachability from the internet); only the linking and exposure fields matter to it.
import { Shape } from "./shape";

const listener: Shape = {
  loadBalancerArn: "string",
  port: "port",
  protocol: { oneOf: ["HTTP", "HTTPS", "TCP", "tcp", ""] },
  defaultActions: { arrayOf: { type: "string", targetGroupArn: "string" } },
};

/** A rule forwarding under conditions: source-ip blocks narrow who reaches it, the others do not. */
const listenerRule: Shape = {
  listenerArn: "string",
  actions: { arrayOf: { type: "string", targetGroupArn: "string" } },
  conditions: {
    arrayOf: {
      sourceIp: { object: { values: "cidrs" } },
      pathPattern: { object: { values: "strings" } },
    },
  },
};

const targetGroup: Shape = {
  port: "port",
  protocol: "string",
  targetType: { oneOf: ["instance", "ip", "lambda"] },
  vpcId: "string",
};

const gaPortRanges: Shape = { fromPort: "port", toPort: "port" };

export const networkShapes: Record<string, Shape> = {
  // Alicloud ENIs (older vpc.* types): an ENI reaches the instance it is attached to.
  "alicloud:vpc/networkInterface:NetworkInterface": {
    vswitchId: "string",
    securityGroupIds: "strings",
    securityGroups: "strings",
    primaryIpAddress: "string",
    privateIp: "string",
    privateIps: "strings",
    privateIpAddresses: "strings",
  },
  "alicloud:vpc/networkInterfaceAttachment:NetworkInterfaceAttachment": {
    instanceId: "string",
    networkInterfaceId: "string",
  },
  "alicloud:slb/masterSlaveServerGroup:MasterSlaveServerGroup": {
    loadBalancerId: "string",
    servers: {
      arrayOf: {
        serverId: "string",
        port: "port",
        weight: "number",
        type: { oneOf: ["ecs", "eni", "ENI", ""] },
        serverType: { oneOf: ["Master", "Slave"] },
      },
    },
  },
  // Alibaba Cloud basic Global Accelerator: accelerated IP → relation → ECS / ENI endpoint, every port.
  "alicloud:ga/basicAccelerator:BasicAccelerator": {
    basicAcceleratorName: "string",
    duration: "number",
    bandwidthBillingType: { oneOf: ["BandwidthPackage", "CDT", "CDT95"] },
  },
  "alicloud:ga/basicAccelerateIp:BasicAccelerateIp": { acceleratorId: "string", ipSetId: "string" },
  "alicloud:ga/basicEndpointGroup:BasicEndpointGroup": {
    acceleratorId: "string",
    endpointGroupRegion: "string",
    endpointType: { oneOf: ["ECS", "ENI", "SLB", "ecs", ""] },
    endpointAddress: "string",
    endpointSubAddress: "string",
  },
  "alicloud:ga/basicEndpoint:BasicEndpoint": {
    acceleratorId: "string",
    endpointGroupId: "string",
    endpointType: { oneOf: ["ECS", "ENI", "SLB", "NLB", "eni", ""] },
    endpointAddress: "string",
    endpointSubAddress: "string",
    endpointId: "string",
  },
  "alicloud:ga/basicAccelerateIpEndpointRelation:BasicAccelerateIpEndpointRelation": {
    acceleratorId: "string",
    accelerateIpId: "string",
    endpointId: "string",
  },
  // Global Accelerator: listener port ranges → endpoint groups (port overrides) → EC2 instance endpoints.
  "aws:globalaccelerator/accelerator:Accelerator": {
    name: "string",
    enabled: "bool",
    ipAddressType: { oneOf: ["IPV4", "DUAL_STACK", "dual_stack", ""] },
  },
  "aws:globalaccelerator/listener:Listener": {
    acceleratorArn: "string",
    protocol: { oneOf: ["TCP", "UDP", "tcp", ""] },
    portRanges: { arrayOf: gaPortRanges },
  },
  "aws:globalaccelerator/endpointGroup:EndpointGroup": {
    listenerArn: "string",
    endpointConfigurations: {
      arrayOf: { endpointId: "string", clientIpPreservationEnabled: "bool", weight: "number" },
    },
    portOverrides: { arrayOf: { listenerPort: "port", endpointPort: "port" } },
  },
  // Alibaba Cloud Global Accelerator: listeners (port ranges) → endpoint groups (ECS/ENI, one portOverrides object),
  // white/black-list ACLs, custom routing vSwitch destinations.
  "alicloud:ga/accelerator:Accelerator": { acceleratorName: "string", spec: "string", duration: "number" },
  "alicloud:ga/ipSet:IpSet": {
    acceleratorId: "string",
    accelerateRegionId: "string",
    ipVersion: { oneOf: ["IPv4", "IPv6", "DUAL_STACK", "ipv6", ""] },
  },
  "alicloud:ga/listener:Listener": {
    acceleratorId: "string",
    listenerType: { oneOf: ["Standard", "CustomRouting", "customrouting", ""] },
    protocol: { oneOf: ["TCP", "UDP", "HTTP", "HTTPS", "udp", ""] },
    portRanges: { arrayOf: gaPortRanges },
  },
  "alicloud:ga/endpointGroup:EndpointGroup": {
    acceleratorId: "string",
    listenerId: "string",
    endpointConfigurations: {
      arrayOf: {
        endpoint: "string",
        type: { oneOf: ["ECS", "ENI", "SLB", "ALB", "NLB", "Ip", "Domain", "ecs", "slb", ""] },
        weight: "number",
        enableClientipPreservation: "bool",
      },
    },
    portOverrides: { object: { listenerPort: "port", endpointPort: "port" } },
  },
  "alicloud:ga/acl:Acl": {
    addressIpVersion: { oneOf: ["IPv4", "IPv6", "ipv4", ""] },
    aclEntries: { arrayOf: { entry: "cidr", entryDescription: "string" } },
  },
  "alicloud:ga/aclAttachment:AclAttachment": {
    listenerId: "string",
    aclId: "string",
    aclType: { oneOf: ["white", "black", "White", ""] },
  },
  "alicloud:ga/aclEntryAttachment:AclEntryAttachment": { aclId: "string", entry: "cidr" },
  "alicloud:ga/customRoutingEndpointGroup:CustomRoutingEndpointGroup": {
    acceleratorId: "string",
    listenerId: "string",
    endpointGroupRegion: "string",
  },
  "alicloud:ga/customRoutingEndpointGroupDestination:CustomRoutingEndpointGroupDestination": {
    endpointGroupId: "string",
    protocols: { arrayOf: { oneOf: ["TCP", "UDP"] } },
    fromPort: "port",
    toPort: "port",
  },
  "alicloud:ga/customRoutingEndpoint:CustomRoutingEndpoint": {
    endpointGroupId: "string",
    endpoint: "string",
    type: { oneOf: ["PrivateSubNet", ""] },
    trafficToEndpointPolicy: { oneOf: ["DenyAll", "AllowAll", "AllowCustom", "allowall", ""] },
  },
  "alicloud:ga/customRoutingEndpointTrafficPolicy:CustomRoutingEndpointTrafficPolicy": {
    endpointId: "string",
    address: "string",
    portRanges: { arrayOf: gaPortRanges },
  },
  "aws:ec2/subnet:Subnet": {
    vpcId: "string",
    cidrBlock: "cidr",
    mapPublicIpOnLaunch: "bool",
    ipv6CidrBlock: "cidr",
    assignIpv6AddressOnCreation: "bool",
  },
  "aws:ec2/internetGateway:InternetGateway": { vpcId: "string" },
  "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": { vpcId: "string" },
  "aws:ec2/natGateway:NatGateway": {
    subnetId: "string",
    allocationId: "string",
    connectivityType: { oneOf: ["public", "private"] },
  },
  "aws:ec2/routeTable:RouteTable": {
    vpcId: "string",
    routes: {
      arrayOf: {
        cidrBlock: "cidr",
        ipv6CidrBlock: "cidr",
        gatewayId: "string",
        natGatewayId: "string",
        egressOnlyGatewayId: "string",
      },
    },
  },
  "aws:ec2/defaultRouteTable:DefaultRouteTable": {
    defaultRouteTableId: "string",
    routes: { arrayOf: { cidrBlock: "cidr", gatewayId: "string" } },
  },
  "aws:ec2/route:Route": {
    routeTableId: "string",
    destinationCidrBlock: "cidr",
    destinationIpv6CidrBlock: "cidr",
    gatewayId: "string",
    natGatewayId: "string",
  },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": {
    routeTableId: "string",
    subnetId: "string",
    gatewayId: "string",
  },
  "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation": { vpcId: "string", routeTableId: "string" },
  "aws:ec2/networkAclAssociation:NetworkAclAssociation": { networkAclId: "string", subnetId: "string" },
  "aws:ec2/networkInterface:NetworkInterface": {
    subnetId: "string",
    securityGroups: "strings",
    privateIps: "strings",
    ipv6AddressCount: "number",
    ipv6PrefixCount: "number",
    ipv6Addresses: "strings",
    ipv6AddressLists: "strings",
    ipv6Prefixes: "strings",
    ipv6AddressListEnabled: "bool",
  },
  "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment": {
    instanceId: "string",
    networkInterfaceId: "string",
    deviceIndex: "number",
  },
  "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment": {
    networkInterfaceId: "string",
    securityGroupId: "string",
  },
  "aws:ec2/eipAssociation:EipAssociation": {
    allocationId: "string",
    instanceId: "string",
    networkInterfaceId: "string",
    publicIp: "string",
  },
  "aws:lb/listenerRule:ListenerRule": listenerRule,
  "aws:alb/listener:Listener": listener,
  "aws:alb/listenerRule:ListenerRule": listenerRule,
  "aws:lb/targetGroup:TargetGroup": targetGroup,
  "aws:alb/targetGroup:TargetGroup": targetGroup,
  "aws:lb/targetGroupAttachment:TargetGroupAttachment": { targetGroupArn: "string", targetId: "string", port: "port" },
  "aws:alb/targetGroupAttachment:TargetGroupAttachment": { targetGroupArn: "string", targetId: "string", port: "port" },
  "aws:elb/attachment:Attachment": { elb: "string", instance: "string" },
  // An IAM-authorised tunnel into private hosts: its groups count as bastion groups for the SSH rule.
  "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": {
    subnetId: "string",
    securityGroupIds: "strings",
    preserveClientIp: "bool",
  },
  "aws:autoscaling/group:Group": {
    vpcZoneIdentifiers: "strings",
    targetGroupArns: "strings",
    loadBalancers: "strings",
    launchTemplate: { object: { id: "string", version: "string" } },
    launchConfiguration: "string",
  },
  "aws:autoscaling/attachment:Attachment": {
    autoscalingGroupName: "string",
    lbTargetGroupArn: "string",
    elb: "string",
  },
  "aws:redshift/subnetGroup:SubnetGroup": { name: "string", subnetIds: "strings" },
  "aws:ecs/service:Service": {
    networkConfiguration: { object: { subnets: "strings", securityGroups: "strings", assignPublicIp: "bool" } },
    loadBalancers: { arrayOf: { targetGroupArn: "string", containerPort: "port" } },
  },
  "aws:eks/cluster:Cluster": {
    vpcConfig: {
      object: {
        subnetIds: "strings",
        endpointPublicAccess: "bool",
        publicAccessCidrs: "cidrs",
        securityGroupIds: "strings",
      },
    },
  },
  "aws:lambda/function:Function": { vpcConfig: { object: { subnetIds: "strings", securityGroupIds: "strings" } } },
  "aws:apigateway/stage:Stage": { restApi: "string", stageName: "string", webAclArn: "string" },
  "aws:cloudfront/distribution:Distribution": {
    webAclId: "string",
    enabled: "bool",
    origins: { arrayOf: { domainName: "string", originId: "string" } },
  },
  "aws:elasticache/cluster:Cluster": {
    engine: "string",
    port: "port",
    subnetGroupName: "string",
    securityGroupIds: "strings",
  },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    port: "port",
    subnetGroupName: "string",
    securityGroupIds: "strings",
    transitEncryptionEnabled: "bool",
  },
  "aws:elasticache/subnetGroup:SubnetGroup": { subnetIds: "strings" },
  "aws:rds/subnetGroup:SubnetGroup": { subnetIds: "strings" },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
    bucket: "string",
    rules: {
      arrayOf: {
        id: "string",
        status: { oneOf: ["Enabled", "Disabled"] },
        expiration: { object: { days: "number", date: { oneOf: ["2027-01-01T00:00:00Z", "", "x"] } } },
      },
    },
  },
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": {
    bucket: "string",
    rules: {
      arrayOf: {
        id: "string",
        status: { oneOf: ["Enabled", "Disabled"] },
        expiration: { object: { days: "number", date: { oneOf: ["2027-01-01T00:00:00Z", "", "x"] } } },
      },
    },
  },
  "alicloud:vpc/network:Network": { cidrBlock: "cidr", vpcName: "string", enableIpv6: "bool" },
  "alicloud:vpc/switch:Switch": { vpcId: "string", cidrBlock: "cidr", zoneId: "string" },
  "alicloud:vpc/natGateway:NatGateway": {
    vpcId: "string",
    vswitchId: "string",
    natType: "string",
    networkType: { oneOf: ["internet", "intranet"] },
  },
  "alicloud:vpc/networkAclAttachment:NetworkAclAttachment": {
    networkAclId: "string",
    resources: { arrayOf: { resourceId: "string", resourceType: "string" } },
  },
  "alicloud:vpc/vpcNetworkAclAttachment:VpcNetworkAclAttachment": {
    networkAclId: "string",
    resourceId: "string",
    resourceType: { oneOf: ["VSwitch", "Gateway"] },
  },
  "alicloud:ecs/eip:Eip": { bandwidth: "string", internetChargeType: "string" },
  "alicloud:ecs/eipAddress:EipAddress": { bandwidth: "string", addressName: "string" },
  "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface": {
    vswitchId: "string",
    securityGroupIds: "strings",
    securityGroups: "strings",
    primaryIpAddress: "string",
    privateIp: "string",
    privateIps: "strings",
    privateIpAddresses: "strings",
    ipv6AddressCount: "number",
    ipv6Addresses: "strings",
  },
  // Alibaba Cloud IPv6: internet bandwidth on an address (an Ipv6Address, or an instance's or ENI's own).
  "alicloud:vpc/ipv6Gateway:Ipv6Gateway": { vpcId: "string", ipv6GatewayName: "string" },
  "alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth": {
    ipv6GatewayId: "string",
    ipv6AddressId: "string",
    bandwidth: "number",
    internetChargeType: { oneOf: ["PayByBandwidth", "PayByTraffic"] },
  },
  "alicloud:vpc/ipv6Address:Ipv6Address": { vswitchId: "string", ipv6Address: "string" },
  // An egress-only rule closes its address to connections from the internet.
  "alicloud:vpc/ipv6EgressRule:Ipv6EgressRule": {
    instanceId: "string",
    instanceType: { oneOf: ["Ipv6Address", "IPv6Address"] },
    ipv6GatewayId: "string",
  },
  "alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment": {
    instanceId: "string",
    networkInterfaceId: "string",
  },
  "alicloud:slb/loadBalancer:LoadBalancer": {
    addressType: { oneOf: ["internet", "intranet"] },
    vswitchId: "string",
    loadBalancerSpec: "string",
  },
  "alicloud:slb/acl:Acl": {
    entryLists: { arrayOf: { entry: "cidr", comment: "string" } },
    ipVersion: { oneOf: ["ipv4", "ipv6"] },
  },
  "alicloud:slb/backendServer:BackendServer": {
    loadBalancerId: "string",
    backendServers: { arrayOf: { serverId: "string", weight: "number", type: "string" } },
  },
  "alicloud:slb/serverGroup:ServerGroup": {
    loadBalancerId: "string",
    servers: { arrayOf: { serverIds: "strings", port: "port", type: { oneOf: ["ecs", "eni", ""] } } },
  },
  "alicloud:slb/serverGroupServerAttachment:ServerGroupServerAttachment": {
    serverGroupId: "string",
    serverId: "string",
    port: "port",
    type: { oneOf: ["ecs", "eni", "eci", ""] },
  },
  "alicloud:alb/listener:Listener": {
    loadBalancerId: "string",
    listenerPort: "port",
    listenerProtocol: { oneOf: ["HTTP", "HTTPS", "QUIC"] },
    defaultActions: {
      arrayOf: {
        type: "string",
        forwardGroupConfig: { object: { serverGroupTuples: { arrayOf: { serverGroupId: "string" } } } },
      },
    },
  },
  "alicloud:alb/rule:Rule": {
    listenerId: "string",
    direction: { oneOf: ["Request", "Response"] },
    ruleConditions: {
      arrayOf: { type: { oneOf: ["Path", "SourceIp", "Host"] }, sourceIpConfig: { object: { values: "cidrs" } } },
    },
    ruleActions: {
      arrayOf: {
        type: "string",
        forwardGroupConfig: { object: { serverGroupTuples: { arrayOf: { serverGroupId: "string" } } } },
      },
    },
  },
  "alicloud:vpc/hAVip:HAVip": { vswitchId: "string", ipAddress: "string" },
  "alicloud:vpc/haVipv2:HaVipv2": { vswitchId: "string", ipAddress: "string" },
  "alicloud:vpc/hAVipAttachment:HAVipAttachment": {
    haVipId: "string",
    havipId: "string",
    instanceId: "string",
    instanceType: { oneOf: ["EcsInstance", "NetworkInterface"] },
  },
  "alicloud:slb/rule:Rule": { loadBalancerId: "string", frontendPort: "port", serverGroupId: "string", url: "string" },
  "alicloud:alb/serverGroup:ServerGroup": {
    vpcId: "string",
    servers: { arrayOf: { serverId: "string", port: "port", serverType: "string" } },
  },
  // Network Load Balancers: listener port (or startPort-endPort when listenerPort is 0) → server group → servers.
  "alicloud:nlb/loadBalancer:LoadBalancer": {
    addressType: { oneOf: ["Internet", "Intranet", "intranet", ""] },
    addressIpVersion: { oneOf: ["ipv4", "DualStack", "dualstack", ""] },
    ipv6AddressType: { oneOf: ["Internet", "Intranet", "internet", ""] },
    zoneMappings: { arrayOf: { vswitchId: "string" } },
    securityGroupIds: "strings",
  },
  "alicloud:nlb/listener:Listener": {
    loadBalancerId: "string",
    serverGroupId: "string",
    listenerProtocol: { oneOf: ["TCP", "UDP", "TCPSSL", "udp", ""] },
    listenerPort: "port",
    startPort: "port",
    endPort: "port",
  },
  "alicloud:nlb/serverGroup:ServerGroup": { anyPortEnabled: "bool" },
  "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment": {
    serverGroupId: "string",
    serverId: "string",
    port: "port",
    serverType: { oneOf: ["Ecs", "Eni", "Ip", ""] },
  },
  "alicloud:nlb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment": {
    loadBalancerId: "string",
    securityGroupId: "string",
  },
  "alicloud:ess/scalingGroup:ScalingGroup": {
    vswitchIds: "strings",
    loadbalancerIds: "strings",
    minSize: "number",
    maxSize: "number",
  },
  "alicloud:cs/managedKubernetes:ManagedKubernetes": {
    workerVswitchIds: "strings",
    slbInternetEnabled: "bool",
    newNatGateway: "bool",
  },
  "alicloud:fc/function:Function": { service: "string", runtime: "string" },
  "alicloud:rds/connection:Connection": { instanceId: "string", connectionPrefix: "string", port: "string" },
  "alicloud:kvstore/connection:Connection": { instanceId: "string", connectionStringPrefix: "string", port: "string" },
  "alicloud:rds/dbInstanceEndpointAddress:DbInstanceEndpointAddress": {
    dbInstanceId: "string",
    dbInstanceEndpointId: "string",
    connectionStringPrefix: "string",
  },
  "alicloud:rds/dbProxyPublic:DbProxyPublic": {
    dbInstanceId: "string",
    dbProxyConnectionStringNetType: { oneOf: ["Public", "Inner"] },
  },
  "alicloud:lindorm/publicNetwork:PublicNetwork": {
    instanceId: "string",
    enablePublicNetwork: "bool",
    engineType: "string",
  },
  "alicloud:gpdb/connection:Connection": { instanceId: "string", connectionPrefix: "string" },
  "alicloud:adb/connection:Connection": { dbClusterId: "string", connectionPrefix: "string" },
  "alicloud:mongodb/publicNetworkAddress:PublicNetworkAddress": { dbInstanceId: "string" },
  "alicloud:mongodb/shardingNetworkPublicAddress:ShardingNetworkPublicAddress": {
    dbInstanceId: "string",
    nodeId: "string",
  },
  "alicloud:polardb/endpointAddress:EndpointAddress": {
    dbClusterId: "string",
    dbEndpointId: "string",
    netType: { oneOf: ["Public", "Private", "public"] },
  },
  "alicloud:polardb/primaryEndpoint:PrimaryEndpoint": {
    dbClusterId: "string",
    netType: { oneOf: ["Public", "Private"] },
  },
  "alicloud:redis/tairInstance:TairInstance": { securityIps: "strings", vswitchId: "string", port: "port" },
};
