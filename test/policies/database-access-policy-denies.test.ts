// Explicit Deny statements in OpenSearch / Elasticsearch access policies: a Deny on every principal that covers the
// open Allow narrows it to the sources it lets past; any Deny that cannot be read exactly narrows nothing.
import { disallowPublicManagedDatabases } from "../../policies/rules/disallow-public-managed-databases";
import { patternCovers } from "../../policies/lib/access-policy-denies";
import { hardeningRules } from "../../policies/catalog";
import { Case, mandatory, run, table, UNKNOWN } from "./harness";

const OPENSEARCH = "aws:opensearch/domain:Domain";
const ELASTICSEARCH = "aws:elasticsearch/domain:Domain";
const OPENSEARCH_POLICY = "aws:opensearch/domainPolicy:DomainPolicy";
const ELASTICSEARCH_POLICY = "aws:elasticsearch/domainPolicy:DomainPolicy";
const DOMAIN_ARN = "arn:aws:es:eu-west-1:123456789012:domain/search/*";

const openAllow = (extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Principal: { AWS: "*" },
  Action: "es:*",
  Resource: "*",
  ...extra,
});
const deny = (extra: Record<string, unknown> = {}) => ({
  Effect: "Deny",
  Principal: "*",
  Action: "es:*",
  Resource: "*",
  ...extra,
});
const notIp = (ips: unknown) => ({ Condition: { NotIpAddress: { "aws:SourceIp": ips } } });
const json = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** The same policy on both domain types (no vpcOptions: public endpoint) and both domain-policy types (notes). */
const everyForm = (label: string, accessPolicies: unknown, open: number, notes = 0): Case[] => [
  { name: `${label}: OpenSearch domain`, type: OPENSEARCH, props: { accessPolicies }, violations: open, notes },
  { name: `${label}: Elasticsearch domain`, type: ELASTICSEARCH, props: { accessPolicies }, violations: open, notes },
  {
    name: `${label}: OpenSearch domain policy`,
    type: OPENSEARCH_POLICY,
    props: { accessPolicies, domainName: "search" },
    violations: 0,
    notes: open + notes,
  },
  {
    name: `${label}: Elasticsearch domain policy`,
    type: ELASTICSEARCH_POLICY,
    props: { accessPolicies, domainName: "search" },
    violations: 0,
    notes: open + notes,
  },
];

describe("disallow-public-managed-databases: Deny statements narrow open Allows", () => {
  table(disallowPublicManagedDatabases, [
    // Known good: the Deny leaves only narrow sources, or nobody.
    ...everyForm(
      "Deny outside one /24 (the reported false positive)",
      json(openAllow(), deny(notIp(["203.0.113.0/24"]))),
      0,
    ),
    ...everyForm("Deny outside a single host", json(openAllow(), deny(notIp("198.51.100.7"))), 0),
    ...everyForm("Deny outside private ranges", json(openAllow(), deny(notIp(["10.0.0.0/8", "172.16.0.0/12"]))), 0),
    ...everyForm("Deny outside a narrow IPv6 /56", json(openAllow(), deny(notIp(["2001:db8:1200::/56"]))), 0),
    ...everyForm("Deny before the Allow", json(deny(notIp(["203.0.113.0/24"])), openAllow()), 0),
    ...everyForm("deny-all with no condition", json(openAllow(), deny()), 0),
    ...everyForm("deny-all with an empty condition", json(openAllow(), deny({ Condition: {} })), 0),
    ...everyForm(
      "Deny with AWS * principal and action *",
      json(openAllow(), deny({ Principal: { AWS: "*" }, Action: "*" })),
      0,
    ),
    ...everyForm(
      "Deny outside a VPC endpoint",
      json(openAllow(), deny({ Condition: { Null: { "aws:SourceVpc": "true" } } })),
      0,
    ),
    ...everyForm(
      "Deny es:ESHttp* covers an Allow of es:ESHttpGet",
      json(openAllow({ Action: "es:ESHttpGet" }), deny({ Action: "es:ESHttp*" })),
      0,
    ),
    ...everyForm(
      "Deny on the domain's resources covers the same Allow resources",
      json(openAllow({ Resource: DOMAIN_ARN }), deny({ Resource: DOMAIN_ARN, ...notIp("203.0.113.0/24") })),
      0,
    ),
    ...everyForm(
      "Deny covers an Allow whose principal is unknown at preview",
      json(openAllow({ Principal: UNKNOWN }), deny(notIp("203.0.113.0/24"))),
      0,
    ),
    ...everyForm(
      "one of two Denies is narrow",
      json(openAllow(), deny(notIp("0.0.0.0/0")), deny(notIp("203.0.113.0/24"))),
      0,
    ),
    ...everyForm(
      "Deny with extra unknown action still covers",
      json(openAllow(), deny({ Action: ["es:*", UNKNOWN] })),
      0,
    ),
    // Known bad: the Deny leaves the internet or a broad range in.
    ...everyForm("open Allow alone", json(openAllow()), 1),
    ...everyForm("Deny outside 0.0.0.0/0", json(openAllow(), deny(notIp("0.0.0.0/0"))), 1),
    ...everyForm("Deny outside a broad public /16", json(openAllow(), deny(notIp(["203.0.0.0/16"]))), 1),
    ...everyForm("Deny outside ::/0", json(openAllow(), deny(notIp(["203.0.113.0/24", "::/0"]))), 1),
    ...everyForm("Deny outside a broad IPv6 /32", json(openAllow(), deny(notIp("2001:db8::/32"))), 1),
    ...everyForm(
      "Deny on a narrower action than the Allow grants",
      json(openAllow(), deny({ Action: "es:ESHttpGet", ...notIp("203.0.113.0/24") })),
      1,
    ),
    ...everyForm(
      "Deny es:ESHttp* does not cover an Allow of es:*",
      json(openAllow(), deny({ Action: "es:ESHttp*" })),
      1,
    ),
    ...everyForm(
      "Deny on reads and writes but not DELETE",
      json(openAllow({ Action: "es:ESHttp*" }), deny({ Action: ["es:ESHttpGet", "es:ESHttpPut", "es:ESHttpPost"] })),
      1,
    ),
    ...everyForm("Deny on another service", json(openAllow(), deny({ Action: "s3:*" })), 1),
    ...everyForm(
      "Deny es:* does not cover an Allow with NotAction",
      json(openAllow({ Action: undefined, NotAction: "es:ESHttpDelete" }), deny()),
      1,
    ),
    ...everyForm(
      "Deny with NotPrincipal",
      json(openAllow(), deny({ Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::1:root" } })),
      1,
    ),
    ...everyForm(
      "Deny for one account only",
      json(openAllow(), deny({ Principal: { AWS: "arn:aws:iam::1:root" } })),
      1,
    ),
    ...everyForm("Deny with NotAction", json(openAllow(), deny({ Action: undefined, NotAction: "es:ESHttpGet" })), 1),
    ...everyForm(
      "Deny with NotResource",
      json(openAllow(), deny({ Resource: undefined, NotResource: "arn:aws:es:*:*:domain/other/*" })),
      1,
    ),
    ...everyForm(
      "Deny on another domain",
      json(openAllow({ Resource: DOMAIN_ARN }), deny({ Resource: "arn:aws:es:eu-west-1:123456789012:domain/other/*" })),
      1,
    ),
    ...everyForm(
      "Deny on one domain when the Allow grants every resource",
      json(openAllow(), deny({ Resource: DOMAIN_ARN })),
      1,
    ),
    ...everyForm(
      "Deny with another condition key",
      json(openAllow(), deny({ Condition: { Bool: { "aws:SecureTransport": "false" } } })),
      1,
    ),
    // Malformed address lists are no list IAM narrows by: the Deny narrows nothing.
    ...everyForm("Deny outside an empty address list", json(openAllow(), deny(notIp([]))), 1),
    ...everyForm("Deny outside an empty address", json(openAllow(), deny(notIp(""))), 1),
    ...everyForm("Deny outside a null address", json(openAllow(), deny(notIp([null]))), 1),
    ...everyForm("Deny outside a nested list", json(openAllow(), deny(notIp([["0.0.0.0/0"]]))), 1),
    ...everyForm("Deny outside a list holding an object", json(openAllow(), deny(notIp(["10.0.0.0/8", {}]))), 1),
    ...everyForm("Deny outside text that is no address", json(openAllow(), deny(notIp("office"))), 1),
    ...everyForm(
      "Deny with IfExists operator",
      json(openAllow(), deny({ Condition: { NotIpAddressIfExists: { "aws:SourceIp": "203.0.113.0/24" } } })),
      1,
    ),
    ...everyForm(
      "Deny with NotIpAddress ANDed with another condition",
      json(
        openAllow(),
        deny({
          Condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" }, Bool: { "aws:SecureTransport": "true" } },
        }),
      ),
      1,
    ),
    ...everyForm(
      "Deny on a present aws:SourceVpc",
      json(openAllow(), deny({ Condition: { Null: { "aws:SourceVpc": "false" } } })),
      1,
    ),
    ...everyForm(
      "NotIpAddress on a second Allow narrows nothing",
      json(openAllow(), { ...openAllow(), Effect: "Allow", ...notIp("203.0.113.0/24") }),
      2,
    ),
    // Unknown at preview: a Deny that cannot be read narrows nothing.
    ...everyForm("Deny SourceIp unknown", json(openAllow(), deny(notIp(UNKNOWN))), 1),
    ...everyForm("Deny SourceIp entry unknown", json(openAllow(), deny(notIp(["203.0.113.0/24", UNKNOWN]))), 1),
    ...everyForm("Deny principal unknown", json(openAllow(), deny({ Principal: UNKNOWN })), 1),
    ...everyForm("Deny action unknown", json(openAllow(), deny({ Action: UNKNOWN })), 1),
    ...everyForm("Deny condition unknown", json(openAllow(), deny({ Condition: UNKNOWN })), 1),
    ...everyForm(
      "Allow action unknown needs a Deny on every action",
      json(openAllow({ Action: UNKNOWN }), deny(notIp("203.0.113.0/24"))),
      0,
      1,
    ),
    ...everyForm(
      "Allow action unknown and a Deny on every action",
      json(openAllow({ Action: UNKNOWN }), deny({ Action: "*", ...notIp("203.0.113.0/24") })),
      0,
    ),
  ]);

  it("names the sources a broad Deny still admits", async () => {
    const props = { accessPolicies: json(openAllow(), deny(notIp(["203.0.0.0/16"]))) };
    const found = mandatory(await run(disallowPublicManagedDatabases, OPENSEARCH, props));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('accessPolicies.Statement[1].Condition.NotIpAddress["aws:SourceIp"]');
    expect(found[0].message).toContain("203.0.0.0/16");
  });

  it("accepts a Deny that admits an allow-listed partner range", async () => {
    const props = { accessPolicies: json(openAllow(), deny(notIp("47.96.0.0/16"))) };
    const config = { allowCidrs: ["47.96.0.0/16"] };
    expect(await run(disallowPublicManagedDatabases, OPENSEARCH, props, { config })).toHaveLength(0);
    expect(mandatory(await run(disallowPublicManagedDatabases, OPENSEARCH, props))).toHaveLength(1);
  });

  it("judges the same through the pack's template-aware rule", async () => {
    const rule = hardeningRules.find((r) => r.name === "disallow-public-managed-databases");
    expect(rule).toBeDefined();
    const good = { accessPolicies: json(openAllow(), deny(notIp("203.0.113.0/24"))) };
    const bad = { accessPolicies: json(openAllow(), deny(notIp("0.0.0.0/0"))) };
    expect(mandatory(await run(rule!, OPENSEARCH, good))).toHaveLength(0);
    expect(mandatory(await run(rule!, OPENSEARCH, bad))).toHaveLength(1);
  });
});

describe("patternCovers", () => {
  it.each([
    ["*", "es:ESHttpGet", true],
    ["es:*", "es:eshttp*", true],
    ["es:eshttp*", "es:eshttpget", true],
    ["es:eshttp*", "es:*", false],
    ["es:eshttpget", "es:eshttp*", false],
    ["es:e?http*", "es:eshttp*", false],
    ["es:*get", "es:eshttp*", false],
    ["es:eshttpget", "es:eshttpget", true],
    ["es:eshttp?et", "es:eshttpget", true],
    ["s3:*", "es:*", false],
  ])("%s covers %s: %s", (outer, inner, expected) => {
    expect(patternCovers(outer, inner)).toBe(expected);
  });
});
