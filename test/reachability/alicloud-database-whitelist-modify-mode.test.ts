// Whitelist modifyMode in the network model, read as the resource rule reads it: a Tair instance whose modifyMode is
// Delete admits none of the listed entries behind its public connection (it keeps the loopback default), while an RDS
// instance is created with its entries whatever the mode says.
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { UNKNOWN } from "../../lib/reachability";
import { A, aliNetwork } from "./alicloud-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

const TAIR = "alicloud:redis/tairInstance:TairInstance";
const KVSTORE_CONNECTION = "alicloud:kvstore/connection:Connection";
const POLARDB = "alicloud:polardb/cluster:Cluster";
const POLARDB_ADDRESS = "alicloud:polardb/endpointAddress:EndpointAddress";

/** A database of `type` with `inputs`, behind a public connection of type `connection` linked through `link`. */
function publicDatabase(type: string, inputs: Record<string, unknown>, connection: string, link: string) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  const db = b.add(type, "db", { vswitchId: ref(n.vswitch), ...inputs });
  b.add(connection, "public", { [link]: ref(db), connectionPrefix: "db" });
  return b.resources;
}

const tair = (inputs: Record<string, unknown>) => publicDatabase(TAIR, inputs, KVSTORE_CONNECTION, "instanceId");
const rds = (inputs: Record<string, unknown>) => publicDatabase(A.rds, inputs, A.rdsConnection, "instanceId");
const polardb = (inputs: Record<string, unknown>) => publicDatabase(POLARDB, inputs, POLARDB_ADDRESS, "dbClusterId");

async function judged(resources: ReturnType<typeof publicDatabase>) {
  const out = await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, resources);
  return { violations: mandatory(out).map((v) => v.message), notes: out.filter((r) => r.advisory) };
}

describe("disallow-internet-database-and-high-risk-ports reads whitelist modifyMode as the resource rule does", () => {
  it.each([
    ["Tair with Cover", tair({ securityIps: "0.0.0.0/0", modifyMode: "Cover" }), "tcp/6379"],
    ["Tair with Append", tair({ securityIps: "10.0.0.1,0.0.0.0/0", modifyMode: "Append" }), "tcp/6379"],
    ["Tair with no mode", tair({ securityIps: "0.0.0.0/0" }), "tcp/6379"],
    ["Tair with lower-case delete", tair({ securityIps: "0.0.0.0/0", modifyMode: "delete" }), "tcp/6379"],
    // The network model takes an unknown mode as one that may admit the entries, as it does for whitelist groups.
    ["Tair with a mode unknown at preview", tair({ securityIps: "0.0.0.0/0", modifyMode: UNKNOWN }), "tcp/6379"],
    [
      "RDS with Delete (created with its entries)",
      rds({ securityIps: ["0.0.0.0/0"], modifyMode: "Delete" }),
      "tcp/3306",
    ],
    [
      "PolarDB whose deleting group sits beside an open cluster whitelist",
      polardb({
        securityIps: ["0.0.0.0/0"],
        dbClusterIpArrays: [{ dbClusterIpArrayName: "g", securityIps: ["0.0.0.0/0"], modifyMode: "Delete" }],
      }),
      "tcp/3306",
    ],
  ])("known-bad: %s behind a public connection admits the internet", async (_n, resources, port) => {
    const { violations } = await judged(resources);
    expect(violations).toEqual([expect.stringContaining(port)]);
    expect(violations[0]).toContain("whitelist:0.0.0.0/0");
  });

  it.each([
    ["Tair with Delete of 0.0.0.0/0", tair({ securityIps: "0.0.0.0/0", modifyMode: "Delete" })],
    ["Tair with Delete of a separated list", tair({ securityIps: "10.0.0.1;0.0.0.0/0 ::/0", modifyMode: "Delete" })],
    ["Tair with Delete of entries unknown at preview", tair({ securityIps: UNKNOWN, modifyMode: "Delete" })],
    [
      "PolarDB whose only group deletes 0.0.0.0/0",
      polardb({ dbClusterIpArrays: [{ dbClusterIpArrayName: "g", securityIps: ["0.0.0.0/0"], modifyMode: "Delete" }] }),
    ],
  ])("known-good: %s behind a public connection admits nothing", async (_n, resources) => {
    expect(await judged(resources)).toEqual({ violations: [], notes: [] });
  });
});
