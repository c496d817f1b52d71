import { exposedPorts } from "../../lib/exposure";
import { alicloudNetworkAclIngress, awsNetworkAclIngress, IngressEntry } from "../../lib/ingress";
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

  it("marks unknown ranges and sources uncertain instead of guessing", () => {
    const r = exposedPorts([entry({ range: "unknown" }), entry({ cidrs: [], unknownSource: true })], [22]);
    expect(r.uncertain.map((u) => u.reason)).toEqual(["port range", "source CIDR"]);
    expect(r.exposures).toEqual([]);
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
