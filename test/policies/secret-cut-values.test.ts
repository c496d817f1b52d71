// A value the pack cuts short for a message (text-values.ts `shown` at 57 characters with "...", a whitelist entry at
// 80 with "…") shows a secret's first letters when the cut falls inside it: maskSecrets masks a secret's start of 4
// characters or more right before a cut marker, and leaves other text and short starts as they are.
import { maskSecrets, wholeToken } from "../../policies/lib/secret-values";
import { shown } from "../../policies/lib/text-values";

const SECRET = "img-registry.internal/ops/base-9f3c2a7b1d5e4f60a8b7c6d5e4f3a2b1";

describe("a secret's start before a cut marker", () => {
  it("is masked where shown() cuts a secret value at 57 characters", () => {
    const message = `imageName ${shown(`${"x".repeat(30)}${SECRET}`)} logs in with a password`;
    expect(message).toContain(SECRET.slice(0, 20));
    const masked = maskSecrets(message, [SECRET]);
    expect(masked).toBe(`imageName "${"x".repeat(30)}[secret]... logs in with a password`);
  });

  it("is masked before an ellipsis inside a quoted entry", () => {
    const entry = `${"10.0.0.0/8,".repeat(5)}${SECRET}`;
    const message = `securityIps ${JSON.stringify(`${entry.slice(0, 80)}…`)} is open`;
    expect(maskSecrets(message, [SECRET])).toBe(`securityIps "${entry.slice(0, 55)}[secret]…" is open`);
  });

  it.each<[string, string, string]>([
    ["three letters of it", `x ${SECRET.slice(0, 3)}... y`, `x ${SECRET.slice(0, 3)}... y`],
    ["its start with no marker after it", `x ${SECRET.slice(0, 30)} y`, `x ${SECRET.slice(0, 30)} y`],
    ["other text before a marker", "see the docs... then retry…", "see the docs... then retry…"],
    ["the whole secret before a marker, masked as a whole", `x ${SECRET}...`, "x [secret]..."],
  ])("leaves %s as it is", (_label, text, expected) => expect(maskSecrets(text, [SECRET])).toBe(expected));

  it("does not mask a whole-token secret's start", () => {
    expect(maskSecrets("role deploy-b...", [wholeToken("deploy-bot")])).toBe("role deploy-b...");
  });
});
