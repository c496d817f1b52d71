// One host WebFirewall protects: its name, origin addresses and listener ports, checked as one entry of `domains`.
import * as pulumi from "@pulumi/pulumi";
import { Problems } from "../validation";
import { ArgProblems, argumentKeys } from "./args";

export interface WafProtectedDomain {
  /** Host name clients use, e.g. "www.example.com". */
  domain: string;
  /** Origin addresses (the internet-facing load balancer), e.g. [slb.address]. */
  backends: pulumi.Input<pulumi.Input<string>[]>;
  /** Default [443] when `certId` is set, else none. */
  httpsPorts?: number[];
  /** Default [80]. */
  httpPorts?: number[];
  /** SSL certificate id (Certificate Management Service) for HTTPS listeners. */
  certId?: pulumi.Input<string>;
}

const HOST = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const DOMAIN_KEYS = argumentKeys<WafProtectedDomain>({
  domain: true,
  backends: true,
  httpsPorts: true,
  httpPorts: true,
  certId: true,
});

function checkPorts(problems: Problems, argument: string, ports: unknown): void {
  if (ports === undefined) return;
  if (!problems.check(Array.isArray(ports), argument, ports, "a list of ports", "pass e.g. [443]")) return;
  (ports as unknown[]).forEach((port, i) =>
    problems.check(
      typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535,
      `${argument}[${i}]`,
      port,
      "an integer port from 1 to 65535",
      "use the port clients connect to, e.g. 443",
    ),
  );
  const seen = new Set<unknown>();
  (ports as unknown[]).forEach((port, i) => {
    problems.check(!seen.has(port), `${argument}[${i}]`, port, "each port once", "remove the duplicate");
    seen.add(port);
  });
}

/** One protected host: its name, origins, and listeners that exist and hold a certificate where they need one. */
export function checkDomain(problems: Problems, argument: string, given: WafProtectedDomain): void {
  // Its own list, so an Output where a literal is needed silences the rest of this entry only.
  const own = new ArgProblems("domain");
  own.knownKeys(given, DOMAIN_KEYS, `${argument}.`);
  const d = own.plain(given, ["domain", "httpPorts", "httpsPorts"], `${argument}.`);
  own.check(
    typeof d.domain === "string" && HOST.test(d.domain),
    `${argument}.domain`,
    d.domain,
    "a lower-case DNS host name such as www.example.com",
    "correct the host name",
  );
  if (Array.isArray(d.backends)) {
    own.check(
      d.backends.length > 0,
      `${argument}.backends`,
      d.backends,
      "at least one origin address",
      "pass the load balancer address",
    );
    d.backends.forEach((b, i) =>
      own.check(
        b !== "" && b !== undefined && b !== null && (typeof b !== "string" || b === b.trim()),
        `${argument}.backends[${i}]`,
        b,
        "an origin IP address or host name without spaces",
        "pass the load balancer address",
      ),
    );
  } else {
    own.check(
      d.backends !== undefined && d.backends !== null && typeof d.backends === "object",
      `${argument}.backends`,
      d.backends,
      "a list of origin addresses (or an Output of one)",
      "pass e.g. [slb.address]",
    );
  }
  checkPorts(own, `${argument}.httpPorts`, d.httpPorts);
  checkPorts(own, `${argument}.httpsPorts`, d.httpsPorts);
  if (Array.isArray(d.httpsPorts) && d.httpsPorts.length > 0) {
    own.check(
      d.certId !== undefined && d.certId !== "",
      `${argument}.certId`,
      d.certId,
      "a certificate id when httpsPorts are listened on",
      "upload the certificate to Certificate Management Service and pass its id",
    );
  }
  const http = d.httpPorts ?? [80];
  const https = d.httpsPorts ?? (d.certId ? [443] : []);
  if (Array.isArray(http) && Array.isArray(https)) {
    own.check(
      http.length + https.length > 0,
      `${argument}.httpPorts`,
      http,
      "at least one listener port across httpPorts and httpsPorts",
      "listen on 443 with a certificate (httpsPorts and certId), or keep the default [80]",
    );
    const both = http.filter((p) => https.includes(p));
    own.check(
      both.length === 0,
      `${argument}.httpsPorts`,
      https,
      "ports not also listed in httpPorts",
      "list each port in one of httpPorts or httpsPorts",
    );
  }
  problems.addAll(own.list);
}
