// A balancer or accelerator listener's protocol, on both clouds. QUIC runs over UDP; TCP_UDP and TCP_QUIC listeners
// carry both. HTTP(S), TLS and TCPSSL listeners carry TCP, as a listener without a protocol does (every provider's
// default). A protocol unknown at preview may be any of them: "all", so a UDP-only rule behind it still opens UDP.
import type { Listener, Protocol } from "./model";
import { isUnknown, str, unwrap } from "./resource";
import { ownValue } from "../own-value";

const NOT_TCP: Record<string, Protocol> = { udp: "udp", quic: "udp", tcp_udp: "all", tcp_quic: "all" };

export function listenerProtocol(v: unknown): Protocol {
  if (isUnknown(unwrap(v))) return "all";
  return ownValue(NOT_TCP, (str(v) ?? "").trim().toLowerCase()) ?? "tcp";
}

/**
 * A listener that takes one protocol from clients and forwards another to its targets: an Alibaba Cloud ALB listener,
 * QUIC (UDP) included, speaks HTTP, HTTPS or gRPC to its servers, all over TCP.
 */
export type TerminatingListener = Listener & { forwards: Protocol };

/** What a listener sends its targets, given the protocol it takes from the client (already met with its front). */
export function forwardedProtocol(listener: Listener, taken: Protocol): Protocol {
  return (listener as Partial<TerminatingListener>).forwards ?? taken;
}
