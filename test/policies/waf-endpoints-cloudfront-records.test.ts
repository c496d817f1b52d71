// require-waf-on-internet-endpoints on an ALB behind CloudFront through a custom origin domain: the distribution's
// origin names a Route 53 record (by property dependency, or its fully qualified name as a literal) whose alias or
// CNAME names the ALB, or a wildcard record answering that name (RFC 4592). The link makes the distribution's web ACL
// count; the ALB still passes only when nothing on the internet reaches its listeners around the distribution.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import {
  ALB_HOST,
  albStack,
  albUrn,
  AROUND,
  gatedDistribution as distribution,
  inlineList,
  rule,
  T,
  tcp443,
} from "./waf-cloudfront-alb-fixtures";
import { CLOUDFRONT } from "./waf-endpoint-inputs";

const RECORD = "aws:route53/record:Record";
const ZONE = "aws:route53/zone:Zone";
const zoneUrn = urnOf(ZONE, "main");
const recordUrn = urnOf(RECORD, "origin");
const ORIGIN = "origin.example.com";
const OUTSIDE_ZONE = "Z0123456789ABCDEFGHIJ";
const NO_WAF = "web: internet-facing application load balancer has no WAF in front of it";

const zone: StackInput = { type: ZONE, name: "main", props: { name: "example.com" } };

/** A record `name` of the zone in the stack; `props` and `deps` say where it points. */
const record = (
  props: Record<string, unknown>,
  deps: Record<string, string[]> = {},
  name = "origin",
  recordName: unknown = ORIGIN,
): StackInput => ({
  type: RECORD,
  name,
  props: { zoneId: UNKNOWN, name: recordName, type: "A", ...props },
  propertyDependencies: { zoneId: [zoneUrn], ...deps },
});

/** An alias to the ALB `web`, its name and zone flowing from the ALB's dnsName and zoneId (unknown at preview). */
const aliasToAlb = (recordName: unknown = ORIGIN, name = "origin") =>
  record(
    { aliases: [{ name: UNKNOWN, zoneId: UNKNOWN, evaluateTargetHealth: true }] },
    { aliases: [albUrn] },
    name,
    recordName,
  );
const cnameToAlb = record({ type: "CNAME", ttl: 300, records: [UNKNOWN] }, { records: [albUrn] });
/** An alias whose target is known: a host name outside the stack, or the ALB's once deployed. */
const aliasToHost = (host: string, more: Record<string, unknown> = {}, name = "origin") =>
  record({ aliases: [{ name: host, zoneId: "Z215JYRZR1TBD5", evaluateTargetHealth: true }], ...more }, {}, name);
/** One of several records answering `origin.example.com` by weight. */
const weighted = (name: string, target: StackInput, zoneId: unknown = UNKNOWN): StackInput => ({
  ...target,
  name,
  props: { ...target.props, zoneId, setIdentifier: name, weightedRoutingPolicies: [{ weight: 50 }] },
  propertyDependencies: { ...target.propertyDependencies, zoneId: zoneId === UNKNOWN ? [zoneUrn] : [] },
});

const WILDCARD = "*.example.com";
/** A zone of the stack for the subdomain sub.example.com. */
const subZone: StackInput = { type: ZONE, name: "sub", props: { name: "sub.example.com" } };
/** The record moved to a zone outside the stack, known by its id. */
const inZone = (zoneId: string, r: StackInput): StackInput => ({
  ...r,
  props: { ...r.props, zoneId },
  propertyDependencies: { ...r.propertyDependencies, zoneId: [] },
});

/** The distribution with a web ACL, its origin's domainName the record's fqdn (unknown at preview). */
const cdnViaRecord = distribution({ type: RECORD, name: "origin" });
const cdnWithoutAclViaRecord = distribution({ type: RECORD, name: "origin" }, {});
const OTHER_ALB = "other-1111111111.eu-central-1.elb.amazonaws.com";

describe("require-waf-on-internet-endpoints: ALBs behind CloudFront through a Route 53 record", () => {
  stackTable(requireWafOnInternetEndpoints, [
    // Known-good: the record links the distribution with a web ACL, and the ALB admits only CloudFront.
    {
      name: "alias record by property dependency (fqdn unknown at preview)",
      resources: albStack([inlineList], [zone, aliasToAlb(), cdnViaRecord]),
      violations: 0,
    },
    {
      name: "literal origin equal to the record's fully qualified name",
      resources: albStack([inlineList], [zone, aliasToAlb(), distribution(ORIGIN)]),
      violations: 0,
    },
    {
      name: "relative record name completed with the name of the zone in the stack (case and root dot aside)",
      resources: albStack([inlineList], [zone, aliasToAlb("origin"), distribution("Origin.Example.com.")]),
      violations: 0,
    },
    {
      name: "CNAME whose records hold the ALB's dnsName",
      resources: albStack([inlineList], [zone, cnameToAlb, cdnViaRecord]),
      violations: 0,
    },
    {
      name: "a record whose type is unknown at preview may be a CNAME: its records naming the ALB link it",
      resources: albStack(
        [inlineList],
        [zone, { ...cnameToAlb, props: { ...cnameToAlb.props, type: UNKNOWN } }, cdnViaRecord],
      ),
      violations: 0,
    },
    {
      name: "after deployment: known fqdn, alias to dualstack. + the ALB's known host name",
      resources: albStack(
        [inlineList],
        [aliasToHost(`dualstack.${ALB_HOST.toUpperCase()}.`, { fqdn: ORIGIN }), distribution(ORIGIN)],
        { dnsName: ALB_HOST },
      ),
      violations: 0,
    },
    {
      name: "an older SDK: resource-wide dependencies only",
      resources: albStack(
        [inlineList],
        [
          zone,
          {
            type: RECORD,
            name: "origin",
            props: { zoneId: UNKNOWN, name: ORIGIN, type: "A", aliases: [{ name: UNKNOWN, zoneId: UNKNOWN }] },
            dependencies: [zoneUrn, albUrn],
          },
          { ...cdnViaRecord, propertyDependencies: {}, dependencies: [recordUrn] },
        ],
      ),
      violations: 0,
    },
    {
      name: "weighted records of one name: the distribution names the other one, the ALB's is linked too",
      resources: albStack(
        [inlineList],
        [zone, weighted("origin", aliasToHost(OTHER_ALB)), weighted("origin-web", aliasToAlb()), cdnViaRecord],
      ),
      violations: 0,
    },
    // Known-bad: a way around the distribution, no web ACL in front, or no link at all.
    {
      name: "linked, but the ALB's group admits 0.0.0.0/0 on the listener port",
      resources: albStack([inlineList, { ...tcp443, cidrBlocks: ["0.0.0.0/0"] }], [zone, aliasToAlb(), cdnViaRecord]),
      violations: 1,
      urn: albUrn,
      mentions: `internet-facing application load balancer (${AROUND}: 0.0.0.0/0 → igw:igw`,
    },
    {
      name: "linked, but a separate rule admits ::/0 on a dual-stack ALB",
      resources: albStack([inlineList], [zone, rule("open-v6", { cidrIpv6: "::/0" }), aliasToAlb(), cdnViaRecord], {
        ipAddressType: "dualstack",
      }),
      violations: 1,
      urn: albUrn,
      mentions: `${AROUND}: ::/0 → igw:igw`,
    },
    {
      name: "linked through a CNAME, but a port range from anywhere covers the listener",
      resources: albStack(
        [inlineList],
        [zone, rule("range", { cidrIpv4: "0.0.0.0/0", fromPort: 400, toPort: 500 }), cnameToAlb, cdnViaRecord],
      ),
      violations: 1,
      urn: albUrn,
      mentions: AROUND,
    },
    {
      name: "linked, but every protocol and port (-1) from anywhere",
      resources: albStack(
        [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        [zone, aliasToAlb(), distribution(ORIGIN)],
      ),
      violations: 1,
      urn: albUrn,
      mentions: AROUND,
    },
    {
      name: "weighted: the ALB the other record names is open, and judged as such",
      resources: albStack(
        [{ ...tcp443, cidrBlocks: ["0.0.0.0/0"] }],
        [zone, weighted("origin", aliasToHost(OTHER_ALB)), weighted("origin-web", aliasToAlb()), cdnViaRecord],
      ),
      violations: 1,
      urn: albUrn,
      mentions: AROUND,
    },
    {
      name: "the distribution in front of the record has no web ACL (both are violations)",
      resources: albStack([inlineList], [zone, aliasToAlb(), cdnWithoutAclViaRecord]),
      violations: 2,
    },
    {
      name: "the record names another ALB (outside the stack)",
      resources: albStack([inlineList], [zone, aliasToHost(OTHER_ALB), cdnViaRecord], { dnsName: ALB_HOST }),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "the record's alias is unknown at preview and no dependency names the ALB",
      resources: albStack(
        [inlineList],
        [zone, record({ aliases: [{ name: UNKNOWN, zoneId: UNKNOWN }] }), cdnViaRecord],
      ),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "a literal origin naming another record name",
      resources: albStack([inlineList], [zone, aliasToAlb(), distribution("www.example.com")]),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "a relative record name in a zone outside the stack: its full name is unknown",
      resources: albStack(
        [inlineList],
        [
          { ...aliasToAlb("origin"), props: { ...aliasToAlb("origin").props, zoneId: OUTSIDE_ZONE } },
          distribution(ORIGIN),
        ],
      ),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "an A record whose records hold the ALB's host name is no link (an A record's values are addresses)",
      resources: albStack([inlineList], [zone, record({ ttl: 300, records: [ALB_HOST] }), distribution(ORIGIN)], {
        dnsName: ALB_HOST,
      }),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "a record of the same name in another zone does not answer for the distribution's",
      resources: albStack(
        [inlineList],
        [
          zone,
          weighted("origin", aliasToHost(OTHER_ALB)),
          weighted("origin-web", aliasToAlb(), OUTSIDE_ZONE),
          cdnViaRecord,
        ],
      ),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    // Wildcard records (RFC 4592): `*.example.com` answers a literal origin below it when no name of its zone exists
    // at the origin or between it and example.com (a more specific name wins), for one label or several.
    {
      name: "wildcard: *.example.com naming the ALB answers the literal origin.example.com",
      resources: albStack([inlineList], [zone, aliasToAlb(WILDCARD), distribution(ORIGIN)]),
      violations: 0,
    },
    {
      name: "wildcard: the relative name * completed with the zone's",
      resources: albStack([inlineList], [zone, aliasToAlb("*"), distribution(ORIGIN)]),
      violations: 0,
    },
    {
      name: "wildcard: after deployment, Route 53's escaped name \\052.example.com. and a known alias to the ALB",
      resources: albStack(
        [inlineList],
        [
          zone,
          record(
            { aliases: [{ name: ALB_HOST, zoneId: "Z215JYRZR1TBD5" }], fqdn: "\\052.example.com." },
            {},
            "wild",
            "\\052.example.com.",
          ),
          distribution(ORIGIN),
        ],
        { dnsName: ALB_HOST },
      ),
      violations: 0,
    },
    {
      name: "wildcard: a.b.example.com is answered too when nothing exists at b.example.com",
      resources: albStack([inlineList], [zone, aliasToAlb(WILDCARD), distribution("a.b.example.com")]),
      violations: 0,
    },
    {
      name: "wildcard: an exact record of that name in another zone does not take precedence",
      resources: albStack(
        [inlineList],
        [
          zone,
          aliasToAlb(WILDCARD),
          inZone(OUTSIDE_ZONE, aliasToHost(OTHER_ALB, {}, "elsewhere")),
          distribution(ORIGIN),
        ],
      ),
      violations: 0,
    },
    {
      name: "wildcard linked, but the ALB's group admits 0.0.0.0/0 on the listener port",
      resources: albStack(
        [inlineList, { ...tcp443, cidrBlocks: ["0.0.0.0/0"] }],
        [zone, aliasToAlb(WILDCARD), distribution(ORIGIN)],
      ),
      violations: 1,
      urn: albUrn,
      mentions: AROUND,
    },
    {
      name: "wildcard: an exact record of the origin's name in the zone (naming another ALB) wins",
      resources: albStack(
        [inlineList],
        [zone, aliasToAlb(WILDCARD, "wild"), aliasToHost(OTHER_ALB), distribution(ORIGIN)],
        { dnsName: ALB_HOST },
      ),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "wildcard: an exact record of any type (TXT) at the origin's name wins",
      resources: albStack(
        [inlineList],
        [
          zone,
          aliasToAlb(WILDCARD, "wild"),
          record({ type: "TXT", ttl: 300, records: ["v=1"] }, {}, "txt"),
          distribution(ORIGIN),
        ],
      ),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "wildcard: a name below b.example.com makes b exist, so *.example.com does not answer a.b.example.com",
      resources: albStack(
        [inlineList],
        [
          zone,
          aliasToAlb(WILDCARD, "wild"),
          record({ type: "TXT", ttl: 300, records: ["v=1"] }, {}, "deep", "x.b.example.com"),
          distribution("a.b.example.com"),
        ],
      ),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "wildcard: the zone's apex itself is not answered by *.example.com",
      resources: albStack([inlineList], [zone, aliasToAlb(WILDCARD), distribution("example.com")]),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "wildcard: a zone of the stack for sub.example.com answers origin.sub.example.com, not *.example.com",
      resources: albStack([inlineList], [zone, subZone, aliasToAlb(WILDCARD), distribution("origin.sub.example.com")]),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "wildcard of another zone (*.other.com) does not answer origin.example.com",
      resources: albStack([inlineList], [zone, aliasToAlb("*.other.com"), distribution(ORIGIN)]),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    {
      name: "wildcard: a record of the zone whose name is unknown at preview may be the origin's",
      resources: albStack(
        [inlineList],
        [
          zone,
          aliasToAlb(WILDCARD, "wild"),
          record({ type: "TXT", ttl: 300, records: ["v=1"] }, {}, "txt", UNKNOWN),
          distribution(ORIGIN),
        ],
      ),
      violations: 1,
      urn: albUrn,
      mentions: NO_WAF,
    },
    // Unknown at preview on the way around: a note, as for an ALB named directly.
    {
      name: "linked, a separate rule's CIDR unknown at preview",
      resources: albStack([inlineList], [zone, rule("office", { cidrIpv4: UNKNOWN }), aliasToAlb(), cdnViaRecord]),
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);

  it("an open ALB behind the record is told the fix", async () => {
    const ds = await runStack(
      requireWafOnInternetEndpoints,
      albStack([inlineList], [zone, rule("open-https", { cidrIpv4: "0.0.0.0/0" }), aliasToAlb(), cdnViaRecord]),
    );
    expect(ds.map((d) => [d.urn, d.level])).toEqual([[albUrn, "mandatory"]]);
    expect(ds[0].message).toContain("sg:web rule open-https");
    expect(ds[0].message).toContain("com.amazonaws.global.cloudfront.origin-facing");
  });

  it("the distribution without a web ACL is reported on itself, the ALB as having no WAF", async () => {
    const ds = await runStack(
      requireWafOnInternetEndpoints,
      albStack([inlineList], [zone, aliasToAlb(), cdnWithoutAclViaRecord]),
    );
    expect(ds.map((d) => [d.urn, d.level])).toEqual(
      expect.arrayContaining([
        [albUrn, "mandatory"],
        [urnOf(CLOUDFRONT, "edge"), "mandatory"],
      ]),
    );
    expect(ds.find((d) => d.urn === albUrn)?.message).toContain(NO_WAF);
  });

  it("a record naming an internal ALB of the stack links that one, not the internet-facing ALB", async () => {
    const internal: StackInput = {
      type: T.lb,
      name: "inner",
      props: { loadBalancerType: "application", internal: true, subnets: [UNKNOWN] },
      propertyDependencies: { subnets: [urnOf(T.subnet, "public-a")] },
    };
    const toInner = record({ aliases: [{ name: UNKNOWN, zoneId: UNKNOWN }] }, { aliases: [urnOf(T.lb, "inner")] });
    const ds = await runStack(
      requireWafOnInternetEndpoints,
      albStack([inlineList], [zone, internal, toInner, cdnViaRecord]),
    );
    expect(ds.filter((d) => d.level === "mandatory").map((d) => [d.urn, d.message])).toEqual([
      [albUrn, expect.stringContaining(NO_WAF)],
    ]);
  });
});
