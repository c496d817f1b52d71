// Alibaba Cloud Global Accelerator white lists: what the plan does not show (an entry unknown at preview, an entry
// that is no CIDR block, an ACL outside the stack) may be any address, flagged like every unknown allow, so the
// stack rules report a note naming what was unknown; known entries stay violations or pass.
import {
  Exposure,
  GenericResource,
  UNKNOWN,
  buildNetworkModel,
  internetExposures,
  renderPath,
} from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { verdictsOn } from "./policy-harness";
import { GA } from "./accelerator-types";
import { StackBuilder, ref } from "./stack-builder";

const OFFICE = "203.0.113.7/32";

/** An ECS reached on 22 (a port range 20-25) through an accelerator listener whose white list `acl` describes. */
function behindGa(acl: { inputs?: Record<string, unknown>; entries?: unknown[]; aclId?: unknown }, ipv6 = false) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "from-vpc", { portRange: "22/22", cidrIp: "172.16.0.0/16" });
  const ecs = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const acc = b.add(GA.accelerator, "ga", { duration: 1, spec: "1" });
  if (ipv6) b.add(GA.ipSet, "v6", { acceleratorId: ref(acc), accelerateRegionId: "cn-hangzhou", ipVersion: "IPv6" });
  const listener = b.add(GA.listener, "l", { acceleratorId: ref(acc), portRanges: [{ fromPort: 20, toPort: 25 }] });
  b.add(GA.group, "eg", { listenerId: ref(listener), endpointConfigurations: [{ endpoint: ref(ecs), type: "ECS" }] });
  const list = b.add(GA.acl, "office", { addressIpVersion: "IPv4", aclName: "office", ...acl.inputs });
  for (const [i, entry] of (acl.entries ?? []).entries()) b.add(GA.aclEntry, `e${i}`, { aclId: ref(list), entry });
  b.add(GA.aclAttachment, "office", { listenerId: ref(listener), aclId: acl.aclId ?? ref(list), aclType: "white" });
  return { b, ecs, acc };
}

const hostRows = (b: StackBuilder, host: GenericResource) =>
  internetExposures(buildNetworkModel(b.resources)).filter((e) => e.urn === host.urn);
/** Sources reaching the host, each marked `?` when unverified. */
const sources = (rows: Exposure[]) => rows.map((e) => `${e.source}${e.unverified ? "?" : ""}`).sort();

const verdicts = (b: StackBuilder, host: GenericResource) =>
  verdictsOn([disallowInternetAdminPortsExceptBastions], b.resources, host.urn);

describe("accelerator white list: unknown entries are flagged", () => {
  it("an inline entry unknown at preview: any address, unverified, a note naming the ACL's entries", async () => {
    const { b, ecs } = behindGa({ inputs: { aclEntries: [{ entry: UNKNOWN }] } });
    const rows = hostRows(b, ecs);
    expect(sources(rows)).toEqual(["0.0.0.0/0?"]);
    expect(renderPath(rows[0])).toContain("listener:l:20-25 (access control unknown: entries of ACL office)");
    expect(await verdicts(b, ecs)).toEqual({ violations: 0, notes: 1 });
  });

  it("a whole entry list unknown, or an entry attachment's entry unknown, reads the same", () => {
    for (const acl of [{ inputs: { aclEntries: UNKNOWN } }, { entries: [OFFICE, UNKNOWN] }]) {
      const { b, ecs } = behindGa(acl);
      const rows = hostRows(b, ecs);
      expect(sources(rows)).toContain("0.0.0.0/0?");
      expect(rows.filter((e) => e.unverified).every((e) => renderPath(e).includes("entries of ACL office"))).toBe(true);
    }
  });

  it("an entry that is no CIDR block says so in the hop", () => {
    const { b, ecs } = behindGa({ inputs: { aclEntries: [{ entry: "office-range" }] } });
    const rows = hostRows(b, ecs);
    expect(sources(rows)).toEqual(["0.0.0.0/0?"]);
    expect(renderPath(rows[0])).toContain('(access control unknown: white-list entry "office-range" (no CIDR block))');
  });

  it("an ACL outside the stack may hold any address of either family", () => {
    const { b, ecs } = behindGa({ aclId: "acl-existing" }, true);
    const rows = hostRows(b, ecs);
    expect(sources(rows)).toEqual(["0.0.0.0/0?", "::/0?"]);
    expect(renderPath(rows[0])).toContain("(access control unknown: ACL acl-existing (outside the stack))");
  });

  it("a known entry beside an unknown one stays a verified row of its own", () => {
    const { b, ecs } = behindGa({ inputs: { aclEntries: [{ entry: OFFICE }, { entry: UNKNOWN }] } });
    expect(sources(hostRows(b, ecs))).toEqual(["0.0.0.0/0?", OFFICE]);
  });
});

describe("accelerator white list: known entries", () => {
  it("known bad: an entry of 0.0.0.0/0, or an empty list, is a verified opening and a violation", async () => {
    for (const acl of [{ inputs: { aclEntries: [{ entry: "0.0.0.0/0" }] } }, { inputs: { aclEntries: [] } }]) {
      const { b, ecs } = behindGa(acl);
      expect(sources(hostRows(b, ecs))).toEqual(["0.0.0.0/0"]);
      expect((await verdicts(b, ecs)).violations).toBe(1);
    }
  });

  it("known good: a private entry admits no internet address; an IPv4 list leaves IPv6 open, verified", () => {
    const { b, ecs } = behindGa({ entries: ["10.0.0.0/8"] });
    expect(hostRows(b, ecs)).toEqual([]);
    const dual = behindGa({ inputs: { aclEntries: [{ entry: OFFICE }] } }, true);
    expect(sources(hostRows(dual.b, dual.ecs))).toEqual([OFFICE, "::/0"]);
  });
});
