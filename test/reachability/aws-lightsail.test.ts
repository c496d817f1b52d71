import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import {
  Exposure,
  UNKNOWN,
  buildNetworkModel,
  formatPorts,
  internetExposures,
  renderPath,
} from "../../lib/reachability";
import { T, lightsailInstance } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, knownRef, ref } from "./stack-builder";
import { tcp } from "./tcp-ingress";

const DEFAULT_PATH = "lightsail:web (default firewall: no InstancePublicPorts)";

function exposures(b: StackBuilder) {
  return internetExposures(buildNetworkModel(b.resources));
}

function onPort(rows: Exposure[], port: number, family?: Exposure["family"]) {
  return rows.filter((e) => e.ports.from <= port && port <= e.ports.to && (!family || e.family === family));
}

/** "source protocol/ports" lines, for compact expectations. */
function summary(rows: Exposure[]) {
  return rows.map((e) => `${e.source} ${e.protocol}/${formatPorts(e.ports)}`);
}

function portsOf(b: StackBuilder, name: string, inputs: Record<string, unknown>) {
  return b.add(T.lightsailPorts, name, inputs);
}

describe("Lightsail instances without InstancePublicPorts (default firewall)", () => {
  it("opens SSH and HTTP to any IPv4 and IPv6 address on a Linux blueprint, with the path naming the default", () => {
    const b = new StackBuilder();
    const web = lightsailInstance(b);
    const rows = exposures(b);
    expect(summary(rows).sort()).toEqual(["0.0.0.0/0 tcp/22", "0.0.0.0/0 tcp/80", "::/0 tcp/22", "::/0 tcp/80"]);
    expect(rows.every((e) => e.urn === web.urn && e.via === "direct")).toBe(true);
    const ssh = onPort(rows, 22).map(renderPath).sort();
    expect(ssh).toEqual([
      `0.0.0.0/0 → ${DEFAULT_PATH} → lightsail:web:22`,
      `::/0 → ${DEFAULT_PATH} → lightsail:web:22`,
    ]);
  });

  it("opens RDP on a Windows blueprint, and HTTPS on an application blueprint", () => {
    const b = new StackBuilder();
    lightsailInstance(b, "win", { blueprintId: "windows_server_2022" });
    lightsailInstance(b, "blog", { blueprintId: "wordpress" });
    const rows = exposures(b);
    expect(onPort(rows, 3389, "ipv4").map((e) => e.name)).toEqual(["win"]);
    expect(renderPath(onPort(rows, 3389, "ipv4")[0])).toBe(
      "0.0.0.0/0 → lightsail:win (default firewall: no InstancePublicPorts) → lightsail:win:3389",
    );
    expect(onPort(rows, 443, "ipv4").map((e) => e.name)).toEqual(["blog"]);
  });

  it("assumes every default a blueprint unknown at preview could bring, RDP included", () => {
    const b = new StackBuilder();
    lightsailInstance(b, "web", { blueprintId: UNKNOWN });
    expect(summary(exposures(b).filter((e) => e.family === "ipv4"))).toEqual([
      "0.0.0.0/0 tcp/22",
      "0.0.0.0/0 tcp/80",
      "0.0.0.0/0 tcp/443",
      "0.0.0.0/0 tcp/3389",
    ]);
  });

  it("reaches IPv6 only when the instance is dual-stack (the default) or its address type is unknown", () => {
    const families = (ipAddressType: unknown) => {
      const b = new StackBuilder();
      lightsailInstance(b, "web", ipAddressType === undefined ? {} : { ipAddressType });
      return [...new Set(onPort(exposures(b), 22).map((e) => e.family))].sort();
    };
    expect(families(undefined)).toEqual(["ipv4", "ipv6"]);
    expect(families("dualstack")).toEqual(["ipv4", "ipv6"]);
    expect(families(UNKNOWN)).toEqual(["ipv4", "ipv6"]);
    expect(families("ipv4")).toEqual(["ipv4"]);
    expect(families("ipv6")).toEqual(["ipv6"]);
  });
});

describe("Lightsail InstancePublicPorts", () => {
  it("replaces the defaults: 22 to 0.0.0.0/0 opens only that, with the port info in the path", () => {
    const b = new StackBuilder();
    const web = lightsailInstance(b);
    const ports = portsOf(b, "web-ports", { instanceName: "web", portInfos: [tcp(22, { cidrs: ["0.0.0.0/0"] })] });
    const rows = exposures(b);
    expect(summary(rows)).toEqual(["0.0.0.0/0 tcp/22"]);
    expect(renderPath(rows[0])).toBe(
      "0.0.0.0/0 → lightsail:web (InstancePublicPorts web-ports portInfos[0]) → lightsail:web:22",
    );
    expect(rows[0].causes).toEqual([web.urn, ports.urn]);
  });

  it("opens 22 over IPv6 only for an ::/0 source", () => {
    const b = new StackBuilder();
    lightsailInstance(b);
    portsOf(b, "web-ports", { instanceName: "web", portInfos: [tcp(22, { ipv6Cidrs: ["::/0"] })] });
    expect(summary(exposures(b))).toEqual(["::/0 tcp/22"]);
  });

  it("reads protocol all and a 0-65535 range as every port, and a port info without sources as any address", () => {
    const b = new StackBuilder();
    lightsailInstance(b, "a");
    lightsailInstance(b, "b");
    lightsailInstance(b, "c");
    portsOf(b, "a-ports", {
      instanceName: "a",
      portInfos: [{ protocol: "all", fromPort: 0, toPort: 65535, cidrs: ["0.0.0.0/0"] }],
    });
    portsOf(b, "b-ports", {
      instanceName: "b",
      portInfos: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrs: ["0.0.0.0/0"] }],
    });
    portsOf(b, "c-ports", { instanceName: "c", portInfos: [tcp(22)] });
    const rows = exposures(b);
    expect(summary(rows.filter((e) => e.name === "a"))).toEqual(["0.0.0.0/0 all/all"]);
    expect(summary(rows.filter((e) => e.name === "b"))).toEqual(["0.0.0.0/0 tcp/all"]);
    expect(summary(rows.filter((e) => e.name === "c")).sort()).toEqual(["0.0.0.0/0 tcp/22", "::/0 tcp/22"]);
  });

  it("links through property dependencies when the instance's name is unknown at preview", () => {
    const b = new StackBuilder();
    const web = lightsailInstance(b, "web", { name: UNKNOWN });
    portsOf(b, "web-ports", { instanceName: ref(web), portInfos: [tcp(443, { cidrs: ["0.0.0.0/0"] })] });
    expect(summary(exposures(b))).toEqual(["0.0.0.0/0 tcp/443"]);
  });

  it("adds the ports of every declaration that targets the instance", () => {
    const b = new StackBuilder();
    const web = lightsailInstance(b);
    portsOf(b, "https", { instanceName: knownRef(web, "web"), portInfos: [tcp(443, { cidrs: ["0.0.0.0/0"] })] });
    portsOf(b, "mysql", { instanceName: "web", portInfos: [tcp(3306, { cidrs: ["0.0.0.0/0"] })] });
    expect(summary(exposures(b))).toEqual(["0.0.0.0/0 tcp/443", "0.0.0.0/0 tcp/3306"]);
  });

  it("leaves an instance of the stack alone when a known name targets an instance outside it", () => {
    const b = new StackBuilder();
    lightsailInstance(b);
    portsOf(b, "legacy", { instanceName: "legacy-box", portInfos: [tcp(3306, { cidrs: ["0.0.0.0/0"] })] });
    expect(summary(exposures(b)).sort()).toEqual([
      "0.0.0.0/0 tcp/22",
      "0.0.0.0/0 tcp/80",
      "::/0 tcp/22",
      "::/0 tcp/80",
    ]);
  });

  describe("unknown at preview never hides an opening", () => {
    it("an unknown instanceName keeps every instance's defaults and adds its ports to each", () => {
      const b = new StackBuilder();
      lightsailInstance(b, "a");
      lightsailInstance(b, "b");
      portsOf(b, "which", { instanceName: UNKNOWN, portInfos: [tcp(3306, { cidrs: ["0.0.0.0/0"] })] });
      const rows = exposures(b).filter((e) => e.family === "ipv4");
      for (const name of ["a", "b"]) {
        const own = rows.filter((e) => e.name === name);
        expect(summary(own)).toEqual(["0.0.0.0/0 tcp/22", "0.0.0.0/0 tcp/80", "0.0.0.0/0 tcp/3306"]);
        expect(renderPath(onPort(own, 3306)[0])).toBe(
          `0.0.0.0/0 → lightsail:${name} (InstancePublicPorts which portInfos[0], instanceName unknown at preview) → lightsail:${name}:3306`,
        );
        expect(renderPath(onPort(own, 22)[0])).toContain(
          "default firewall: no InstancePublicPorts known to replace it",
        );
      }
    });

    it("a declaration depending on several instances keeps the defaults of each", () => {
      const b = new StackBuilder();
      const a = lightsailInstance(b, "a", { name: UNKNOWN });
      const c = lightsailInstance(b, "c", { name: UNKNOWN });
      const oneOf = portsOf(b, "one-of", { instanceName: ref(a), portInfos: [tcp(443)] });
      // e.g. `pulumi.all([a.name, c.name]).apply(pick)`: both instances flow into the one input.
      oneOf.propertyDependencies.instanceName = [a.urn, c.urn];
      const rows = exposures(b).filter((e) => e.family === "ipv4");
      expect(onPort(rows, 22).map((e) => e.name)).toEqual(["a", "c"]);
      expect(onPort(rows, 443).map((e) => e.path[0])).toEqual([
        "lightsail:a (InstancePublicPorts one-of portInfos[0], one of several instances it names)",
        "lightsail:c (InstancePublicPorts one-of portInfos[0], one of several instances it names)",
      ]);
    });

    it("a known name matching no instance may still be an instance whose own name is unknown", () => {
      const b = new StackBuilder();
      lightsailInstance(b, "web", { name: UNKNOWN });
      portsOf(b, "web-ports", { instanceName: "web-prod", portInfos: [tcp(3306, { cidrs: ["0.0.0.0/0"] })] });
      const rows = exposures(b).filter((e) => e.family === "ipv4");
      expect(summary(rows)).toEqual(["0.0.0.0/0 tcp/22", "0.0.0.0/0 tcp/80", "0.0.0.0/0 tcp/3306"]);
    });

    it("unknown portInfos open every port to any address", () => {
      const b = new StackBuilder();
      lightsailInstance(b);
      portsOf(b, "web-ports", { instanceName: "web", portInfos: UNKNOWN });
      const rows = exposures(b);
      expect(summary(rows).sort()).toEqual(["0.0.0.0/0 all/all", "::/0 all/all"]);
      expect(rows[0].path[0]).toBe("lightsail:web (InstancePublicPorts web-ports portInfos unknown at preview)");
    });

    it("an unknown port info, unknown ports or unknown cidrs count as every port or any address", () => {
      const b = new StackBuilder();
      lightsailInstance(b);
      portsOf(b, "web-ports", {
        instanceName: "web",
        portInfos: [
          { protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrs: ["198.51.100.0/24"] },
          tcp(5432, { cidrs: UNKNOWN }),
        ],
      });
      expect(summary(exposures(b).filter((e) => e.family === "ipv4"))).toEqual([
        "198.51.100.0/24 tcp/all",
        "0.0.0.0/0 tcp/5432",
      ]);
    });
  });

  describe("known-good", () => {
    it("opening only 443 exposes no SSH", () => {
      const b = new StackBuilder();
      lightsailInstance(b);
      portsOf(b, "web-ports", {
        instanceName: "web",
        portInfos: [tcp(443, { cidrs: ["0.0.0.0/0"], ipv6Cidrs: ["::/0"] })],
      });
      const rows = exposures(b);
      expect(onPort(rows, 22)).toEqual([]);
      expect(summary(rows).sort()).toEqual(["0.0.0.0/0 tcp/443", "::/0 tcp/443"]);
    });

    it("22 from a private range is not an internet path; from an office range only that range reaches it", () => {
      const b = new StackBuilder();
      lightsailInstance(b, "private");
      lightsailInstance(b, "office");
      portsOf(b, "private-ports", { instanceName: "private", portInfos: [tcp(22, { cidrs: ["10.0.0.0/8"] })] });
      portsOf(b, "office-ports", { instanceName: "office", portInfos: [tcp(22, { cidrs: ["203.0.113.0/24"] })] });
      const rows = exposures(b);
      expect(rows.filter((e) => e.name === "private")).toEqual([]);
      expect(summary(rows.filter((e) => e.name === "office"))).toEqual(["203.0.113.0/24 tcp/22"]);
    });

    it("the browser-SSH alias, ICMP and an empty port list open nothing to the internet", () => {
      const b = new StackBuilder();
      lightsailInstance(b, "alias");
      lightsailInstance(b, "ping");
      lightsailInstance(b, "closed");
      portsOf(b, "alias", { instanceName: "alias", portInfos: [tcp(22, { cidrListAliases: ["lightsail-connect"] })] });
      portsOf(b, "ping", {
        instanceName: "ping",
        portInfos: [{ protocol: "icmp", fromPort: 8, toPort: -1, cidrs: ["0.0.0.0/0"] }],
      });
      portsOf(b, "closed", { instanceName: "closed", portInfos: [] });
      expect(exposures(b)).toEqual([]);
    });
  });
});

describe("stack policies on Lightsail", () => {
  it("disallow-internet-admin-ports-except-bastions blocks a bare instance, naming the default firewall and the fix", async () => {
    const b = new StackBuilder();
    const web = lightsailInstance(b);
    const out = await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources);
    expect(out.every((r) => !r.advisory)).toBe(true);
    const fix =
      "only a designated bastion may expose an administration port; declare aws.lightsail.InstancePublicPorts for web without this port, or restrict its cidrs";
    expect(out.map((r) => [r.urn, r.message])).toEqual(
      ["0.0.0.0/0", "::/0"].map((source) => [
        web.urn,
        expect.stringContaining(
          `web: tcp/22 is reachable from the internet: ${source} → ${DEFAULT_PATH} → lightsail:web:22; ${fix}`,
        ),
      ]),
    );
  });

  it("blocks RDP on a bare Windows instance and SSH opened by InstancePublicPorts", async () => {
    const b = new StackBuilder();
    lightsailInstance(b, "win", { blueprintId: "windows_server_2019", ipAddressType: "ipv4" });
    lightsailInstance(b, "web", { ipAddressType: "ipv4" });
    portsOf(b, "web-ports", { instanceName: "web", portInfos: [{ protocol: "all", fromPort: 0, toPort: 65535 }] });
    const messages = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources)).map(
      (r) => r.message,
    );
    expect(messages.filter((m) => m.startsWith("win: tcp/3389"))).toHaveLength(1);
    expect(messages.filter((m) => m.startsWith("web: all/22"))).toEqual([
      expect.stringContaining(
        "0.0.0.0/0 → lightsail:web (InstancePublicPorts web-ports portInfos[0]) → lightsail:web:all",
      ),
    ]);
  });

  it("passes an instance opening only 443, and a tagged bastion reachable only from its allow-list", async () => {
    const b = new StackBuilder();
    lightsailInstance(b);
    portsOf(b, "web-ports", { instanceName: "web", portInfos: [tcp(443)] });
    lightsailInstance(b, "jump", {
      tags: { "hardening:role": "bastion", "hardening:allowed-cidrs": "203.0.113.0/24" },
    });
    portsOf(b, "jump-ports", { instanceName: "jump", portInfos: [tcp(22, { cidrs: ["203.0.113.0/24"] })] });
    expect(await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources)).toEqual([]);
  });

  it("blocks a bastion left on the default firewall: 0.0.0.0/0 is outside its allow-list", async () => {
    const b = new StackBuilder();
    lightsailInstance(b, "jump", {
      ipAddressType: "ipv4",
      tags: { "hardening:role": "bastion", "hardening:allowed-cidrs": "203.0.113.0/24" },
    });
    const out = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources));
    expect(out.map((r) => r.message)).toEqual([
      expect.stringContaining("source 0.0.0.0/0 is outside the bastion's allow-list (203.0.113.0/24); declare"),
    ]);
  });

  it("disallow-internet-database-and-high-risk-ports ignores the default HTTP port and blocks MySQL opened to all", async () => {
    const bare = new StackBuilder();
    lightsailInstance(bare);
    expect(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, bare.resources)).toEqual([]);
    const mysql = new StackBuilder();
    lightsailInstance(mysql, "db", { ipAddressType: "ipv4" });
    portsOf(mysql, "db-ports", { instanceName: "db", portInfos: [tcp(3306, { cidrs: ["0.0.0.0/0"] })] });
    const out = mandatory(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, mysql.resources));
    expect(out.map((r) => r.message)).toEqual([
      expect.stringContaining(
        "db: high-risk port 3306 reachable from the internet: 0.0.0.0/0 → lightsail:db (InstancePublicPorts db-ports portInfos[0]) → lightsail:db:3306",
      ),
    ]);
  });

  it("require-bastion-only-ssh-to-private-hosts does not report the same opening again (no security groups)", async () => {
    const b = new StackBuilder();
    lightsailInstance(b);
    expect(await runStackPolicy(requireBastionOnlySshToPrivateHosts, b.resources)).toEqual([]);
  });
});
