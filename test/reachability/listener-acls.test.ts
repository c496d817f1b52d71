// Alibaba Cloud SLB and ALB listener ACLs in the network model: every whitelist a listener names and every entry an
// AclEntryAttachment adds decide which internet blocks reach the hosts behind it. One reader serves the model and the
// WAF origin rule, so both see the same entries.
import { UNKNOWN, buildNetworkModel, renderPath } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { whitelistBlock } from "../../lib/whitelist-entries";
import { slbListenerAdmission } from "../../policies/stack/waf-endpoints-alicloud-listener-acls";
import { A } from "./alicloud-fixtures";
import { knownRef, ref } from "./stack-builder";
import {
  ACL,
  OFFICE,
  PARTNER,
  PORTS,
  slbStack,
  albStack,
  slbAcl,
  albAcl,
  whitelist,
  hostRows,
  onPort,
  sources,
  verdicts,
} from "./listener-acl-fixtures";

describe("SLB listener ACLs: known bad", () => {
  it("an AclEntryAttachment of 0.0.0.0/0 widens a narrow whitelist to the internet", async () => {
    const { b, ecs } = slbStack((b) => {
      const office = slbAcl(b, "office", [OFFICE]);
      b.add(ACL.slbEntry, "open", { aclId: ref(office), entry: "0.0.0.0/0", comment: "temporary" });
      return whitelist(office);
    });
    const rows = hostRows(b, ecs);
    for (const port of PORTS) expect(sources(rows, port)).toEqual(["0.0.0.0/0", OFFICE]);
    const open = rows.find((e) => e.source === "0.0.0.0/0" && onPort(22)(e))!;
    expect(renderPath(open)).toBe(
      "0.0.0.0/0 → lb:front (internet-facing) → listener:tcp-22:22 → sg:db rule vpc-22 (priority 1 accept) → ecs:db:22",
    );
    // The attachment is what a fix must change.
    expect(open.causes).toContain("urn:pulumi:test::kit::alicloud:slb/aclEntryAttachment:AclEntryAttachment::open");
    const v = await verdicts(b, ecs);
    expect(v.violations).toBeGreaterThanOrEqual(PORTS.length);
    expect(v.notes).toBe(0);
  });

  it("the same whitelist without the attachment admits only its entry", () => {
    const { b, ecs } = slbStack((b) => whitelist(slbAcl(b, "office", [OFFICE])));
    for (const port of PORTS) expect(sources(hostRows(b, ecs), port)).toEqual([OFFICE]);
  });

  it("several whitelists: a source is admitted when any of them lists it", () => {
    const { b, ecs } = slbStack((b) => whitelist(slbAcl(b, "office", [OFFICE]), slbAcl(b, "anyone", ["0.0.0.0/0"])));
    for (const port of PORTS) expect(sources(hostRows(b, ecs), port)).toEqual(["0.0.0.0/0", OFFICE]);
  });

  it("the older aclId and the list aclIds both name whitelists", () => {
    const { b, ecs } = slbStack((b) => ({
      ...whitelist(slbAcl(b, "office", [OFFICE])),
      aclId: ref(slbAcl(b, "anyone", [" 0.0.0.0/0 "])),
    }));
    expect(sources(hostRows(b, ecs), 22)).toEqual(["0.0.0.0/0", OFFICE]);
  });

  it("an entry attachment widens an IPv6 balancer's whitelist to ::/0", () => {
    const { b, ecs } = slbStack(
      (b) => {
        const office = slbAcl(b, "office6", ["2001:db8::/32"], { ipVersion: "ipv6" });
        b.add(ACL.slbEntry, "open6", { aclId: ref(office), entry: "::/0" });
        return whitelist(office);
      },
      { addressIpVersion: "ipv6" },
    );
    expect(sources(hostRows(b, ecs), 22)).toContain("::/0");
  });

  it("an empty whitelist forwards every request, as CLB documents", () => {
    const { b, ecs } = slbStack((b) => whitelist(slbAcl(b, "empty", [])));
    expect(sources(hostRows(b, ecs), 3306)).toEqual(["0.0.0.0/0"]);
  });
});

describe("ALB listener ACLs: known bad", () => {
  it("a ListenerAclAttachment whitelist widened by an AclEntryAttachment reaches the ECS", async () => {
    const { b, ecs } = albStack((b, listeners) => {
      const office = albAcl(b, "office", [OFFICE]);
      b.add(ACL.albEntry, "open", { aclId: ref(office), entries: [{ entry: "0.0.0.0/0", description: "x" }] });
      for (const l of listeners)
        b.add(ACL.albListener, `acl-${l.name}`, { listenerId: ref(l), aclId: ref(office), aclType: "White" });
    });
    const rows = hostRows(b, ecs);
    for (const port of PORTS) expect(sources(rows, port)).toEqual(["0.0.0.0/0", OFFICE]);
    expect((await verdicts(b, ecs)).violations).toBeGreaterThanOrEqual(PORTS.length);
  });

  it("the attachment's single `entry` and the older aclConfig block are read too", () => {
    const { b, ecs } = albStack(() => {});
    const office = albAcl(b, "office", [OFFICE]);
    b.add(ACL.albEntry, "open", { aclId: ref(office), entry: "0.0.0.0/0" });
    for (const l of b.resources.filter((r) => r.type === A.albListener))
      Object.assign(l.inputs, { aclConfig: { aclType: "White", aclRelations: [{ aclId: "acl-office" }] } });
    office.inputs.id = "acl-office";
    expect(sources(hostRows(b, ecs), 22)).toEqual(["0.0.0.0/0", OFFICE]);
  });
});

describe("listener ACLs: known good", () => {
  it("a narrow whitelist with a narrow attachment admits only those blocks", () => {
    const { b, ecs } = slbStack((b) => {
      const office = slbAcl(b, "office", [OFFICE]);
      b.add(ACL.slbEntry, "partner", { aclId: ref(office), entry: PARTNER });
      return whitelist(office);
    });
    const rows = hostRows(b, ecs);
    for (const port of PORTS) expect(sources(rows, port)).toEqual([PARTNER, OFFICE]);
    expect(rows.every((e) => !e.unverified)).toBe(true);
  });

  it("a whitelist of private blocks, widened only to private blocks, leaves nothing on the internet", async () => {
    const { b, ecs } = slbStack((b) => {
      const vpc = slbAcl(b, "vpc", ["10.0.0.0/8"]);
      b.add(ACL.slbEntry, "more-vpc", { aclId: ref(vpc), entry: "192.168.0.0/16" });
      return whitelist(vpc);
    });
    expect(hostRows(b, ecs)).toEqual([]);
    expect(await verdicts(b, ecs)).toEqual({ violations: 0, notes: 0 });
  });

  it("an ALB whitelist the stack never widens keeps the internet out", async () => {
    const { b, ecs } = albStack((b, listeners) => {
      const vpc = albAcl(b, "vpc", ["10.0.0.0/8"]);
      b.add(ACL.albEntry, "more-vpc", { aclId: ref(vpc), entry: "172.16.0.0/12" });
      for (const l of listeners)
        b.add(ACL.albListener, `acl-${l.name}`, { listenerId: ref(l), aclId: ref(vpc), aclType: "White" });
    });
    expect(hostRows(b, ecs)).toEqual([]);
    expect(await verdicts(b, ecs)).toEqual({ violations: 0, notes: 0 });
  });

  it("a blacklist of 0.0.0.0/0 (or of both halves of it) closes every listener", async () => {
    for (const entries of [["0.0.0.0/0"], ["0.0.0.0/1", "128.0.0.0/1"]]) {
      const { b, ecs } = slbStack((b) => ({
        aclStatus: "on",
        aclType: "black",
        aclIds: [ref(slbAcl(b, "all", entries))],
      }));
      expect(hostRows(b, ecs)).toEqual([]);
      expect(await verdicts(b, ecs)).toEqual({ violations: 0, notes: 0 });
    }
  });

  it("an ALB blacklist attached by ListenerAclAttachment closes what it covers", () => {
    const { b, ecs } = albStack((b, listeners) => {
      const all = albAcl(b, "all", ["0.0.0.0/1"]);
      b.add(ACL.albEntry, "rest", { aclId: ref(all), entry: "128.0.0.0/1" });
      for (const l of listeners)
        b.add(ACL.albListener, `acl-${l.name}`, { listenerId: ref(l), aclId: ref(all), aclType: "Black" });
    });
    expect(hostRows(b, ecs)).toEqual([]);
  });

  it("a blacklist naming part of the internet leaves the rest open; access control off filters nothing", () => {
    const narrow = slbStack((b) => ({ aclStatus: "on", aclType: "black", aclIds: [ref(slbAcl(b, "bad", [OFFICE]))] }));
    expect(sources(hostRows(narrow.b, narrow.ecs), 22)).toEqual(["0.0.0.0/0"]);
    const off = slbStack((b) => ({ aclStatus: "off", aclType: "white", aclIds: [ref(slbAcl(b, "office", [OFFICE]))] }));
    expect(sources(hostRows(off.b, off.ecs), 22)).toEqual(["0.0.0.0/0"]);
  });
});

describe("listener ACLs unknown at preview", () => {
  it("an attachment's entry unknown at preview may be any address: the row is unverified", async () => {
    const { b, ecs } = slbStack((b) => {
      const office = slbAcl(b, "office", [OFFICE]);
      b.add(ACL.slbEntry, "later", { aclId: ref(office), entry: UNKNOWN });
      return whitelist(office);
    });
    const rows = hostRows(b, ecs);
    for (const port of PORTS) expect(sources(rows, port)).toEqual(["0.0.0.0/0?", OFFICE]);
    const open = rows.find((e) => e.unverified && onPort(22)(e))!;
    expect(renderPath(open)).toContain("listener:tcp-22:22 (access control unknown: entries of ACL office)");
    // The narrow office rows are still violations; the unknown entry only adds notes.
    const v = await verdicts(b, ecs);
    expect(v.notes).toBeGreaterThanOrEqual(2);
    expect(v.violations).toBeGreaterThanOrEqual(2);
  });

  it("an ALB attachment entry unknown at preview is unverified too", () => {
    const { b, ecs } = albStack((b, listeners) => {
      const vpc = albAcl(b, "vpc", ["10.0.0.0/8"]);
      b.add(ACL.albEntry, "later", { aclId: ref(vpc), entries: [{ entry: UNKNOWN }] });
      for (const l of listeners)
        b.add(ACL.albListener, `acl-${l.name}`, { listenerId: ref(l), aclId: ref(vpc), aclType: "White" });
    });
    expect(sources(hostRows(b, ecs), 3306)).toEqual(["0.0.0.0/0?"]);
  });

  it("an unknown entry stands for any address of its ACL's family, of both when the ACL does not say", () => {
    const dualStack = (aclInputs: Record<string, unknown>) => {
      const { b, ecs } = slbStack(
        (b) => {
          const office = slbAcl(b, "office", [OFFICE], aclInputs);
          b.add(ACL.slbEntry, "later", { aclId: ref(office), entry: UNKNOWN });
          return whitelist(office);
        },
        { addressIpVersion: "ipv6" },
      );
      return sources(hostRows(b, ecs), 22);
    };
    expect(dualStack({ ipVersion: "ipv4" })).toEqual(["0.0.0.0/0?", OFFICE]);
    expect(dualStack({ ipVersion: undefined })).toEqual(["0.0.0.0/0?", OFFICE, "::/0?"]);
  });

  it("unknown access control status, type or ACL type opens the listener, unverified", () => {
    const rowsWith = (inputs: Record<string, unknown>) => {
      const { b, ecs } = slbStack((b) => ({ ...whitelist(slbAcl(b, "office", [OFFICE])), ...inputs }));
      return sources(hostRows(b, ecs), 22);
    };
    expect(rowsWith({ aclStatus: UNKNOWN })).toEqual(["0.0.0.0/0?"]);
    expect(rowsWith({ aclType: UNKNOWN })).toEqual(["0.0.0.0/0?"]);
    const alb = albStack((b, listeners) => {
      const office = albAcl(b, "office", [OFFICE]);
      for (const l of listeners)
        b.add(ACL.albListener, `acl-${l.name}`, { listenerId: ref(l), aclId: ref(office), aclType: UNKNOWN });
    });
    expect(sources(hostRows(alb.b, alb.ecs), 22)).toEqual(["0.0.0.0/0?"]);
  });

  it("a whitelist ACL outside the stack may hold any address; a blacklist one closes nothing", () => {
    const outside = slbStack(() => ({ aclStatus: "on", aclType: "white", aclIds: ["acl-bp1existing"] }));
    const rows = hostRows(outside.b, outside.ecs);
    expect(sources(rows, 22)).toEqual(["0.0.0.0/0?"]);
    expect(renderPath(rows[0])).toContain(
      "(access control unknown: entries of ACL acl-bp1existing (outside the stack))",
    );
    const black = slbStack(() => ({ aclStatus: "on", aclType: "black", aclIds: ["acl-bp1existing"] }));
    expect(sources(hostRows(black.b, black.ecs), 22)).toEqual(["0.0.0.0/0"]);
  });

  it("a blacklist entry unknown at preview closes nothing; its known entries still do", () => {
    const { b, ecs } = slbStack((b) => {
      const all = slbAcl(b, "all", ["0.0.0.0/1"]);
      b.add(ACL.slbEntry, "later", { aclId: ref(all), entry: UNKNOWN });
      return { aclStatus: "on", aclType: "black", aclIds: [ref(all)] };
    });
    expect(sources(hostRows(b, ecs), 22)).toEqual(["0.0.0.0/0"]);
    const half = slbStack((b) => {
      const all = slbAcl(b, "all", ["0.0.0.0/1"]);
      b.add(ACL.slbEntry, "rest", { aclId: ref(all), entry: "128.0.0.0/1" });
      b.add(ACL.slbEntry, "later", { aclId: ref(all), entry: UNKNOWN });
      return { aclStatus: "on", aclType: "black", aclIds: [ref(all)] };
    });
    expect(hostRows(half.b, half.ecs)).toEqual([]);
  });
});

describe("one reader for the model and the WAF origin rule", () => {
  it("the WAF rule's whitelist entries are the blocks the model admits", () => {
    const { b, listeners } = slbStack((b) => {
      const office = slbAcl(b, "office", [OFFICE]);
      b.add(ACL.slbEntry, "partner", { aclId: ref(office), entry: PARTNER });
      b.add(ACL.slbEntry, "open", { aclId: knownRef(office, "acl-office"), entry: "0.0.0.0/0" });
      return whitelist(office, slbAcl(b, "vpn", ["192.0.2.0/24"]));
    });
    const admission = slbListenerAdmission(new Resolver(b.resources), listeners[0]);
    expect(admission.kind).toBe("whitelist");
    const wafBlocks = admission.kind === "whitelist" ? admission.entries.map(whitelistBlock) : [];
    const model = buildNetworkModel(b.resources);
    const modelBlocks = [...model.loadBalancers.values()]
      .flatMap((lb) => lb.listeners)
      .find((l) => l.urn === listeners[0].urn)!
      .allowList!.map((s) => s.cidr);
    expect(new Set(modelBlocks)).toEqual(new Set(wafBlocks));
    expect(modelBlocks).toEqual(expect.arrayContaining(["0.0.0.0/0", OFFICE, PARTNER, "192.0.2.0/24"]));
  });
});
