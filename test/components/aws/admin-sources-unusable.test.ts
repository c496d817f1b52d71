// AWS admin sources (Bastion.allowedCidrs, HardenedVpc.adminIngressCidrs) no operator connects from are refused,
// naming the argument, the entry and the block it lies in, before anything is registered; private ranges and narrow
// public blocks stay accepted.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { Bastion } from "../../../components/aws/bastion";
import { HardenedVpc } from "../../../components/aws/hardenedVpc";
import { checkAdminSources } from "../../../components/plan/adminSources";
import { Problems } from "../../../components/validation";
import { UNUSABLE_ROWS, USABLE_ROWS } from "../unusable-admin-sources.rows";

const problemsOf = (cidrs: string[]) => {
  const problems = new Problems("t");
  checkAdminSources(problems, "allowedCidrs", cidrs, { required: true });
  return problems.list;
};

describe("checkAdminSources", () => {
  it.each(UNUSABLE_ROWS)("%s is refused, naming %s", (cidr, block) => {
    const problems = problemsOf(["203.0.113.0/28", cidr]);
    expect(problems.map((p) => [p.argument, p.value])).toEqual([["allowedCidrs[1]", cidr]]);
    expect(problems[0].allowed).toContain(`(${block})`);
    expect(problems[0].allowed).toMatch(/^a source operators connect from, not /);
    expect(problems[0].fix).toMatch(/office or VPN egress|IPv4 notation/);
  });

  it("accepts private ranges and narrow public blocks, all at once", () => {
    expect(problemsOf([...USABLE_ROWS])).toEqual([]);
  });

  it("still reports the internet and broad blocks as exposing, not as reserved", () => {
    const problems = problemsOf(["0.0.0.0/0", "::/0", "0.0.0.0/4"]);
    expect(problems.map((p) => p.argument)).toEqual(["allowedCidrs[0]", "allowedCidrs[1]", "allowedCidrs[2]"]);
    for (const p of problems) expect(p.allowed).toMatch(/narrow source blocks/);
  });

  it("reports a misspelled reserved entry by its form, once", () => {
    const problems = problemsOf(["224.0.0.1/4"]);
    expect(problems).toHaveLength(1);
    expect(problems[0].allowed).toMatch(/host bits set/);
  });
});

describe("components refuse them before registering anything", () => {
  beforeEach(() => reset());
  const bastionBase = { vpcId: "vpc-1", subnetId: "subnet-1", vpcCidr: "10.0.0.0/16" };

  it.each(["0.0.0.0/8", "224.0.0.0/4", "::/96", "64:ff9b:1::/48"])("Bastion allowedCidrs [%s]", async (cidr) => {
    const error = validationErrorOf(() => new Bastion("b", { ...bastionBase, allowedCidrs: [cidr] }));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["allowedCidrs[0]", cidr]]);
    expect(error.message).toContain(
      `argument "allowedCidrs[0]" is "${cidr}"; allowed: a source operators connect from`,
    );
    await settle();
    expect(recorded).toEqual([]);
  });

  it.each(["0.0.0.0/8", "224.0.0.0/4", "::/96", "64:ff9b:1::/48"])(
    "HardenedVpc adminIngressCidrs [%s]",
    async (cidr) => {
      const error = validationErrorOf(() => new HardenedVpc("v", { adminIngressCidrs: [cidr] }));
      expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["adminIngressCidrs[0]", cidr]]);
      await settle();
      expect(recorded).toEqual([]);
    },
  );

  it.each(["10.0.0.0/8", "100.64.0.0/10", "fc00::/7"])("private %s stays accepted", async (cidr) => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const name = `ok-${cidr.replace(/[^0-9a-f]/g, "")}`;
      new Bastion(name, { ...bastionBase, allowedCidrs: [cidr] });
      await settle();
      expect(recorded.filter((r) => r.type === "hardening:aws:Bastion").map((r) => r.name)).toEqual([name]);
    } finally {
      warn.mockRestore();
    }
  });
});
