// The health check decides the failover. The default (HTTPS 443 "/", an address down when half the probe nodes
// fail) probes what clients use; a check that keeps a dead application "healthy", or that needs more nodes to fail,
// is built as asked but announced on the component, naming the argument.
import * as pulumi from "@pulumi/pulumi";
import "./mocks";
import { DnsFailover } from "../../../components/alicloud/dnsFailover";
import { HealthCheckOptions } from "../../../components/plan/alicloud-gtm";

const pools = {
  userDomainName: "example.com",
  primary: { region: "cn-hangzhou", addresses: ["198.51.100.10"] },
  secondary: { region: "cn-shanghai", addresses: ["198.51.100.20"] },
};

let count = 0;
/** The warnings the component logs about itself while it is built. */
function ownWarnings(healthCheck?: HealthCheckOptions): string[] {
  const name = `dfw-${count++}`;
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    new DnsFailover(name, { ...pools, ...(healthCheck ? { healthCheck } : {}) });
    return warn.mock.calls.map((call) => String(call[0])).filter((w) => w.startsWith(`DnsFailover "${name}"`));
  } finally {
    warn.mockRestore();
  }
}

describe("DnsFailover health check warnings", () => {
  it.each([
    ["PING", { protocol: "PING", port: 443, failureRate: 50 }, "healthCheck.protocol", '"PING"'],
    ["TCP", { protocol: "TCP", port: 443, failureRate: 50 }, "healthCheck.protocol", '"TCP"'],
    [
      "HTTP on 80",
      { protocol: "HTTP", port: 80, path: "/", failureRate: 50 },
      "healthCheck.protocol",
      '"HTTP" on port 80',
    ],
    ["HTTP on 443", { protocol: "HTTP", port: 443, path: "/", failureRate: 50 }, "healthCheck.protocol", '"HTTP"'],
    [
      "failureRate 100",
      { protocol: "HTTPS", port: 443, path: "/", failureRate: 100 },
      "healthCheck.failureRate",
      "is 100",
    ],
    [
      "failureRate 51",
      { protocol: "HTTPS", port: 443, path: "/", failureRate: 51 },
      "healthCheck.failureRate",
      "is 51",
    ],
  ] as [string, HealthCheckOptions, string, string][])(
    "%s warns once, naming the argument",
    (_probe, healthCheck, argument, value) => {
      const warnings = ownWarnings(healthCheck);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(argument);
      expect(warnings[0]).toContain(value);
    },
  );

  it("PING with failureRate 100 warns about both", () => {
    const warnings = ownWarnings({ protocol: "PING", port: 443, failureRate: 100 });
    expect(warnings).toHaveLength(2);
    expect(warnings.some((w) => w.includes("healthCheck.protocol"))).toBe(true);
    expect(warnings.some((w) => w.includes("healthCheck.failureRate"))).toBe(true);
  });

  it.each([
    ["the default", undefined],
    ["the default written out", { protocol: "HTTPS", port: 443, path: "/", failureRate: 50 }],
    ["HTTPS on another port with a health path", { protocol: "HTTPS", port: 8443, path: "/health", failureRate: 50 }],
    ["a lower failureRate (fails over sooner)", { protocol: "HTTPS", port: 443, path: "/", failureRate: 20 }],
  ] as [string, HealthCheckOptions | undefined][])("%s does not warn", (_probe, healthCheck) => {
    expect(ownWarnings(healthCheck)).toEqual([]);
  });
});
