// NAT gateway forward (DNAT) entries: a public address and port forwarded to a private host — the path that
// exposed the case's databases without any public address on the servers themselves.
import { ALL_PORTS, PortRange, alicloudRuleRange } from "../../ports";
import { NetworkModel, nodeOf } from "../model";
import { normalizeProtocol } from "../protocol";
import { str } from "../resource";
import { outsideLabel } from "../outside-backends";
import { SERVER_TYPES, serverEntries } from "./network-interfaces";
import { ALI } from "./tokens";

export function addAlicloudDnat(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.forwardEntry)) {
    const gw = res.one(r, "forwardTableId", r.inputs.forwardTableId, [ALI.natGateway]);
    const eip = res.one(r, "externalIp", r.inputs.externalIp, ALI.eip);
    const target = res.one(r, "internalIp", r.inputs.internalIp, SERVER_TYPES);
    const external = dnatPorts(r.inputs.externalPort);
    const internal = dnatPorts(r.inputs.internalPort) ?? external;
    if (!external || !internal) continue;
    const entry = {
      ...nodeOf(r),
      protocol: normalizeProtocol(r.inputs.ipProtocol),
      externalPorts: external,
      internalPorts: internal,
      gatewayName: gw ? res.get(gw)!.name : (str(r.inputs.forwardTableId) ?? "nat"),
      externalLabel: eip ? `eip:${res.get(eip)!.name}` : (str(r.inputs.externalIp) ?? "nat-ip"),
    };
    // An address no server of the stack may hold is a backend outside the plan.
    if (res.many(r, "internalIp", [r.inputs.internalIp], SERVER_TYPES).urns.length === 0) {
      m.dnat.push({ ...entry, outside: outsideLabel("address", r.inputs.internalIp) });
      continue;
    }
    // An ENI's address reaches the instance it is attached to, through that ENI.
    for (const server of serverEntries(m, target))
      m.dnat.push({ ...entry, target: server.host, interface: server.interface });
  }
}

/** "22", "10/20" or "any"; an unknown value is every port. */
function dnatPorts(v: unknown): PortRange | undefined {
  const s = str(v);
  if (s === undefined) return v === undefined ? undefined : ALL_PORTS;
  if (s.trim().toLowerCase() === "any") return ALL_PORTS;
  const r = alicloudRuleRange("tcp", s.includes("/") ? s : `${s}/${s}`);
  return r === "none" ? undefined : r;
}
