// NAT gateway forward (DNAT) entries: a public address and port forwarded to a private host — the path that
// exposed the case's databases without any public address on the servers themselves. The internal address may be
// an instance's, an ENI's (the instance it is attached to, through the ENI) or a HaVip's (every instance or ENI
// attached to it, active and standby alike).
import { ALL_PORTS, PortRange, alicloudRuleRange } from "../../ports";
import { Dnat, NetworkModel, nodeOf } from "../model";
import { normalizeProtocol } from "../protocol";
import { GenericResource, isUnknown, str, unwrap } from "../resource";
import { outsideLabel } from "../outside-backends";
import { aliasHavipAddresses, havipServers } from "./havips";
import { SERVER_TYPES, ServerEntry, serverEntries } from "./network-interfaces";
import { ALI } from "./tokens";

export function addAlicloudDnat(m: NetworkModel): void {
  const res = m.resolver;
  aliasHavipAddresses(m);
  for (const r of res.ofType(ALI.forwardEntry)) {
    const gw = res.one(r, "forwardTableId", r.inputs.forwardTableId, [ALI.natGateway]);
    const eip = res.one(r, "externalIp", r.inputs.externalIp, ALI.eip);
    const external = dnatPorts(r.inputs.externalPort);
    const internal = dnatPorts(r.inputs.internalPort) ?? external;
    if (!external || !internal) continue;
    const entry: Dnat = {
      ...nodeOf(r),
      protocol: normalizeProtocol(r.inputs.ipProtocol),
      externalPorts: external,
      internalPorts: internal,
      gatewayName: gw ? res.get(gw)!.name : (str(r.inputs.forwardTableId) ?? "nat"),
      externalLabel: eip ? `eip:${res.get(eip)!.name}` : (str(r.inputs.externalIp) ?? "nat-ip"),
      // A port unknown at preview stands for every port only because it is unknown: a note, not a finding.
      ...(portUnknown(r) ? { unverified: true as const } : {}),
    };
    const servers = internalServers(m, r);
    // An address no server of the stack may hold is a backend outside the plan.
    if (servers === undefined) {
      m.dnat.push({ ...entry, outside: outsideLabel("address", r.inputs.internalIp) });
      continue;
    }
    for (const server of servers) m.dnat.push({ ...entry, target: server.host, interface: server.interface });
  }
}

/**
 * The hosts behind the entry's `internalIp`: a HaVip's attached servers, or the instance (or ENI) holding it.
 * Undefined when nothing of the stack may hold it; a HaVip attached to nothing of the stack is outside it too.
 */
function internalServers(m: NetworkModel, r: GenericResource): ServerEntry[] | undefined {
  const res = m.resolver;
  const havip = res.one(r, "internalIp", r.inputs.internalIp, ALI.havip);
  if (havip) {
    const attached = havipServers(m, havip);
    return attached.length > 0 ? attached : undefined;
  }
  if (res.many(r, "internalIp", [r.inputs.internalIp], SERVER_TYPES).urns.length === 0) return undefined;
  return serverEntries(m, res.one(r, "internalIp", r.inputs.internalIp, SERVER_TYPES));
}

/** The port forwarded to is unknown: the internal port, or, when it is absent, the external port it copies. */
function portUnknown(r: GenericResource): boolean {
  const internal = unwrap(r.inputs.internalPort);
  return isUnknown(internal === undefined ? unwrap(r.inputs.externalPort) : internal);
}

/** "22", "10/20" or "any"; an unknown value is every port. */
function dnatPorts(v: unknown): PortRange | undefined {
  const s = str(v);
  if (s === undefined) return v === undefined ? undefined : ALL_PORTS;
  if (s.trim().toLowerCase() === "any") return ALL_PORTS;
  const r = alicloudRuleRange("tcp", s.includes("/") ? s : `${s}/${s}`);
  return r === "none" ? undefined : r;
}
