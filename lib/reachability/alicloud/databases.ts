// Alibaba Cloud managed databases: admitted sources are the whitelist (securityIps) plus security groups; a
// public connection endpoint puts the whitelist in front of the internet.
import { defaultDatabasePort } from "../database-ports";
import { Host, NetworkModel, nodeOf } from "../model";
import { splitWhitelist, whitelistBlock } from "../../whitelist-entries";
import { GenericResource, isUnknown, items, list, mayBeTrue, num, str, tags } from "../resource";
import { ALI } from "./tokens";

const KINDS: { type: string; whitelist: string; fallbackPort: number; connection?: string }[] = [
  { type: ALI.rds, whitelist: "securityIps", fallbackPort: 3306, connection: ALI.rdsConnection },
  { type: ALI.kvstore, whitelist: "securityIps", fallbackPort: 6379, connection: ALI.kvstoreConnection },
  { type: ALI.tair, whitelist: "securityIps", fallbackPort: 6379 },
  { type: ALI.mongodb, whitelist: "securityIpLists", fallbackPort: 27017 },
];

export function addAlicloudDatabases(m: NetworkModel): void {
  const res = m.resolver;
  for (const kind of KINDS) {
    const endpoints = new Map<string, GenericResource>();
    if (kind.connection)
      for (const c of res.ofType(kind.connection)) {
        const db = res.one(c, "instanceId", c.inputs.instanceId, [kind.type]);
        if (db) endpoints.set(db, c);
      }
    for (const r of res.ofType(kind.type)) {
      const vs = res.one(r, "vswitchId", r.inputs.vswitchId, [ALI.vswitch]);
      const groups = ["securityGroupIds", "securityGroupId"].flatMap(
        (p) => res.many(r, p, list(r.inputs[p]), [ALI.securityGroup]).urns,
      );
      // One string (Tair) or a list of strings, each holding entries as the resource rule reads them.
      const written = r.inputs[kind.whitelist];
      const values = items(written);
      const listed = values.flatMap((v) => splitWhitelist(str(v) ?? ""));
      // An entry unknown at preview may be any address: what it admits through a public endpoint is a note.
      const unknownEntry = isUnknown(written) || values.some((v) => str(v) === undefined);
      const host: Host = {
        ...nodeOf(r),
        cloud: "alicloud",
        kind: "database",
        subnets: vs ? [vs] : [],
        externalSubnets: [],
        defaultSubnet: false,
        securityGroups: [...new Set(groups)],
        publicV4: [],
        tags: tags(r),
        listenPorts: [num(r.inputs.port) ?? defaultDatabasePort(str(r.inputs.engine), kind.fallbackPort)],
        // The provider's default whitelist admits only the loopback address.
        whitelist: written === undefined ? ["127.0.0.1"] : listed.flatMap((e) => whitelistBlock(e) ?? []),
        ...(unknownEntry ? { whitelistUnknown: true } : {}),
      };
      const endpoint = endpoints.get(r.urn);
      if (endpoint) host.publicEndpoint = { label: `public-endpoint:${endpoint.name}`, urn: endpoint.urn };
      else if (mayBeTrue(r.inputs.enablePublic))
        host.publicEndpoint = { label: `public-endpoint:${r.name}`, urn: r.urn };
      m.hosts.set(r.urn, host);
    }
  }
}
