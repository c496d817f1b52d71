// The redactor on the forms of a secret the audit found printed: the start of a secret where a quoted line was cut,
// keys of a secret map, numbers spelled as a secret, a multi-line secret joined onto one line, and encoded copies;
// and the invoke errors the monitor sends a program, without its arguments. Ordinary text stays as it is.
import { withoutArguments } from "../../engine/monitor";
import { Redactor, SECRET_MARKER } from "../../engine/secrets";
import { MAX_QUOTED_LINE } from "../../lib/secret-script-pieces";
import { customRegistration } from "./registration-fixture";
import { secret } from "./secret-output-scan";

/** A policy message quoting `line` as the pack does: its first MAX_QUOTED_LINE characters, in double quotes. */
const quoting = (line: string) => `userData permits root login: "${line.slice(0, MAX_QUOTED_LINE)}" — breaks step 2`;
const PRE = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config; curl -fsS -H 'X-Api-Key: ";
/** A script line whose cut at MAX_QUOTED_LINE falls `shown` characters into `token`. */
const cutInside = (token: string, shown: number) =>
  `${PRE}${"z".repeat(MAX_QUOTED_LINE - PRE.length - shown)}${token}' https://example.com/register`;

describe("the start of a secret where a quoted line was cut", () => {
  const token = "ParamZulu21ParamZulu21";
  const r = () => new Redactor().addRegistrations([customRegistration("t", { parameters: { token: secret(token) } })]);

  it.each([4, 8, 21])("cuts the secret's first %i characters before the closing quote", (shown) => {
    const message = quoting(cutInside(token, shown));
    expect(message).toContain(`${token.slice(0, shown)}"`);
    const printed = r().text(message);
    expect(printed).not.toContain(token.slice(0, shown));
    expect(printed).toContain(`zzz${SECRET_MARKER}" — breaks step 2`);
  });

  it("leaves fewer than four characters, a line that was not cut, and other quotes as they are", () => {
    const three = quoting(cutInside(token, 3));
    expect(r().text(three)).toBe(three);
    const short = `userData sets: "curl -H 'X-Api-Key: Param" and "Param"`;
    expect(r().text(short)).toBe(short);
    // A cut line ending in ordinary text.
    const ordinary = quoting(`${PRE}${"z".repeat(200)}`);
    expect(r().text(ordinary)).toBe(ordinary);
  });
});

describe("keys of a secret map", () => {
  const r = () =>
    new Redactor().addRegistrations([
      customRegistration("t", {
        tags: secret({ TagKeyDelta94: "tagvalue-Echo95x", "web-01": "x", password: "hunter2-pw", userName: "u-1x" }),
      }),
    ]);

  it("cuts keys that are data (digits, hyphens, capitals) wherever they appear", () => {
    expect(r().text("urn:pulumi:s::p::aws:s3/bucket:Bucket::bk-TagKeyDelta94")).toBe(
      `urn:pulumi:s::p::aws:s3/bucket:Bucket::bk-${SECRET_MARKER}`,
    );
    expect(r().text("host web-01 down")).toBe(`host ${SECRET_MARKER} down`);
  });

  it("keeps keys that read as field names, so messages keep their words", () => {
    expect(r().text("sets a login password for userName")).toBe("sets a login password for userName");
  });
});

describe("numbers spelled as a secret", () => {
  const r = () => new Redactor().addValues(["98765", "22", 424242]);

  it("cuts a number whose digits are a secret of three or more characters", () => {
    expect(r().value({ fromPort: 98765, n: 424242, list: [98765] })).toEqual({
      fromPort: SECRET_MARKER,
      n: SECRET_MARKER,
      list: [SECRET_MARKER],
    });
  });

  it("leaves other numbers, and a number equal to a shorter secret (22), as they are", () => {
    expect(r().value({ fromPort: 22, toPort: 443, count: 9876 })).toEqual({ fromPort: 22, toPort: 443, count: 9876 });
  });

  it("leaves the numbers of the engine's own records (a source line) as they are", () => {
    expect(r().fields({ sourcePosition: { line: 98765, column: 3 } })).toEqual({
      sourcePosition: { line: 98765, column: 3 },
    });
  });
});

describe("a multi-line secret joined onto one line", () => {
  const r = () => new Redactor().addValues(["Sierra\nTango16\nUni"]);

  it("is cut as error paragraphs (' ') and pack stderr excerpts (' | ') join it", () => {
    expect(r().text("cannot parse key: Sierra Tango16 Uni]")).toBe(`cannot parse key: ${SECRET_MARKER}]`);
    expect(r().text("pack stderr: Sierra | Tango16 | Uni | at x")).toBe(`pack stderr: ${SECRET_MARKER} | at x`);
  });

  it("leaves its lines alone, as short lines are", () => {
    expect(r().text("Sierra wins; Tango16 loses")).toBe("Sierra wins; Tango16 loses");
  });
});

describe("encoded copies of a secret", () => {
  const pw = "CarelessUniform21";
  const r = () => new Redactor().addValues([pw, "Pa\"ss'w@rd/Quebec#15", "abcdefg"]);

  it.each(["", "x", "xy"])("cuts its base64 inside a larger base64 text (prefix %j)", (prefix) => {
    const encoded = Buffer.from(`#!/bin/bash\n${prefix}echo 'root:${pw}' | chpasswd\n`).toString("base64");
    const printed = r().text(encoded);
    expect(printed).toContain(SECRET_MARKER);
    expect(Buffer.from(printed.replace(SECRET_MARKER, ""), "base64").toString("latin1")).not.toContain(pw.slice(2, -2));
  });

  it("cuts its URL-encoded and doubly JSON-escaped forms", () => {
    const secretText = "Pa\"ss'w@rd/Quebec#15";
    const url = `postgres://app:${encodeURIComponent(secretText)}@db/app`;
    expect(r().text(url)).toBe(`postgres://app:${SECRET_MARKER}@db/app`);
    const doubly = JSON.stringify({ doc: JSON.stringify({ pw: secretText }) });
    expect(r().text(doubly)).not.toContain("Quebec");
  });

  it("does not search a short secret's base64, nor cut ordinary base64", () => {
    const ordinary = Buffer.from("abcdefg and more text").toString("base64");
    expect(r().text(ordinary)).toBe(ordinary);
  });
});

describe("an invoke's refusal as the monitor sends it", () => {
  const token = "aws:ssm/getParameter:getParameter";

  it("leaves out every argument the handler quoted, keeping the token", () => {
    const message = `${token} name "/app/InvokeSecretJuliet10": only public /aws/service/... parameters`;
    const sent = withoutArguments(message, token, { name: "/app/InvokeSecretJuliet10" });
    expect(sent).not.toContain("InvokeSecretJuliet10");
    expect(sent).toContain(`${token} name "[argument]": only public`);
  });

  it("leaves a message quoting no argument, and the token, as they are", () => {
    expect(withoutArguments(`${token}: no`, token, { region: "ssm" })).toBe(`${token}: no`);
  });
});
