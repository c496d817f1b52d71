// EventBridge pattern semantics as policies/lib/event-patterns.ts reads them, and the GuardDuty question built on
// them: does a rule take every high-severity SSH brute-force finding.
import {
  ANY_VALUE,
  EventPattern,
  parseEventPattern,
  patternMatches,
  SampleEvent,
} from "../../policies/lib/event-patterns";
import { routesBruteForceFindings } from "../../policies/lib/guardduty-finding-routes";
import { UNKNOWN } from "./harness";

const event: SampleEvent = {
  source: "aws.guardduty",
  "detail-type": "GuardDuty Finding",
  account: ANY_VALUE,
  resources: ["arn:aws:ec2:us-east-1:1:instance/i-1", "arn:aws:ec2:us-east-1:1:instance/i-2"],
  detail: {
    type: "UnauthorizedAccess:EC2/SSHBruteForce",
    severity: 7.5,
    remoteIp: "203.0.113.9",
    archived: false,
    note: null,
    service: ANY_VALUE,
  },
};

const pattern = (text: string): EventPattern => {
  const parsed = parseEventPattern(text);
  if ("invalid" in parsed) throw new Error(`${text} ${parsed.invalid}`);
  return parsed.pattern;
};
const detail = (fields: Record<string, unknown>) => JSON.stringify({ detail: fields });

describe("EventBridge pattern matching", () => {
  it.each<[string, string, boolean]>([
    ["an allowed value", '{"source":["aws.guardduty"]}', true],
    ["one of several allowed values", '{"source":["aws.ec2","aws.guardduty"]}', true],
    ["values are case-sensitive", '{"source":["AWS.GuardDuty"]}', false],
    ["a value of another type", '{"detail":{"severity":["7.5"]}}', false],
    ["a number", '{"detail":{"severity":[7.5]}}', true],
    ["a boolean", '{"detail":{"archived":[false]}}', true],
    ["null matches a null field", '{"detail":{"note":[null]}}', true],
    ["null does not match an absent field", '{"detail":{"missing":[null]}}', false],
    ["prefix", '{"detail":{"type":[{"prefix":"UnauthorizedAccess:"}]}}', true],
    ["prefix of another type", '{"detail":{"type":[{"prefix":"Backdoor:"}]}}', false],
    ["prefix ignoring case", '{"detail":{"type":[{"prefix":{"equals-ignore-case":"unauthorizedaccess:"}}]}}', true],
    ["suffix", '{"detail":{"type":[{"suffix":"/SSHBruteForce"}]}}', true],
    ["suffix that differs", '{"detail":{"type":[{"suffix":"/RDPBruteForce"}]}}', false],
    ["equals-ignore-case", '{"source":[{"equals-ignore-case":"AWS.GUARDDUTY"}]}', true],
    ["wildcard", '{"detail":{"type":[{"wildcard":"Unauthorized*:EC2/*Force"}]}}', true],
    ["wildcard whose parts overlap", '{"source":[{"wildcard":"aws.guard*duty*guardduty"}]}', false],
    ["escaped star is a literal", '{"source":[{"wildcard":"aws.\\\\*"}]}', false],
    ["anything-but a value", '{"source":[{"anything-but":"aws.ec2"}]}', true],
    ["anything-but the value", '{"source":[{"anything-but":["aws.ec2","aws.guardduty"]}]}', false],
    ["anything-but a prefix", '{"detail":{"type":[{"anything-but":{"prefix":"Unauthorized"}}]}}', false],
    ["anything-but does not match an absent field", '{"detail":{"missing":[{"anything-but":"x"}]}}', false],
    ["anything-but numbers", '{"detail":{"severity":[{"anything-but":[2,5]}]}}', true],
    ["numeric >= 7", '{"detail":{"severity":[{"numeric":[">=",7]}]}}', true],
    ["numeric < 4", '{"detail":{"severity":[{"numeric":["<",4]}]}}', false],
    ["numeric range", '{"detail":{"severity":[{"numeric":[">",7,"<=",7.5]}]}}', true],
    ["numeric range that ends below", '{"detail":{"severity":[{"numeric":[">=",7,"<",7.5]}]}}', false],
    ["numeric = ", '{"detail":{"severity":[{"numeric":["=",7.5]}]}}', true],
    ["numeric against a string", '{"source":[{"numeric":[">",0]}]}', false],
    ["exists true", '{"detail":{"severity":[{"exists":true}]}}', true],
    ["exists false on a present field", '{"detail":{"severity":[{"exists":false}]}}', false],
    ["exists false on an absent field", '{"detail":{"missing":[{"exists":false}]}}', true],
    ["an absent field", '{"region":["us-east-1"]}', false],
    ["cidr", '{"detail":{"remoteIp":[{"cidr":"203.0.113.0/24"}]}}', true],
    ["cidr elsewhere", '{"detail":{"remoteIp":[{"cidr":"198.51.100.0/24"}]}}', false],
    ["one element of an event array", '{"resources":[{"suffix":"i-2"}]}', true],
    ["no element of an event array", '{"resources":[{"suffix":"i-3"}]}', false],
    ["an unknown value is not proven equal", '{"account":["123456789012"]}', false],
    ["an unknown value is proven to exist", '{"account":[{"exists":true}]}', true],
    ["anything-but an unknown value", '{"account":[{"anything-but":"123456789012"}]}', false],
    ["an object pattern over an unknown object", '{"detail":{"service":{"action":[{"exists":true}]}}}', false],
    ["all fields must match", '{"source":["aws.guardduty"],"detail-type":["AWS API Call via CloudTrail"]}', false],
    ["$or: one branch matches", '{"$or":[{"source":["aws.ec2"]},{"detail":{"severity":[7.5]}}]}', true],
    ["$or: no branch matches", '{"$or":[{"source":["aws.ec2"]},{"detail":{"severity":[8]}}]}', false],
    ["nested $or", detail({ $or: [{ severity: [{ numeric: [">=", 8] }] }, { type: [{ prefix: "Unauth" }] }] }), true],
    ["an empty allowed list matches nothing", '{"source":[]}', false],
  ])("%s", (_name, text, matches) => {
    expect(patternMatches(pattern(text), event)).toBe(matches);
  });

  it.each<[string, string, string]>([
    ["not JSON", "{source: aws.guardduty}", "is not valid JSON"],
    ["a list", '["aws.guardduty"]', "is not a JSON object"],
    ["a bare leaf value", '{"source":"aws.guardduty"}', 'has "aws.guardduty" at source'],
    ["an unknown operator", '{"source":[{"startsWith":"aws."}]}', "the matcher"],
    ["a numeric filter of odd length", '{"detail":{"severity":[{"numeric":[">=",7,"<"]}]}}', "at detail.severity"],
    ["a numeric bound that is a string", '{"detail":{"severity":[{"numeric":[">=","7"]}]}}', "the matcher"],
    ["two operators in one matcher", '{"source":[{"prefix":"aws.","suffix":"duty"}]}', "the matcher"],
    ["a $or of one branch", '{"$or":[{"source":["aws.guardduty"]}]}', "$or"],
    ["a cidr that is no block", '{"detail":{"remoteIp":[{"cidr":"not-an-ip"}]}}', "the matcher"],
  ])("rejects %s", (_name, text, says) => {
    const parsed = parseEventPattern(text);
    expect("invalid" in parsed && parsed.invalid).toContain(says);
  });
});

describe("routing GuardDuty's SSH brute-force findings at every severity", () => {
  const guardDuty = (fields: Record<string, unknown> = {}) =>
    JSON.stringify({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"], ...fields });
  const tenths = (from: number, to: number) =>
    Array.from({ length: Math.round((to - from) * 10) + 1 }, (_, i) => Number((from + i / 10).toFixed(1)));

  it.each<[string, string, "yes" | "no", string?]>([
    ["every GuardDuty finding", guardDuty(), "yes"],
    ["severity 7 and above", guardDuty({ detail: { severity: [{ numeric: [">=", 7] }] } }), "no", "1.0–6.9"],
    ["severity 1 and above", guardDuty({ detail: { severity: [{ numeric: [">=", 1] }] } }), "yes"],
    ["above 0.9", guardDuty({ detail: { severity: [{ numeric: [">", 0.9] }] } }), "yes"],
    ["severity 8 and above", guardDuty({ detail: { severity: [{ numeric: [">=", 8] }] } }), "no", "1.0–7.9"],
    ["below 8 only", guardDuty({ detail: { severity: [{ numeric: ["<", 8] }] } }), "no", "8.0–8.9"],
    ["medium only", guardDuty({ detail: { severity: [{ numeric: [">=", 4, "<", 7] }] } }), "no", "1.0–3.9, 7.0–8.9"],
    ["every high severity listed", guardDuty({ detail: { severity: tenths(7, 8.9) } }), "no", "1.0–6.9"],
    ["every severity listed", guardDuty({ detail: { severity: tenths(1, 8.9) } }), "yes"],
    [
      "a listed severity missing",
      guardDuty({ detail: { severity: tenths(1, 8.9).filter((s) => s !== 8.2) } }),
      "no",
      "8.2",
    ],
    [
      "high split over two $or branches",
      guardDuty({ detail: { $or: [{ severity: [{ numeric: ["<", 8] }] }, { severity: [{ numeric: [">=", 8] }] }] } }),
      "yes",
    ],
    ["the type by prefix", guardDuty({ detail: { type: [{ prefix: "UnauthorizedAccess:" }] } }), "yes"],
    ["the type by name", guardDuty({ detail: { type: ["UnauthorizedAccess:EC2/SSHBruteForce"] } }), "yes"],
    ["another type only", guardDuty({ detail: { type: [{ prefix: "Backdoor:" }] } }), "no", "matches no"],
    [
      "anything-but the brute-force type",
      guardDuty({ detail: { type: [{ "anything-but": ["UnauthorizedAccess:EC2/SSHBruteForce"] }] } }),
      "no",
      "matches no",
    ],
    [
      "anything-but low severities",
      guardDuty({ detail: { severity: [{ "anything-but": [2, 5] }] } }),
      "no",
      "2.0, 5.0",
    ],
    [
      "anything-but severities no finding has",
      guardDuty({ detail: { severity: [{ "anything-but": [0, 9.5] }] } }),
      "yes",
    ],
    ["a source prefix", JSON.stringify({ source: [{ prefix: "aws." }] }), "yes"],
    ["another source", JSON.stringify({ source: ["aws.securityhub"] }), "no", "matches no"],
    ["Security Hub's detail type", guardDuty({ "detail-type": ["Security Hub Findings - Imported"] }), "no"],
    ["one account", guardDuty({ account: ["123456789012"] }), "no"],
    ["any account", guardDuty({ account: [{ exists: true }] }), "yes"],
    ["invalid JSON", '{"source": ["aws.guardduty"]', "no", "is not valid JSON"],
    ["a leaf that is not a list", '{"source": "aws.guardduty"}', "no", "where a list of values or an object belongs"],
  ])("%s", (_name, text, routes, reason = "") => {
    const verdict = routesBruteForceFindings(text);
    expect(verdict.routes).toBe(routes);
    if (reason) expect(verdict.reason).toContain(reason);
  });

  it("cannot tell an unknown pattern, and says no pattern is no route", () => {
    expect(routesBruteForceFindings(UNKNOWN)).toMatchObject({ routes: "unknown", aimsAtGuardDuty: true });
    expect(routesBruteForceFindings(undefined)).toMatchObject({ routes: "no", aimsAtGuardDuty: false });
  });

  it("tells a broken GuardDuty pattern from a rule for something else", () => {
    expect(routesBruteForceFindings('{"source": "aws.guardduty"}').aimsAtGuardDuty).toBe(true);
    expect(routesBruteForceFindings('{"source": ["aws.ec2"]}').aimsAtGuardDuty).toBe(false);
  });
});
