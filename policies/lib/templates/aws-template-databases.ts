// CloudFormation data stores translated to the Pulumi AWS provider's shapes the database rule and the network model
// read: RDS instances (alone or in an Aurora cluster), clusters, shard groups and subnet groups; Redshift and Redshift
// Serverless; OpenSearch and Elasticsearch domains; Amazon MQ brokers, DMS replication instances and instance
// profiles, MSK clusters; Neptune Analytics graphs, Lightsail databases and Timestream for InfluxDB instances.
import { isUnknown, obj } from "../../../lib/values";
import { defined, Translated, Translation } from "./embedded-resource";
import { isMultiAzCluster, rdsPublicAccess } from "./aws-template-rds-public-access";

/** One resource whose only judged input is a public-endpoint flag. */
const flagged =
  (type: string, flag: string, input = flag.charAt(0).toLowerCase() + flag.slice(1)): Translation =>
  (read) => [{ type, props: defined({ [input]: read(flag) }) }];

/**
 * An instance naming DBClusterIdentifier is a member of an Aurora cluster, which holds its subnet group, groups and
 * port: the provider's ClusterInstance, which makes its cluster public in the network model. Left out, its flag is
 * unknown; a standalone instance's follows the RDS API default (aws-template-rds-public-access.ts), a read replica's
 * its source's placement.
 */
const dbInstance: Translation = (read): Translated[] => {
  const cluster = read("DBClusterIdentifier");
  const subnetGroup = read("DBSubnetGroupName");
  const standalone = cluster === undefined && read("SourceDBInstanceIdentifier") === undefined;
  const { publiclyAccessible, hint } = rdsPublicAccess(read("PubliclyAccessible"), subnetGroup, standalone);
  const said = hint === undefined ? {} : { hint };
  if (cluster !== undefined)
    return [
      {
        type: "aws:rds/clusterInstance:ClusterInstance",
        props: defined({ publiclyAccessible, clusterIdentifier: cluster, engine: read("Engine") }),
        ...said,
      },
    ];
  return [
    {
      type: "aws:rds/instance:Instance",
      props: defined({
        publiclyAccessible,
        engine: read("Engine"),
        port: read("Port"),
        vpcSecurityGroupIds: read("VPCSecurityGroups"),
        dbSubnetGroupName: subnetGroup,
      }),
      ...said,
    },
  ];
};

/**
 * Aurora and Multi-AZ clusters: placement and port for the network model. An Aurora cluster's member instances
 * decide whether it is public; a Multi-AZ cluster's own PubliclyAccessible does, for the instances RDS creates in it,
 * so it also reads as one ClusterInstance of the cluster with that flag, as the rule and the network model judge one.
 */
const dbCluster: Translation = (read, self) => {
  const engine = read("Engine");
  const subnetGroup = read("DBSubnetGroupName");
  const cluster: Translated = {
    type: "aws:rds/cluster:Cluster",
    props: defined({
      engine,
      port: read("Port"),
      vpcSecurityGroupIds: read("VpcSecurityGroupIds"),
      dbSubnetGroupName: subnetGroup,
    }),
  };
  if (!isMultiAzCluster(engine, read("DBClusterInstanceClass"))) return [cluster];
  const { publiclyAccessible, hint } = rdsPublicAccess(read("PubliclyAccessible"), subnetGroup, true);
  const instances: Translated = {
    type: "aws:rds/clusterInstance:ClusterInstance",
    props: defined({ publiclyAccessible, clusterIdentifier: self, engine }),
    where: "instances",
    ...(hint === undefined ? {} : { hint }),
  };
  return [cluster, instances];
};

/** `Ref` of a subnet group gives its name, which instances and clusters name it by. */
const dbSubnetGroup: Translation = (read) => [
  {
    type: "aws:rds/subnetGroup:SubnetGroup",
    props: defined({ name: read("DBSubnetGroupName"), subnetIds: read("SubnetIds") }),
  },
];

/** `VPCOptions` as the provider's `vpcOptions` block; absent, the domain's endpoint is public. */
function vpcOptions(options: unknown): unknown {
  if (options === undefined || isUnknown(options)) return options;
  const o = obj(options) ?? {};
  return defined({ subnetIds: o.SubnetIds, securityGroupIds: o.SecurityGroupIds });
}

/** CloudFormation takes AccessPolicies as a JSON object, the provider as its text: the rule reads either. */
const searchDomain =
  (type: string): Translation =>
  (read) => [
    {
      type,
      props: defined({ vpcOptions: vpcOptions(read("VPCOptions")), accessPolicies: read("AccessPolicies") }),
    },
  ];

/** `BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type` as the provider's nested block of the same path. */
const mskCluster: Translation = (read) => {
  const type = read(["BrokerNodeGroupInfo", "ConnectivityInfo", "PublicAccess", "Type"]);
  return [
    {
      type: "aws:msk/cluster:Cluster",
      props: type === undefined ? {} : { brokerNodeGroupInfo: { connectivityInfo: { publicAccess: { type } } } },
    },
  ];
};

export const AWS_DATABASE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::RDS::DBInstance", dbInstance],
  ["AWS::RDS::DBCluster", dbCluster],
  ["AWS::RDS::DBSubnetGroup", dbSubnetGroup],
  ["AWS::RDS::DBShardGroup", flagged("aws:rds/shardGroup:ShardGroup", "PubliclyAccessible")],
  ["AWS::Redshift::Cluster", flagged("aws:redshift/cluster:Cluster", "PubliclyAccessible")],
  ["AWS::RedshiftServerless::Workgroup", flagged("aws:redshiftserverless/workgroup:Workgroup", "PubliclyAccessible")],
  ["AWS::OpenSearchService::Domain", searchDomain("aws:opensearch/domain:Domain")],
  ["AWS::Elasticsearch::Domain", searchDomain("aws:elasticsearch/domain:Domain")],
  ["AWS::AmazonMQ::Broker", flagged("aws:mq/broker:Broker", "PubliclyAccessible")],
  // DMS makes both public when PubliclyAccessible is left out; the rule reads the absent flag so.
  ["AWS::DMS::ReplicationInstance", flagged("aws:dms/replicationInstance:ReplicationInstance", "PubliclyAccessible")],
  ["AWS::DMS::InstanceProfile", flagged("aws:dms/instanceProfile:InstanceProfile", "PubliclyAccessible")],
  ["AWS::MSK::Cluster", mskCluster],
  ["AWS::NeptuneGraph::Graph", flagged("aws:neptunegraph/graph:Graph", "PublicConnectivity")],
  ["AWS::Lightsail::Database", flagged("aws:lightsail/database:Database", "PubliclyAccessible")],
  ["AWS::Timestream::InfluxDBInstance", flagged("aws:timestreaminfluxdb/dbInstance:DbInstance", "PubliclyAccessible")],
]);
