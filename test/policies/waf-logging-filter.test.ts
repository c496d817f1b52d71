import { requireWafLogging } from "../../policies/rules/require-waf-logging";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const ACL = "aws:wafv2/webAcl:WebAcl";
const LOG = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

const acl: StackInput = { type: ACL, name: "edge", props: { scope: "REGIONAL", arn: UNKNOWN } };
const logging = (loggingFilter?: unknown): StackInput => ({
  type: LOG,
  name: "edge-logs",
  props: { resourceArn: UNKNOWN, logDestinationConfigs: [UNKNOWN], loggingFilter },
  propertyDependencies: { resourceArn: [urnOf(ACL, "edge")] },
});
const keepBlocked = {
  behavior: "KEEP",
  requirement: "MEETS_ANY",
  conditions: [{ actionCondition: { action: "BLOCK" } }],
};

describe("require-waf-logging: logging filters", () => {
  const onLogging = { urn: urnOf(LOG, "edge-logs") };
  stackTable(requireWafLogging, [
    { name: "logging without a filter", resources: [acl, logging()], violations: 0 },
    // Blocked requests are what the scanners tried: the record the rule keeps. Noise goes by label.
    {
      name: "KEEP by default, dropping every blocked request",
      resources: [acl, logging({ defaultBehavior: "KEEP", filters: [{ ...keepBlocked, behavior: "DROP" }] })],
      violations: 1,
      mentions: "drops every BLOCK request with its loggingFilter filters: what the scanners tried is never logged",
      ...onLogging,
    },
    {
      name: "KEEP by default, dropping known noise by label",
      resources: [
        acl,
        logging({
          defaultBehavior: "KEEP",
          filters: [
            {
              behavior: "DROP",
              requirement: "MEETS_ALL",
              conditions: [{ actionCondition: { action: "BLOCK" } }, { labelNameCondition: { labelName: "noise" } }],
            },
          ],
        }),
      ],
      violations: 0,
    },
    {
      name: "DROP by default, keeping only blocked requests",
      resources: [acl, logging({ defaultBehavior: "DROP", filters: [keepBlocked] })],
      violations: 1,
      mentions: "only requests its KEEP filters match; no KEEP filter logs every ALLOW record (what got through)",
      ...onLogging,
    },
    {
      name: "DROP by default without filters",
      resources: [acl, logging({ defaultBehavior: "drop", filters: [] })],
      violations: 1,
      mentions: "logs nothing; no KEEP filter logs every ALLOW and every BLOCK record",
      ...onLogging,
    },
    {
      name: "unknown default behaviour is a note",
      resources: [acl, logging({ defaultBehavior: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    { name: "unknown filter is a note", resources: [acl, logging(UNKNOWN)], violations: 0, notes: 1 },
  ] as StackCase[]);
});

// Filters apply in order, the first match deciding: a KEEP filter beside a DROP of every allowed request keeps them
// only when it comes first and matches them all.
describe("require-waf-logging: KEEP filters beside a DROP of every allowed request", () => {
  const onLogging = { urn: urnOf(LOG, "edge-logs") };
  const byAction = (behavior: string, ...actions: string[]) => ({
    behavior,
    requirement: "MEETS_ANY",
    conditions: actions.map((action) => ({ actionCondition: { action } })),
  });
  const byLabel = (behavior: string, labelName: string) => ({
    behavior,
    requirement: "MEETS_ALL",
    conditions: [{ labelNameCondition: { labelName } }],
  });
  const keepDefault = (...filters: unknown[]) => [acl, logging({ defaultBehavior: "KEEP", filters })];
  stackTable(requireWafLogging, [
    {
      name: "a KEEP filter for one label ahead of a DROP of every allowed request",
      resources: keepDefault(byLabel("KEEP", "app:checkout"), byAction("DROP", "ALLOW")),
      violations: 1,
      mentions: "drops every ALLOW request",
      ...onLogging,
    },
    {
      name: "a DROP of every allowed request ahead of a KEEP of them",
      resources: keepDefault(byAction("DROP", "ALLOW"), byAction("KEEP", "ALLOW", "BLOCK")),
      violations: 1,
      mentions: "drops every ALLOW request",
      ...onLogging,
    },
    {
      name: "a KEEP of every allowed request ahead of a DROP of them",
      resources: keepDefault(byAction("KEEP", "ALLOW"), byAction("DROP", "ALLOW", "COUNT")),
      violations: 0,
    },
    {
      name: "a KEEP for one label beside a DROP of counted requests",
      resources: keepDefault(byLabel("KEEP", "app:checkout"), byAction("DROP", "COUNT")),
      violations: 0,
    },
    {
      name: "a label-narrowed DROP beside a KEEP",
      resources: keepDefault(byLabel("DROP", "awswaf:health-check"), byAction("KEEP", "ALLOW")),
      violations: 0,
    },
    {
      name: "a DROP of every blocked and allowed request (lower case, MEETS_ANY)",
      resources: keepDefault(byAction("drop", "block", "allow")),
      violations: 1,
      mentions:
        "drops every ALLOW and every BLOCK request with its loggingFilter filters: what got through and what the scanners tried are never logged",
      ...onLogging,
    },
    {
      name: "a KEEP of every blocked request ahead of a DROP of them",
      resources: keepDefault(byAction("KEEP", "BLOCK"), byAction("DROP", "BLOCK", "COUNT")),
      violations: 0,
    },
    {
      name: "a KEEP for one label ahead of a DROP of every blocked request",
      resources: keepDefault(byLabel("KEEP", "awswaf:managed:aws:core-rule-set"), byAction("DROP", "BLOCK")),
      violations: 1,
      mentions: "drops every BLOCK request",
      ...onLogging,
    },
    {
      name: "DROP by default, keeping allowed requests only",
      resources: [acl, logging({ defaultBehavior: "DROP", filters: [byAction("KEEP", "ALLOW")] })],
      violations: 1,
      mentions: "no KEEP filter logs every BLOCK record (what the scanners tried)",
      ...onLogging,
    },
    {
      name: "DROP by default, keeping allowed and blocked requests in separate filters",
      resources: [
        acl,
        logging({ defaultBehavior: "DROP", filters: [byAction("KEEP", "BLOCK"), byAction("KEEP", "ALLOW")] }),
      ],
      violations: 0,
    },
    {
      name: "DROP by default, a DROP of every blocked request ahead of the KEEP",
      resources: [
        acl,
        logging({ defaultBehavior: "DROP", filters: [byAction("DROP", "BLOCK"), byAction("KEEP", "ALLOW", "BLOCK")] }),
      ],
      violations: 1,
      mentions: "every BLOCK record",
    },
    {
      name: "DROP by default, the blocked requests' filter action unknown at preview is a note",
      resources: [
        acl,
        logging({ defaultBehavior: "DROP", filters: [byAction("KEEP", "ALLOW"), byAction("KEEP", UNKNOWN)] }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a DROP filter whose action is unknown at preview is one note",
      resources: keepDefault(byAction("DROP", UNKNOWN)),
      violations: 0,
      notes: 1,
      mentions: "whether every ALLOW and every BLOCK record is kept",
    },
    {
      name: "an unknown behaviour ahead of the DROP is a note",
      resources: keepDefault({ ...byLabel("KEEP", "x"), behavior: UNKNOWN }, byAction("DROP", "ALLOW")),
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);
});

describe("require-waf-logging: redacted fields", () => {
  const onLogging = { urn: urnOf(LOG, "edge-logs") };
  const redacting = (...redactedFields: unknown[]): StackInput[] => [
    acl,
    { ...logging(), props: { ...logging().props, redactedFields } },
  ];
  const header = (name: unknown) => ({ singleHeader: { name } });
  stackTable(requireWafLogging, [
    {
      name: "redacting the URI path hides the payloads",
      resources: redacting({ uriPath: {} }),
      violations: 1,
      mentions: "redacts the URI path (the attack payloads) in redactedFields[0]",
      ...onLogging,
    },
    {
      name: "redacting the query string beside the cookie",
      resources: redacting(header("cookie"), { queryString: {} }),
      violations: 1,
      mentions: "redactedFields[1]",
      ...onLogging,
    },
    {
      name: "redacting the method",
      resources: redacting({ method: {} }),
      violations: 1,
      mentions: "the HTTP method",
    },
    {
      name: "redacting the User-Agent (any case) hides the scanner",
      resources: redacting(header("User-Agent")),
      violations: 1,
      mentions: "User-Agent",
    },
    {
      name: "redacting X-Forwarded-For hides the client behind a proxy",
      resources: redacting(header("x-forwarded-for")),
      violations: 1,
      mentions: "X-Forwarded-For",
    },
    ...(
      [
        ["true-client-ip", "True-Client-IP"],
        ["X-Real-IP", "X-Real-IP"],
        ["CF-Connecting-IP", "CF-Connecting-IP"],
        [" x-client-ip ", "X-Client-IP"],
        ["Forwarded", "Forwarded"],
      ] as const
    ).map(([name, shown]) => ({
      name: `redacting ${name.trim()} hides the client's address behind a CDN or proxy`,
      resources: redacting(header("authorization"), header(name)),
      violations: 1,
      mentions: `redacts ${shown} (the client's address behind a `,
      ...onLogging,
    })),
    {
      name: "headers that only look like client-address ones, or name an inherited member, are not evidence",
      resources: redacting(header("x-client-id"), header("true-client"), header("constructor"), { constructor: {} }),
      violations: 0,
    },
    {
      name: "redacting credentials only (the kit's own configuration)",
      resources: redacting(header("authorization"), header("cookie")),
      violations: 0,
    },
    { name: "redacting nothing", resources: redacting(), violations: 0 },
    {
      name: "a redacted header name unknown at preview is a note",
      resources: redacting(header(UNKNOWN)),
      violations: 0,
      notes: 1,
    },
    {
      name: "redactedFields unknown at preview is a note",
      resources: [acl, { ...logging(), props: { ...logging().props, redactedFields: UNKNOWN } }],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);
});
