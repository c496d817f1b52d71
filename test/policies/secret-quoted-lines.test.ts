// The script lines the boot-script rule quotes, when the resource holds secrets (policies/lib/report-findings.ts,
// quotedLineShown in policies/lib/secret-values.ts): a line is masked whole before it is cut to the quoted length, so
// a secret straddling the cut shows none of its letters; a line that is part of a secret value is shown as
// "[secret]", not only with what the reader masks in it; lines no secret touches read as before; the keys of a secret
// map that look like values are masked where a message names them. Through the SDK's own handlers with the pack's
// decode hook.
import * as path from "path";
import { analyzeThroughHandler } from "./analyze-handler";
import { Diagnostic } from "./harness";
import { analyzeStackRequest } from "../../bench/synthetic/analyzer-requests";
import { InProcessPack } from "../../bench/synthetic/in-process-pack";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";
import { MAX_QUOTED_LINE } from "../../policies/lib/script-findings";
import { maskSecrets, SECRET_LINE, secretValuesIn, wholeToken } from "../../policies/lib/secret-values";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { T, vpcWithSubnets } from "../reachability/aws-fixtures";
import { ref, StackBuilder } from "../reachability/stack-builder";
import { secret } from "./secret-wire";

const EC2 = "aws:ec2/instance:Instance";
const EFLO = "alicloud:eflo/invocation:Invocation";
const LOGIN_RULE = "disallow-userdata-login-weakening";
const MASK = "[secret]";

/** What the boot-script rule says after its description, without the case step the finding breaks. */
const findings = (ds: Diagnostic[]) =>
  ds
    .filter((d) => d.policy === LOGIN_RULE)
    .map((d) => d.message.slice(d.message.indexOf("\n") + 1).replace(/ — breaks case step .*$/, ""));
const loginFindings = async (type: string, props: Record<string, unknown>) =>
  findings(await analyzeThroughHandler(type, "res", props));

const ROOT_LOGIN = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config; curl -fsS -H 'X-Api-Key: ";
/** A root-login line whose `{{token}}` starts `before` characters ahead of the quoted length. */
const lineWithTokenAt = (before: number) =>
  `${ROOT_LOGIN}${"z".repeat(MAX_QUOTED_LINE - ROOT_LOGIN.length - before)}{{token}}' https://example.com/register`;
const invocation = (line: string, token: unknown) => ({
  commandContent: `#!/bin/bash\n${line}\n`,
  parameters: { token },
  nodeIds: ["n-1"],
});
/** Every start of `value` this long or longer. */
const startsOf = (value: string, shortest: number) =>
  Array.from({ length: value.length - shortest + 1 }, (_, i) => value.slice(0, shortest + i));

describe("a secret straddling the quoted length", () => {
  const token = "ParamZulu21ParamZulu21";

  // The line is cut once masked: the mask, shorter than the value, leaves room for more of the line after it, and
  // a mask the cut would split is kept whole.
  it.each([
    [1, `z${MASK}"`],
    [8, `z${MASK}"`],
    [21, `z${MASK}' https://exa"`],
  ])("shows none of its letters when it starts %i characters before the cut", async (before, end) => {
    const [message, ...rest] = await loginFindings(EFLO, invocation(lineWithTokenAt(before), secret(token)));
    expect(rest).toEqual([]);
    expect(message).toMatch(/^commandContent permits root login: "echo 'PermitRootLogin yes'/);
    for (const start of startsOf(token, 4)) expect(message).not.toContain(start);
    expect(message.endsWith(end)).toBe(true);
  });

  it("the same line with the value plain is cut at the quoted length as before", async () => {
    const line = lineWithTokenAt(8).replace("{{token}}", token);
    const [message] = await loginFindings(EFLO, invocation(lineWithTokenAt(8), token));
    expect(message).toContain(`"${line.slice(0, MAX_QUOTED_LINE)}"`);
  });

  it("a secret wholly past the cut leaves the message as the plain value gives it", async () => {
    const late = lineWithTokenAt(-10);
    const [plain] = await loginFindings(EFLO, invocation(late, token));
    const [masked] = await loginFindings(EFLO, invocation(late, secret(token)));
    expect(masked).toBe(plain);
    expect(masked).not.toContain("Param");
  });
});

describe("a line that is part of a secret value", () => {
  const script =
    "#!/bin/bash\necho 'root:Pw1xyzAB' | chpasswd; export API_KEY=Sh0rtK; export DBPASS=hunterpass\nPermitRootLogin yes\n";

  it("is masked whole when the whole user data is a secret (its password masked by the reader)", async () => {
    const messages = await loginFindings(EC2, { ami: "a", instanceType: "t3.micro", userData: secret(script) });
    expect(messages).toContain(`userData sets a login password: ${SECRET_LINE}`);
    for (const m of messages)
      for (const word of ["Sh0rtK", "Pw1xyzAB", "hunterpass", "API_KEY"]) expect(m).not.toContain(word);
  });

  it("is masked whole when the secret user data is base64", async () => {
    const userData = secret(Buffer.from(script).toString("base64"));
    const messages = await loginFindings(EC2, { ami: "a", instanceType: "t3.micro", userData });
    expect(messages).toContain(`userData sets a login password: ${SECRET_LINE}`);
    for (const m of messages) expect(m).not.toContain("Sh0rtK");
  });

  it("keeps the findings and their kinds: only the quote changes", async () => {
    const plain = await loginFindings(EC2, { ami: "a", instanceType: "t3.micro", userData: script });
    const masked = await loginFindings(EC2, { ami: "a", instanceType: "t3.micro", userData: secret(script) });
    const kinds = (ms: string[]) => ms.map((m) => m.slice(0, m.indexOf(":")));
    expect(kinds(masked)).toEqual(kinds(plain));
    expect(plain.some((m) => m.includes("Sh0rtK"))).toBe(true);
  });

  it("is masked whole when a secret parameter is the whole line, the password the reader masks included", async () => {
    const [message] = await loginFindings(EFLO, {
      commandContent: "#!/bin/bash\n{{token}}\n",
      parameters: { token: secret("echo 'root:Pw1xyzAB' | chpasswd; export API_KEY=Sh0rtK") },
      nodeIds: ["n-1"],
    });
    expect(message).toBe(`commandContent sets a login password: ${SECRET_LINE}`);
  });
});

describe("lines no secret holds", () => {
  const props = { ami: "a", instanceType: "t3.micro" };
  const long = `${ROOT_LOGIN}${"y".repeat(150)}' https://example.com/register`;

  it("a plain line holding a short secret of the resource elsewhere is quoted with only that secret masked", async () => {
    const line = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config # owner Kq7Zr2Lw";
    const messages = await loginFindings(EC2, {
      ...props,
      userData: `#!/bin/bash\n${line}\n`,
      tags: { Owner: secret("Kq7Zr2Lw") },
    });
    expect(messages).toEqual([`userData permits root login: "${line.replace("Kq7Zr2Lw", MASK)}"`]);
  });

  it.each([
    ["a short line", "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config"],
    ["a line past the quoted length", long],
    ["a line setting a password", "echo 'root:Pw1xyzAB' | chpasswd"],
  ])("%s reads as it does without secrets on the resource", async (_, line) => {
    const userData = `#!/bin/bash\n${line}\n`;
    const plain = await loginFindings(EC2, { ...props, userData });
    const withSecrets = await loginFindings(EC2, { ...props, userData, tags: { Owner: secret("Kq7Zr2Lw-unrelated") } });
    expect(plain.length).toBeGreaterThan(0);
    expect(withSecrets).toEqual(plain);
    expect(plain.every((m) => !m.includes(SECRET_LINE))).toBe(true);
  });

  it("a long plain line is still cut at the quoted length", async () => {
    const [message] = await loginFindings(EC2, { ...props, userData: `#!/bin/bash\n${long}\n` });
    expect(message).toBe(`userData permits root login: "${long.slice(0, MAX_QUOTED_LINE)}"`);
  });
});

describe("the keys of a secret map", () => {
  const BARE = "hardening:allowed-cidrs";
  const UNREAD = `${BARE}-x9Kq7Zr2`;
  const sdk = loadPolicySdk(path.join(__dirname, "../.."));

  /** A bastion host tagged `tags` and its security group opening SSH to an address off its allow-list. */
  async function bastionMessages(tags: unknown): Promise<string[]> {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = b.add(T.sg, "bastion", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["198.51.100.7/32"] }],
    });
    b.add(T.instance, "jump", {
      subnetId: ref(v.publicSubnet),
      vpcSecurityGroupIds: [ref(sg)],
      associatePublicIpAddress: true,
      tags,
    });
    const sent = b.resources.map((r) => ({ ...r, props: r.inputs }));
    const pack = new InProcessPack(sdk, "secret-keys", [disallowInternetAdminPortsExceptBastions]);
    return (await pack.analyzeStack(analyzeStackRequest(sdk.messages, sent))).diagnostics.map((d) => d.message);
  }
  const tags = { "hardening:role": "bastion", [BARE]: "203.0.113.0/24", [UNREAD]: "198.51.100.8/32" };

  it("an unread allow-list key of a secret tag map is masked where the bastion rule names it", async () => {
    const plain = await bastionMessages(tags);
    expect(plain.some((m) => m.includes(`; ${UNREAD} is not read: keys are ${BARE}, -2`))).toBe(true);
    const masked = await bastionMessages(secret(tags));
    expect(masked).toHaveLength(plain.length);
    for (const m of masked) expect(m).not.toContain("x9Kq7Zr2");
    // The kit's own keys, which the rule names in its wording, are left readable.
    expect(masked.some((m) => m.includes(`; [secret] is not read: keys are ${BARE}, -2`))).toBe(true);
  });

  it("a key that looks like a value is masked as a whole token", () => {
    const secrets = secretValuesIn({ tags: secret({ TagKeyDelta94: "x" }) });
    expect(secrets).toContain(wholeToken("TagKeyDelta94"));
    expect(maskSecrets("tag TagKeyDelta94 is set; TagKeyDelta94x stays", secrets)).toBe(
      "tag [secret] is set; TagKeyDelta94x stays",
    );
  });

  it.each([
    ["a field name of letters only", { metadataOptions: secret({ httpTokens: "required" }) }, "httpTokens is unset"],
    [
      "the kit's own tag keys",
      { tags: secret({ "hardening:role": "x", [BARE]: "y" }) },
      `its ${BARE} tag; hardening:role`,
    ],
    ["keys of a plain map", { tags: { TagKeyDelta94: secret("x") } }, "tag TagKeyDelta94 is set"],
  ])("%s stays readable", (_, props, text) => {
    expect(maskSecrets(text, secretValuesIn(props))).toBe(text);
  });
});

describe("a Windows script line quoting a secret across the cut", () => {
  const token = "WinTokenQuebec42WinToken";
  const head = "Add-Content C:\\ProgramData\\ssh\\administrators_authorized_keys 'ssh-ed25519 AAAA";
  /** A keys line whose token starts `before` characters ahead of the quoted length. */
  const line = (before: number) => `${head}${"z".repeat(MAX_QUOTED_LINE - head.length - before)}${token} ops'`;
  const instance = (before: number, tag: unknown) => ({
    userData: `<powershell>\n${line(before)}\n</powershell>`,
    tags: { deployToken: tag },
  });

  it.each([1, 8, 20])("shows none of its letters when it starts %i characters before the cut", async (before) => {
    const [message, ...rest] = await loginFindings(EC2, instance(before, secret(token)));
    expect(rest).toEqual([]);
    expect(message).toMatch(/^userData writes an administrator's authorized_keys: "Add-Content/);
    for (const start of startsOf(token, 4)) expect(message).not.toContain(start);
  });

  it("with the token plain, the line is cut at the quoted length as before", async () => {
    const [message] = await loginFindings(EC2, instance(8, token));
    expect(message).toContain(`"${line(8).slice(0, MAX_QUOTED_LINE)}"`);
  });
});
