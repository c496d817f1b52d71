// GTM failover plans: two address pools that must live in different regions, and their health-check settings.
import { Problems } from "../validation";

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export interface PoolRegionInput {
  region: string;
}

/** A failover pair is only worth having when a regional outage cannot take both pools down. */
export function checkFailoverRegions(problems: Problems, primary: PoolRegionInput, secondary: PoolRegionInput): void {
  const okP = problems.check(
    typeof primary?.region === "string" && REGION.test(primary.region),
    "primary.region",
    primary?.region,
    "an Alibaba Cloud region id such as cn-hangzhou",
    "set the region where the primary addresses live",
  );
  const okS = problems.check(
    typeof secondary?.region === "string" && REGION.test(secondary.region),
    "secondary.region",
    secondary?.region,
    "an Alibaba Cloud region id such as cn-shanghai",
    "set the region where the standby addresses live",
  );
  if (okP && okS) {
    problems.check(
      primary.region !== secondary.region,
      "secondary.region",
      secondary.region,
      `a region other than the primary's (${primary.region})`,
      "place the standby pool in a second region so one regional outage cannot take both down",
    );
  }
}

export interface HealthCheckOptions {
  protocol: "HTTP" | "HTTPS" | "TCP" | "PING";
  port: number;
  /** HTTP(S) only: the path probed. */
  path?: string;
  /** HTTP(S) only: the Host header sent. */
  host?: string;
  /** Percentage of probe nodes that must fail before an address is marked down. */
  failureRate: number;
}

/** The `monitorExtendInfo` JSON that GTM's monitor config expects. */
export function monitorExtendInfo(h: HealthCheckOptions): string {
  const info: Record<string, unknown> = { failureRate: h.failureRate, port: h.port };
  if (h.protocol === "HTTP" || h.protocol === "HTTPS") {
    info.host = h.host ?? "";
    info.path = h.path ?? "/";
    info.code = 400; // responses at or above this status count as failures
  }
  return JSON.stringify(info);
}

/** Health-check option problems: port 1-65535, failure rate 1-100, path starting with "/". */
export function checkHealthCheck(problems: Problems, argument: string, h: HealthCheckOptions): void {
  problems.check(
    ["HTTP", "HTTPS", "TCP", "PING"].includes(h.protocol),
    `${argument}.protocol`,
    h.protocol,
    "HTTP, HTTPS, TCP or PING",
    "use HTTPS for web front ends",
  );
  problems.check(
    Number.isInteger(h.port) && h.port >= 1 && h.port <= 65535,
    `${argument}.port`,
    h.port,
    "an integer port from 1 to 65535",
    "use the port the front end listens on, e.g. 443",
  );
  problems.check(
    Number.isInteger(h.failureRate) && h.failureRate >= 1 && h.failureRate <= 100,
    `${argument}.failureRate`,
    h.failureRate,
    "an integer percentage from 1 to 100",
    "use e.g. 50",
  );
  if (h.path !== undefined) {
    problems.check(
      typeof h.path === "string" && h.path.startsWith("/"),
      `${argument}.path`,
      h.path,
      'a path starting with "/"',
      'use e.g. "/health"',
    );
  }
}
