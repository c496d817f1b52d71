// Alibaba Cloud Elasticsearch: two public endpoints, each behind a whitelist of its own. The cluster's
// (`enablePublic`, off by default) admits `publicWhitelists` on 9200; Kibana's (`enableKibanaPublicNetwork`, on by
// default) admits `kibanaWhitelists` on 5601. A flag unknown at preview counts as on. Each endpoint is a host of its
// own (the cluster's keyed by the instance's URN, Kibana's by `endpointHostKey`), so each keeps its whitelist. An
// unwritten whitelist is the service's default, which admits only the loopback address.
import { Host, NetworkModel, endpointHostKey, nodeOf } from "../model";
import { GenericResource, mayBeTrue, tags } from "../resource";
import { ALI } from "./tokens";
import { whitelistOf } from "./whitelists";

interface SearchEndpoint {
  /** Names the endpoint in paths and keys its host; absent for the cluster's own. */
  name?: string;
  flag: string;
  defaultOn: boolean;
  whitelist: string;
  port: number;
}

const ENDPOINTS: SearchEndpoint[] = [
  { flag: "enablePublic", defaultOn: false, whitelist: "publicWhitelists", port: 9200 },
  { name: "kibana", flag: "enableKibanaPublicNetwork", defaultOn: true, whitelist: "kibanaWhitelists", port: 5601 },
];

export function addAlicloudElasticsearch(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.elasticsearch)) {
    const vswitch = res.one(r, "vswitchId", r.inputs.vswitchId, [ALI.vswitch]);
    for (const endpoint of ENDPOINTS) {
      const flag = r.inputs[endpoint.flag];
      const on = flag === undefined || flag === null ? endpoint.defaultOn : mayBeTrue(flag);
      // The cluster's host stands even with its endpoint off: findings on Kibana's look the instance up by URN.
      if (!on && endpoint.name) continue;
      const key = endpoint.name ? endpointHostKey(r.urn, endpoint.name) : r.urn;
      m.hosts.set(key, endpointHost(r, vswitch, endpoint, on));
    }
  }
}

function endpointHost(r: GenericResource, vswitch: string | undefined, endpoint: SearchEndpoint, on: boolean): Host {
  const read = whitelistOf(r.inputs, { whitelist: endpoint.whitelist });
  const label = `public-endpoint:${r.name}${endpoint.name ? ` (${endpoint.name})` : ""}`;
  return {
    ...nodeOf(r),
    cloud: "alicloud",
    kind: "database",
    subnets: vswitch ? [vswitch] : [],
    externalSubnets: [],
    defaultSubnet: false,
    securityGroups: [],
    publicV4: [],
    tags: tags(r),
    listenPorts: [endpoint.port],
    ...(on
      ? {
          whitelist: read.blocks,
          ...(read.unknown ? { whitelistUnknown: true as const } : {}),
          publicEndpoint: { label, urn: r.urn },
        }
      : {}),
  };
}
