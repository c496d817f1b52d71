// Builds the network model from a stack's resources: both cloud adapters fill one graph.
import { addAlicloudBasicAccelerators } from "./alicloud/basic-accelerator";
import { addAlicloudContainerGroups } from "./alicloud/container-groups";
import { addAlicloudDatabases } from "./alicloud/databases";
import { addAlicloudDnat } from "./alicloud/dnat";
import { addAlicloudGlobalAccelerators } from "./alicloud/global-accelerator";
import { addAlicloudHosts } from "./alicloud/hosts";
import { addAlicloudIpv6Internet } from "./alicloud/ipv6-internet";
import { addAlicloudLoadBalancers } from "./alicloud/load-balancers";
import { addAlicloudNetwork } from "./alicloud/network";
import { addAlicloudNlb } from "./alicloud/nlb";
import { addAlicloudNodePools } from "./alicloud/node-pools";
import { addAlicloudSecurityGroups } from "./alicloud/security-groups";
import { addAlicloudSimpleApplicationServers } from "./alicloud/simple-application-servers";
import { addAwsDatabases } from "./aws/databases";
import { addAwsGlobalAccelerators } from "./aws/global-accelerator";
import { addAwsHosts } from "./aws/hosts";
import { addAwsLightsail } from "./aws/lightsail";
import { addAwsLoadBalancers } from "./aws/load-balancers";
import { addAwsNetwork } from "./aws/network";
import { addAwsSecurityGroups } from "./aws/security-groups";
import { NetworkModel, emptyModel } from "./model";
import { Resolver } from "./resolver";
import { GenericResource } from "./resource";

export function buildNetworkModel(resources: readonly GenericResource[]): NetworkModel {
  const m = emptyModel(new Resolver(resources));
  // Order matters: hosts need subnets and groups, balancers, accelerators and DNAT need hosts.
  addAwsNetwork(m);
  addAlicloudNetwork(m);
  addAwsSecurityGroups(m);
  addAlicloudSecurityGroups(m);
  addAwsHosts(m);
  addAwsLightsail(m);
  addAlicloudHosts(m);
  addAlicloudContainerGroups(m);
  addAlicloudNodePools(m);
  addAlicloudIpv6Internet(m);
  addAlicloudSimpleApplicationServers(m);
  addAwsDatabases(m);
  addAlicloudDatabases(m);
  addAwsLoadBalancers(m);
  addAlicloudLoadBalancers(m);
  addAlicloudNlb(m);
  addAwsGlobalAccelerators(m);
  addAlicloudGlobalAccelerators(m);
  addAlicloudBasicAccelerators(m);
  addAlicloudDnat(m);
  return m;
}
