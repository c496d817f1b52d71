// Routes to a managed prefix list (`destinationPrefixListId`): an internet gateway route to a list's blocks lets those
// blocks reach the subnet's public hosts (and their replies leave), as a route to the same CIDRs would.
import { UNKNOWN, buildNetworkModel, internetExposures, renderPath } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { T } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

const PARTNER = "203.0.113.0/24";

/**
 * A public host admitting SSH from `admitted`, in a subnet whose only route to the internet gateway names a prefix
 * list holding `listed` (a separate Route, or an inline route of the table).
 */
function partnerRouted(listed: unknown[], admitted: string, form: "route" | "inline" = "route") {
  const b = new StackBuilder();
  const vpc = b.add(T.vpc, "main", { cidrBlock: "10.0.0.0/16" });
  const igw = b.add(T.igw, "igw", { vpcId: ref(vpc) });
  const list = b.add(T.prefixList, "partners", {
    addressFamily: "IPv4",
    maxEntries: 5,
    entries: listed.map((cidr) => ({ cidr })),
  });
  const table =
    form === "inline"
      ? b.add(T.rtb, "public", {
          vpcId: ref(vpc),
          routes: [{ destinationPrefixListId: ref(list), gatewayId: ref(igw) }],
        })
      : b.add(T.rtb, "public", { vpcId: ref(vpc) });
  if (form === "route")
    b.add(T.route, "partners", { routeTableId: ref(table), destinationPrefixListId: ref(list), gatewayId: ref(igw) });
  const subnet = b.add(T.subnet, "public-a", { vpcId: ref(vpc), cidrBlock: "10.0.0.0/24" });
  b.add(T.rta, "public-a", { subnetId: ref(subnet), routeTableId: ref(table) });
  const sg = b.add(T.sg, "web", {
    vpcId: ref(vpc),
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [admitted] }],
  });
  const web = b.add(T.instance, "web", { subnetId: ref(subnet), vpcSecurityGroupIds: [ref(sg)] });
  b.add(T.eip, "web-ip", { instance: ref(web) });
  return { b, web };
}

const rows = (b: StackBuilder) => internetExposures(buildNetworkModel(b.resources)).map(renderPath);

describe("internet gateway routes to a managed prefix list", () => {
  it.each(["route", "inline"] as const)(
    "known-bad (%s): a partner block routed through the list reaches a non-bastion host's SSH",
    async (form) => {
      const { b, web } = partnerRouted([PARTNER], PARTNER, form);
      expect(rows(b)).toEqual([
        expect.stringMatching(/^203\.0\.113\.0\/24 → igw:igw → eip:web-ip → .*instance:web:22$/),
      ]);
      const found = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources));
      expect(found.map((f) => f.urn)).toEqual([web.urn]);
      expect(found[0].message).toContain("web: tcp/22 is reachable from the internet: 203.0.113.0/24");
    },
  );

  it("known-bad: a list whose entries are unknown at preview routes any address", () => {
    const { b } = partnerRouted([UNKNOWN], "0.0.0.0/0");
    expect(rows(b)).toEqual([expect.stringMatching(/^0\.0\.0\.0\/0 → igw:igw/)]);
  });

  it("known-good: a group admitting a block the list does not route reaches nothing", async () => {
    const { b } = partnerRouted(["198.51.100.0/24"], PARTNER);
    expect(rows(b)).toEqual([]);
    expect(await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources)).toEqual([]);
  });

  it("known-good: a route to a list outside the stack adds no block", () => {
    const b = new StackBuilder();
    const vpc = b.add(T.vpc, "main", { cidrBlock: "10.0.0.0/16" });
    const igw = b.add(T.igw, "igw", { vpcId: ref(vpc) });
    const table = b.add(T.rtb, "public", { vpcId: ref(vpc) });
    b.add(T.route, "aws-list", {
      routeTableId: ref(table),
      destinationPrefixListId: "pl-0123abcd",
      gatewayId: ref(igw),
    });
    const model = buildNetworkModel(b.resources);
    expect(model.routeTables.get(table.urn)!.routes.map((r) => r.destination)).toEqual([""]);
  });
});
