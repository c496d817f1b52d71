// Alibaba Cloud database whitelists behind a public endpoint, read by the network model as the resource rule reads
// them: entries separated by commas, semicolons or blanks, wildcards (%, *, 0.0.0.0, *.*.*.*) as the internet, and a
// whitelist written as one string (Tair) as well as a list.
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { UNKNOWN } from "../../lib/reachability";
import { A, aliNetwork } from "./alicloud-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

const KVSTORE = "alicloud:kvstore/instance:Instance";
const KVSTORE_CONNECTION = "alicloud:kvstore/connection:Connection";

/** A database of `type` whose `securityIps` hold `whitelist`, with a public endpoint of type `connection` unless null. */
function publicDatabase(whitelist: unknown, type = A.rds, connection: string | null = A.rdsConnection) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  const db = b.add(type, "db", { vswitchId: ref(n.vswitch), securityIps: whitelist });
  if (connection) b.add(connection, "public", { instanceId: ref(db), connectionPrefix: "db" });
  return b.resources;
}

async function judged(resources: ReturnType<typeof publicDatabase>) {
  const out = await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, resources);
  return { violations: mandatory(out), notes: out.filter((r) => r.advisory) };
}

describe("disallow-internet-database-and-high-risk-ports reads whitelists as the resource rule does", () => {
  it.each([
    ["a semicolon-separated entry", ["10.0.0.0/8;0.0.0.0/0"], "whitelist:0.0.0.0/0"],
    ["a blank-separated entry", ["10.0.0.0/8 0.0.0.0/0"], "whitelist:0.0.0.0/0"],
    ["the wildcard %", ["%"], "whitelist:0.0.0.0/0"],
    ["the wildcard *", ["*"], "whitelist:0.0.0.0/0"],
    ["the wildcard 0.0.0.0", ["0.0.0.0"], "whitelist:0.0.0.0/0"],
    ["the pattern *.*.*.*", ["*.*.*.*"], "whitelist:0.0.0.0/0"],
    ["a broad public pattern 47.%.%.%", ["47.%.%.%"], "whitelist:47.0.0.0/8"],
    ["IPv6 ::/0 after a comma", ["10.0.0.0/8,::/0"], "whitelist:::/0"],
  ])("known-bad: an RDS public endpoint whose whitelist holds %s", async (_n, whitelist, hop) => {
    const { violations } = await judged(publicDatabase(whitelist));
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain("db: database reachable from the internet on tcp/3306");
    expect(violations[0].message).toContain(hop);
  });

  it("known-bad: a Redis public connection whose whitelist opens with a wildcard among private entries", async () => {
    const { violations } = await judged(publicDatabase(["10.0.0.0/8; %"], KVSTORE, KVSTORE_CONNECTION));
    expect(violations.map((v) => v.message)).toEqual([expect.stringContaining("tcp/6379")]);
  });

  it("known-bad: a whitelist written as one string (Tair's form) is read entry by entry", async () => {
    const { violations } = await judged(publicDatabase("172.16.0.0/12,0.0.0.0/0"));
    expect(violations.map((v) => v.message)).toEqual([expect.stringContaining("whitelist:0.0.0.0/0")]);
  });

  it.each([
    ["private blocks separated by semicolons and blanks", ["10.0.0.0/8; 192.168.0.0/16 172.16.0.0/12"]],
    ["a private wildcard pattern", ["192.168.1.%"]],
    ["the loopback default as one string", "127.0.0.1"],
    ["an entry no reader understands (the resource rule reports it)", ["0/0"]],
  ])("known-good: an RDS public endpoint whose whitelist holds %s", async (_n, whitelist) => {
    expect(await judged(publicDatabase(whitelist))).toEqual({ violations: [], notes: [] });
  });

  it("known-good: a wildcard whitelist without a public endpoint reaches nothing from the internet", async () => {
    expect(await judged(publicDatabase(["%"], A.rds, null))).toEqual({ violations: [], notes: [] });
  });

  it("unknown at preview: an entry beside separated private ones is a note", async () => {
    const { violations, notes } = await judged(publicDatabase(["10.0.0.0/8;192.168.0.0/16", UNKNOWN]));
    expect(violations).toEqual([]);
    expect(notes.map((n) => n.message)).toEqual([expect.stringContaining("whitelist:(entry unknown at preview)")]);
  });
});
