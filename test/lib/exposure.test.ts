import { exposedPorts } from "../../lib/exposure";
import {
  alicloudNetworkAclIngress,
  awsLightsailPublicPorts,
  awsNetworkAclIngress,
  IngressEntry,
} from "../../lib/ingress";
import { UNKNOWN } from "../../lib/values";

const entry = (over: Partial<IngressEntry>): IngressEntry => ({
  where: "e",
  action: "allow",
  range: { from: 22, to: 22 },
  cidrs: ["0.0.0.0/0"],
  unknownSource: false,
  ...over,
});

describe("exposedPorts", () => {
  it("reports the ports and the sources that reach them", () => {
    const r = exposedPorts([entry({ range: { from: 0, to: 65535 }, cidrs: ["10.0.0.0/8", "::/0"] })], [22, 3389]);
    expect(r.exposures.map((e) => [e.ports, e.sources])).toEqual([[[22, 3389], ["::/0"]]]);
  });

  it("unions allows across entries, per address family", () => {
    const r = exposedPorts(
      [entry({ where: "a", cidrs: ["0.0.0.0/1"] }), entry({ where: "b", cidrs: ["128.0.0.0/1"] })],
      [22],
      {
        minPrefixV4: 0,
      },
    );
    expect(r.exposures.map((e) => e.entry.where)).toEqual(["a", "b"]);
  });

  it("stops at an earlier deny of the whole internet for that family only", () => {
    const entries = [
      entry({ where: "allow", order: 200, range: { from: 0, to: 65535 }, cidrs: ["0.0.0.0/0", "::/0"] }),
      entry({ where: "deny", order: 100, action: "deny", cidrs: ["0.0.0.0/0"] }),
    ];
    const r = exposedPorts(entries, [22]);
    expect(r.exposures.map((e) => e.sources)).toEqual([["::/0"]]);
  });

  it("ignores a partial deny", () => {
    const entries = [entry({ order: 2 }), entry({ order: 1, action: "deny", cidrs: ["0.0.0.0/1"] })];
    expect(exposedPorts(entries, [22]).exposures).toHaveLength(1);
  });

  it.each<[string, Partial<IngressEntry>, { exposed: number; uncertain: string[] }]>([
    ["a udp deny leaves a tcp allow open", { protocol: "udp" }, { exposed: 1, uncertain: [] }],
    ["a tcp deny closes a tcp allow", { protocol: "tcp" }, { exposed: 0, uncertain: [] }],
    ["an all-protocol deny closes a tcp allow", { protocol: "all" }, { exposed: 0, uncertain: [] }],
    [
      "a deny of unknown order is uncertain",
      { protocol: "all", order: undefined },
      { exposed: 0, uncertain: ["rule number"] },
    ],
    ["a deny of unknown protocol is uncertain", { protocol: "unknown" }, { exposed: 0, uncertain: ["protocol"] }],
    [
      "a deny of unknown action is uncertain",
      { protocol: "all", unknownAction: true },
      { exposed: 0, uncertain: ["action"] },
    ],
    [
      "a deny of unknown CIDR is uncertain",
      { protocol: "all", cidrs: [], unknownSource: true },
      { exposed: 0, uncertain: ["source CIDR"] },
    ],
    [
      "a deny of unknown range is uncertain",
      { protocol: "all", range: "unknown" },
      { exposed: 0, uncertain: ["port range"] },
    ],
  ])("ordered deny: %s", (_name, deny, expected) => {
    const entries = [
      entry({ where: "allow", order: 100, protocol: "tcp" }),
      entry({ where: "deny", order: 10, action: "deny", range: { from: 0, to: 65535 }, ...deny }),
    ];
    const r = exposedPorts(entries, [22]);
    expect({ exposed: r.exposures.length, uncertain: r.uncertain.map((u) => u.reason) }).toEqual(expected);
  });

  it("marks unknown ranges and sources uncertain instead of guessing", () => {
    const r = exposedPorts([entry({ range: "unknown" }), entry({ cidrs: [], unknownSource: true })], [22]);
    expect(r.uncertain.map((u) => u.reason)).toEqual(["port range", "source CIDR"]);
    expect(r.exposures).toEqual([]);
  });

  it("an allow of unknown range is uncertain only when its sources may reach the internet", () => {
    const reasons = (cidrs: string[]) =>
      exposedPorts([entry({ range: "unknown", cidrs })], [22], { minPrefixV4: 0 }).uncertain.map((u) => u.reason);
    expect(reasons(["10.0.0.0/8"])).toEqual([]);
    expect(reasons(["0.0.0.0/1", "128.0.0.0/1"])).toEqual(["port range"]);
  });

  it("ports covered by the same entries share their protocols and sources; ports stay sorted", () => {
    const entries = [
      entry({ where: "all", range: { from: 0, to: 65535 }, protocol: "tcp", cidrs: ["0.0.0.0/0", "10.0.0.0/8"] }),
      entry({ where: "low", range: { from: 20, to: 25 }, protocol: "udp", cidrs: ["::/0"] }),
    ];
    const r = exposedPorts(entries, [3389, 22, 8080, 23]);
    expect(r.exposures.map((e) => [e.entry.where, e.ports, e.protocols, e.sources])).toEqual([
      ["all", [22, 23, 3389, 8080], ["tcp"], ["0.0.0.0/0"]],
      ["low", [22, 23], ["udp"], ["::/0"]],
    ]);
  });

  it("tells ports apart by their covering entries in lists longer than 32", () => {
    const privateAllows = Array.from({ length: 39 }, (_, i) =>
      entry({ where: `private${i}`, order: i, range: { from: 0, to: 65535 }, cidrs: ["10.0.0.0/8"] }),
    );
    const entries = [...privateAllows, entry({ where: "last", order: 39, cidrs: ["0.0.0.0/0"] })];
    expect(exposedPorts(entries, [22, 80]).exposures.map((e) => [e.entry.where, e.ports])).toEqual([["last", [22]]]);
  });
});

describe("ACL extraction", () => {
  it("keeps AWS rule numbers and actions", () => {
    const { entries } = awsNetworkAclIngress({
      ingress: [{ ruleNo: 100, action: "deny", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 }],
    });
    expect(entries).toEqual([
      {
        where: "ingress[0]",
        action: "deny",
        order: 100,
        range: { from: 0, to: 65535 },
        protocol: "all",
        cidrs: ["0.0.0.0/0"],
        unknownSource: false,
      },
    ]);
  });

  it("orders Alibaba Cloud entries by position and reports an unknown list", () => {
    const { entries } = alicloudNetworkAclIngress({
      ingressAclEntries: [{ policy: "accept", protocol: "tcp", port: "22/22", sourceCidrIp: UNKNOWN }],
    });
    expect(entries[0]).toMatchObject({ order: 0, action: "allow", unknownSource: true });
    expect(alicloudNetworkAclIngress({ ingressAclEntries: UNKNOWN })).toEqual({
      entries: [],
      unknownField: "ingressAclEntries",
    });
  });
});

describe("Lightsail public ports", () => {
  const open = (portInfos: unknown, ports = [22, 3389]) => {
    const x = awsLightsailPublicPorts({ instanceName: "web", portInfos });
    if (x.unknownField) return x.unknownField;
    const r = exposedPorts(x.entries, ports, { minPrefixV4: 16, minPrefixV6: 32 });
    return r.exposures.map((e) => [e.entry.where, e.ports]);
  };
  it.each<[string, unknown, unknown]>([
    [
      "22 from 0.0.0.0/0",
      [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] }],
      [["portInfos[0]", [22]]],
    ],
    [
      "3389 with no source named is open to any address",
      [{ protocol: "tcp", fromPort: 3389, toPort: 3389 }],
      [["portInfos[0]", [3389]]],
    ],
    [
      "all from ::/0",
      [{ protocol: "all", fromPort: 0, toPort: 65535, ipv6Cidrs: ["::/0"] }],
      [["portInfos[0]", [22, 3389]]],
    ],
    [
      "22 from the browser-SSH alias and an office /32",
      [
        {
          protocol: "tcp",
          fromPort: 22,
          toPort: 22,
          cidrListAliases: ["lightsail-connect"],
          cidrs: ["203.0.113.9/32"],
        },
      ],
      [],
    ],
    [
      "443 and icmp from anywhere",
      [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"] },
        { protocol: "icmp", fromPort: -1, toPort: -1, cidrs: ["0.0.0.0/0"] },
      ],
      [],
    ],
    ["unknown port list", UNKNOWN, "portInfos"],
  ])("%s", (_name, portInfos, expected) => {
    expect(open(portInfos)).toEqual(expected);
  });
});
