// Layer-4 listeners (TCP, TLS) carry whatever the client speaks: on a well-known web port they are taken to serve the
// web, which only the application behind them can tell.
import { isUnknown, num } from "../../lib/reachability/internals";
import type { PortRange } from "../../lib/ports";
import { Proof } from "../lib/proof";

/** Ports web servers listen on by convention: HTTP, HTTPS and their common alternates. */
export const WEB_PORTS = [80, 443, 8080, 8443];

/** A listener's port as declared: known, unknown at preview, or absent. */
export function portOf(value: unknown): PortRange | "unknown" | undefined {
  if (isUnknown(value)) return "unknown";
  const port = num(value);
  return port === undefined ? undefined : { from: port, to: port };
}

/** Whether the ports hold a web port ("unknown" when they are unknown at preview: they may). */
export function onWebPort(ports: PortRange | "unknown" | undefined): Proof {
  if (ports === "unknown") return "unknown";
  if (ports === undefined) return "no";
  return WEB_PORTS.some((p) => p >= ports.from && p <= ports.to) ? "yes" : "no";
}

/** How findings name a web port range: "443", "1-65535". */
export const portText = (ports: PortRange | "unknown" | undefined): string =>
  ports === "unknown" || ports === undefined
    ? "(port unknown at preview)"
    : ports.from === ports.to
      ? String(ports.from)
      : `${ports.from}-${ports.to}`;
