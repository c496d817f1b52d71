// An Alibaba Cloud SLB or ALB AclEntryAttachment whose `aclId` links several ACLs of the stack (an id unknown at
// preview, several dependencies) adds its entry to each candidate: a whitelist only gets wider. As a blacklist entry
// it closes nothing (it may belong to another ACL). Linking no ACL of the stack, it changes nothing. The WAF origin
// rule reads the same entries.
import { GenericResource, UNKNOWN } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { albListenerAdmission, slbListenerAdmission } from "../../policies/stack/waf-endpoints-alicloud-listener-acls";
import { StackBuilder, ref } from "./stack-builder";
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
  sources,
  verdicts,
} from "./listener-acl-fixtures";

/** An entry attachment whose `aclId` is unknown at preview and depends on every ACL in `candidates`. */
function entryOfOneOf(b: StackBuilder, type: string, name: string, candidates: GenericResource[], entry: string) {
  const attachment = b.add(type, name, { aclId: UNKNOWN, entry });
  attachment.propertyDependencies.aclId = candidates.map((c) => c.urn);
  attachment.dependencies.push(...candidates.map((c) => c.urn));
  return attachment;
}

describe("entry attachment with several candidate ACLs: known bad", () => {
  it("an SLB whitelist gets the entry of an attachment that may name it or another ACL", async () => {
    const { b, ecs } = slbStack((b) => {
      const office = slbAcl(b, "office", [OFFICE]);
      const other = slbAcl(b, "other", ["10.0.0.0/8"]);
      entryOfOneOf(b, ACL.slbEntry, "open", [office, other], "0.0.0.0/0");
      return whitelist(office);
    });
    const rows = hostRows(b, ecs);
    for (const port of PORTS) expect(sources(rows, port)).toEqual(["0.0.0.0/0", OFFICE]);
    // The attachment is what a fix must change; the opening is a violation, not a note.
    const open = rows.find((e) => e.source === "0.0.0.0/0")!;
    expect(open.causes).toContain("urn:pulumi:test::kit::alicloud:slb/aclEntryAttachment:AclEntryAttachment::open");
    expect((await verdicts(b, ecs)).violations).toBeGreaterThanOrEqual(PORTS.length);
  });

  it("an ALB whitelist attached by ListenerAclAttachment gets it too, whichever candidate it names", () => {
    for (const attachedTo of ["first", "second"]) {
      const { b, ecs } = albStack((b, listeners) => {
        const first = albAcl(b, "first", ["10.0.0.0/8"]);
        const second = albAcl(b, "second", ["192.168.0.0/16"]);
        entryOfOneOf(b, ACL.albEntry, "open", [first, second], "0.0.0.0/0");
        const acl = attachedTo === "first" ? first : second;
        for (const l of listeners)
          b.add(ACL.albListener, `acl-${l.name}`, { listenerId: ref(l), aclId: ref(acl), aclType: "White" });
      });
      for (const port of PORTS) expect(sources(hostRows(b, ecs), port)).toEqual(["0.0.0.0/0"]);
    }
  });

  it("a blacklist entry from such an attachment closes nothing; a single-candidate one does", () => {
    const blacklist = (candidates: (all: GenericResource, other: GenericResource) => GenericResource[]) =>
      slbStack((b) => {
        const all = slbAcl(b, "all", ["0.0.0.0/1"]);
        const other = slbAcl(b, "other", []);
        entryOfOneOf(b, ACL.slbEntry, "rest", candidates(all, other), "128.0.0.0/1");
        return { aclStatus: "on", aclType: "black", aclIds: [ref(all)] };
      });
    const uncertain = blacklist((all, other) => [all, other]);
    expect(sources(hostRows(uncertain.b, uncertain.ecs), 22)).toEqual(["0.0.0.0/0"]);
    const certain = blacklist((all) => [all]);
    expect(hostRows(certain.b, certain.ecs)).toEqual([]);
  });
});

describe("entry attachment with several candidate ACLs: known good", () => {
  it("a private entry widens a private whitelist to private blocks only", async () => {
    const { b, ecs } = slbStack((b) => {
      const vpc = slbAcl(b, "vpc", ["10.0.0.0/8"]);
      const other = slbAcl(b, "other", [OFFICE]);
      entryOfOneOf(b, ACL.slbEntry, "more-vpc", [vpc, other], "192.168.0.0/16");
      return whitelist(vpc);
    });
    expect(hostRows(b, ecs)).toEqual([]);
    expect((await verdicts(b, ecs)).violations).toBe(0);
  });

  it("a narrow entry adds only its block, verified", () => {
    const { b, ecs } = slbStack((b) => {
      const office = slbAcl(b, "office", [OFFICE]);
      entryOfOneOf(b, ACL.slbEntry, "partner", [office, slbAcl(b, "other", [])], PARTNER);
      return whitelist(office);
    });
    const rows = hostRows(b, ecs);
    expect(sources(rows, 22)).toEqual([PARTNER, OFFICE]);
    expect(rows.every((e) => !e.unverified)).toBe(true);
  });
});

describe("entry attachment linking no ACL of the stack", () => {
  it("an ACL id outside the stack, or an unknown id with no dependency, changes nothing", () => {
    for (const aclId of ["acl-bp1elsewhere", UNKNOWN]) {
      const { b, ecs } = slbStack((b) => {
        const office = slbAcl(b, "office", [OFFICE]);
        b.add(ACL.slbEntry, "stray", { aclId, entry: "0.0.0.0/0" });
        return whitelist(office);
      });
      expect(sources(hostRows(b, ecs), 3306)).toEqual([OFFICE]);
    }
  });

  it("nor does it reopen a blacklist", () => {
    const { b, ecs } = slbStack((b) => {
      b.add(ACL.slbEntry, "stray", { aclId: UNKNOWN, entry: "0.0.0.0/0" });
      return { aclStatus: "on", aclType: "black", aclIds: [ref(slbAcl(b, "all", ["0.0.0.0/0"]))] };
    });
    expect(hostRows(b, ecs)).toEqual([]);
  });
});

describe("WAF origin rule reads the same entries", () => {
  it("an SLB whitelist lists the entry of an attachment with several candidates", () => {
    const { b, listeners } = slbStack((b) => {
      const office = slbAcl(b, "office", [OFFICE]);
      entryOfOneOf(b, ACL.slbEntry, "partner", [office, slbAcl(b, "other", [])], PARTNER);
      return whitelist(office);
    });
    const admission = slbListenerAdmission(new Resolver(b.resources), listeners[0]);
    expect(admission).toEqual({ kind: "whitelist", entries: [OFFICE, PARTNER] });
  });

  it("an ALB whitelist too; an attachment linking no ACL adds nothing", () => {
    const { b, listeners } = albStack((b, listeners) => {
      const office = albAcl(b, "office", [OFFICE]);
      entryOfOneOf(b, ACL.albEntry, "partner", [office, albAcl(b, "other", [])], PARTNER);
      b.add(ACL.albEntry, "stray", { aclId: "acl-elsewhere", entry: "0.0.0.0/0" });
      for (const l of listeners)
        b.add(ACL.albListener, `acl-${l.name}`, { listenerId: ref(l), aclId: ref(office), aclType: "White" });
    });
    const admission = albListenerAdmission(new Resolver(b.resources), listeners[1]);
    expect(admission).toEqual({ kind: "whitelist", entries: [OFFICE, PARTNER] });
  });
});
