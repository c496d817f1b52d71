// A secret one-line value that a rule splits into entries (a database whitelist given as one secret string) and
// quotes an entry of: the entry is masked too, even short ("0.0.0.0") or letters only ("mallory"), since it is part
// of the secret. The words of a multi-line secret script are not: they are the script's syntax and ordinary words,
// which the pack's own wording uses too. Through the SDK's own Analyze handler with the pack's decode hook.
import { analyzeThroughHandler } from "./analyze-handler";
import { Diagnostic } from "./harness";
import { secret } from "./secret-wire";
import { maskSecrets, secretValuesIn } from "../../policies/lib/secret-values";

const RDS = "alicloud:rds/instance:Instance";
const RULE = "disallow-public-managed-databases";
const MASK = "[secret]";

const verdicts = (ds: Diagnostic[]) => ds.map((d) => [d.policy, d.level]);
/** What a message says after the policy's description. */
const finding = (d: Diagnostic) => d.message.slice(d.message.indexOf("\n") + 1);

describe("an entry a rule quotes of a secret one-line whitelist is masked", () => {
  it.each([
    ["the internet wildcard address among private ranges", "10.0.0.0/8,0.0.0.0", "0.0.0.0"],
    ["separated by semicolons and blanks", "10.0.0.0/8; 192.168.0.0/16 0.0.0.0", "0.0.0.0"],
    ["an entry that is no address (a host name)", "10.0.0.0/8,mallory", "mallory"],
    ["a quoted entry", '10.0.0.0/8,"mallory"', "mallory"],
  ])("%s", async (_, whitelist, quoted) => {
    const open = await analyzeThroughHandler(RDS, "db", { securityIps: [whitelist] });
    const masked = await analyzeThroughHandler(RDS, "db", { securityIps: [secret(whitelist)] });
    const quotes = (ds: Diagnostic[]) => ds.filter((d) => d.policy === RULE && finding(d).includes(quoted));
    expect(quotes(open).length).toBeGreaterThan(0);
    expect(verdicts(masked)).toEqual(verdicts(open));
    expect(quotes(masked)).toEqual([]);
    expect(masked.filter((d) => d.policy === RULE).some((d) => finding(d).includes(MASK))).toBe(true);
  });
});

describe("secretValuesIn: the parts of a secret one-line value", () => {
  it("masks each part of four characters or more, split on blanks, quotes, commas and semicolons", () => {
    const texts = secretValuesIn({ v: secret(`ops "mallory", vpn;0.0.0.0 'deploy-bot' ab`) });
    for (const part of ["mallory", "0.0.0.0", "deploy-bot"]) expect(maskSecrets(`"${part}"`, texts)).toBe(`"${MASK}"`);
    // Shorter parts would blank those letters wherever a message uses them.
    for (const part of ["ops", "vpn", "ab"]) expect(maskSecrets(`"${part}"`, texts)).toBe(`"${part}"`);
  });

  it("does not mask the words of a multi-line secret script, only its lines and value-like words", () => {
    const texts = secretValuesIn({ userData: secret("#!/bin/bash\nuseradd mallory\nsystemctl restart sshd\n") });
    expect(texts).toContain("useradd mallory");
    for (const word of ["mallory", "useradd", "systemctl", "restart"]) expect(texts).not.toContain(word);
  });

  it("does not mask the field names of a one-line JSON document given as a secret", () => {
    const texts = secretValuesIn({ policy: secret('{"Version": "1", "Statement": [{"Effect": "Allow"}]}') });
    for (const word of ["Version", "Statement", "Effect", "Allow"]) expect(texts).not.toContain(word);
  });

  it("a plain value's parts are not masked", () => {
    expect(secretValuesIn({ v: "10.0.0.0/8,mallory" })).toEqual([]);
  });
});
