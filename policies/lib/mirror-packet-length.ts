// A traffic mirror session's packetLength truncates every mirrored packet to its first bytes. The evidence the case
// needed is who connected where: the addresses and ports of each flow. A truncation shorter than the headers that
// carry them leaves packets that show neither, so the capture records traffic and proves nothing.
import { GenericResource, isUnknown } from "../../lib/reachability/internals";
import { num, unwrap } from "../../lib/reachability/resource";
import { unverifiable } from "./findings";
import { Proof } from "./proof";
import { StackFinding } from "./stack-rule";

/**
 * Bytes a mirrored packet must keep to show a flow's addresses and ports. AWS counts packetLength from the mirrored
 * frame's Ethernet header (the bytes after the VXLAN header): Ethernet 14 + IPv4 20 + TCP 20 (UDP's 8-byte header is
 * shorter, so this keeps UDP's ports too); over IPv6 the IP header is 40, so 74. Alibaba Cloud documents its
 * packetLength only as the mirrored packets' MTU and the same floor applies; were it counted from the IP header,
 * 40 would do, so only a value from 40 to 53 could be flagged there without cause.
 */
export const FLOW_HEADER_BYTES = { ipv4: 14 + 20 + 20, ipv6: 14 + 40 + 20 } as const;

/**
 * Findings about the session's packetLength (absent: the whole packet). `ipv6` says whether its source is reached
 * over IPv6 too, where the longer IPv6 header must fit.
 */
export function packetLengthFindings(session: GenericResource, ipv6: Proof): StackFinding[] {
  const raw = unwrap(session.inputs.packetLength);
  if (isUnknown(raw))
    return [
      {
        urn: session.urn,
        ...unverifiable(`${session.name}.packetLength`, "a short one keeps no addresses or ports"),
      },
    ];
  const length = num(raw);
  if (length === undefined) return [];
  const about = `${session.name}: packetLength ${length} keeps only the first ${length} bytes of each mirrored packet`;
  if (length < FLOW_HEADER_BYTES.ipv4)
    return [
      {
        urn: session.urn,
        message: `${about}, fewer than the ${FLOW_HEADER_BYTES.ipv4} an IPv4 TCP packet's Ethernet, IP and TCP headers take, so the mirror cannot show which addresses and ports connected: leave packetLength unset to mirror whole packets, or set it to at least ${ipv6 === "no" ? FLOW_HEADER_BYTES.ipv4 : FLOW_HEADER_BYTES.ipv6}`,
      },
    ];
  if (length >= FLOW_HEADER_BYTES.ipv6 || ipv6 === "no") return [];
  const gap = `fewer than the ${FLOW_HEADER_BYTES.ipv6} an IPv6 TCP packet's headers take, so its IPv6 traffic would show no addresses or ports: leave packetLength unset or set it to at least ${FLOW_HEADER_BYTES.ipv6}`;
  if (ipv6 === "yes") return [{ urn: session.urn, message: `${about} and its source has IPv6 addresses: ${gap}` }];
  return [
    {
      urn: session.urn,
      message: `cannot be verified at preview: ${session.name}: whether its source has IPv6 addresses is unknown, and packetLength ${length} is ${gap}`,
      unverifiable: true,
    },
  ];
}
