// What decides a failover: GTM marks an address down when its health check fails. The default probes the front end
// the way clients reach it (HTTPS 443 "/", a response below 400) and fails an address when half the probe nodes do;
// a weaker check keeps a dead region answering, so it is announced.
import * as pulumi from "@pulumi/pulumi";
import { HealthCheckOptions } from "../plan/alicloud-gtm";
import { warnIfWeaker } from "./args";

export const DEFAULT_HEALTH_CHECK: HealthCheckOptions = { protocol: "HTTPS", port: 443, path: "/", failureRate: 50 };

/** What each protocol weaker than HTTPS misses: an address it keeps healthy while clients get nothing. */
const PROTOCOL_GAPS: Partial<Record<HealthCheckOptions["protocol"], string>> = {
  PING: "a host that answers ping with its application dead stays healthy",
  TCP: "a port that accepts connections with the application behind it dead stays healthy",
  HTTP: "plain HTTP never touches the HTTPS listener or its certificate clients use, so a broken one stays healthy",
};

/** Warns, on the component, for a health check weaker than the default, naming the argument. */
export function warnWeakerHealthCheck(component: pulumi.Resource, subject: string, health: HealthCheckOptions): void {
  const gap = PROTOCOL_GAPS[health.protocol];
  if (gap) {
    pulumi.log.warn(
      `${subject}: healthCheck.protocol is "${health.protocol}" on port ${health.port}, weaker than the default ` +
        `${DEFAULT_HEALTH_CHECK.protocol} ${DEFAULT_HEALTH_CHECK.port} "${DEFAULT_HEALTH_CHECK.path}": ${gap} and ` +
        "GTM never fails over; use HTTPS on the port clients reach, with a path the application answers",
      component,
    );
  }
  warnIfWeaker(
    component,
    subject,
    "healthCheck.failureRate",
    health.failureRate,
    DEFAULT_HEALTH_CHECK.failureRate,
    "higher",
    "more probe nodes must fail before an address is marked down; at 100 every node must, so one node that still " +
      "reaches the region keeps its dead address answering",
  );
}
