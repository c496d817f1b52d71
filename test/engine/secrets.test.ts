// The redactor: secret wrappers become a marker, known secret strings are cut from any text.
import { Redactor, SECRET_MARKER } from "../../engine/secrets";
import { gzipSync } from "zlib";
import { customRegistration } from "./registration-fixture";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

const registration = (inputs: Record<string, unknown>, additionalSecretOutputs?: string[]) =>
  customRegistration("t", inputs, additionalSecretOutputs ? { additionalSecretOutputs } : {});

describe("Redactor", () => {
  it("replaces secret values by the marker, keeping keys, and cuts their strings from other inputs", () => {
    const inputs = {
      password: secret("hunter2-pw"),
      nested: { list: [secret({ key: "k-123456" })] },
      note: "pw hunter2-pw",
    };
    const r = new Redactor().addRegistrations([registration(inputs)]);
    expect(r.value(inputs)).toEqual({
      password: SECRET_MARKER,
      nested: { list: [SECRET_MARKER] },
      note: `pw ${SECRET_MARKER}`,
    });
    expect(r.text("failed for k-123456 and hunter2-pw")).toBe(`failed for ${SECRET_MARKER} and ${SECRET_MARKER}`);
  });

  it("treats additionalSecretOutputs inputs as secret", () => {
    const inputs = { masterPassword: "plain-but-secret", engine: "aurora" };
    const r = new Redactor().addRegistrations([registration(inputs, ["masterPassword"])]);
    expect(r.value(inputs, ["masterPassword"])).toEqual({ masterPassword: SECRET_MARKER, engine: "aurora" });
    expect(r.text("pw=plain-but-secret")).toBe(`pw=${SECRET_MARKER}`);
  });

  it("knows secret config values, JSON objects included", () => {
    const r = Redactor.forConfig({
      values: { "p:db": "s3cr3t-db", "p:obj": '{"token":"tok-abcdef"}', "p:plain": "visible" },
      secretKeys: ["p:db", "p:obj"],
    });
    expect(r.text("s3cr3t-db tok-abcdef visible")).toBe(`${SECRET_MARKER} ${SECRET_MARKER} visible`);
  });

  it("does not search text for very short secrets, and escapes regex characters", () => {
    const r = new Redactor().addValues(["on", "a.b*c+d"]);
    expect(r.text("on and axbxc a.b*c+d")).toBe(`on and axbxc ${SECRET_MARKER}`);
  });
});

describe("Redactor on strings that are not values", () => {
  const r = () => new Redactor().addValues(["Tr0ub4dor-9x", "4321", 'quo"te\\pw']);

  it("cuts secrets from object keys at any depth, keeping the values", () => {
    expect(
      r().value({ tags: { "owner-Tr0ub4dor-9x": "team", 4321: "pin", nested: { "k-4321": { a: "b" } } } }),
    ).toEqual({
      tags: {
        [`owner-${SECRET_MARKER}`]: "team",
        [SECRET_MARKER]: "pin",
        nested: { [`k-${SECRET_MARKER}`]: { a: "b" } },
      },
    });
  });

  it("redacts equal URNs equally, so a parent still names its child's parent", () => {
    const urn = "urn:pulumi:s::p::my:Comp::tier-Tr0ub4dor-9x";
    const doc = r().value({ resources: [{ urn }, { parent: urn, dependencies: [urn] }] });
    expect(doc.resources[1].parent).toBe(doc.resources[0].urn);
    expect(doc.resources[1].dependencies).toEqual([doc.resources[0].urn]);
    expect(doc.resources[0].urn).toBe(`urn:pulumi:s::p::my:Comp::tier-${SECRET_MARKER}`);
  });

  it("keeps a __proto__ key an ordinary key", () => {
    const value = JSON.parse('{"__proto__": {"Tr0ub4dor-9x": 1}}');
    const out = r().value(value);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe(`{"__proto__":{"${SECRET_MARKER}":1}}`);
  });

  it("cuts a secret's JSON-escaped form, as the CLI's filter does", () => {
    expect(r().text(JSON.stringify({ pw: 'quo"te\\pw' }))).toBe(`{"pw":"${SECRET_MARKER}"}`);
  });

  it("cuts secrets of 3 characters and more, not shorter ones, and not true/false in any case", () => {
    const short = new Redactor().addValues(["abc", "Q7", "TRUE", "False"]);
    expect(short.text("xabcx Q7 TRUE true False")).toBe(`x${SECRET_MARKER}x Q7 TRUE true False`);
  });

  it("cuts a secret number's digits", () => {
    const reg = registration({ pin: secret(987654321) });
    expect(new Redactor().addRegistrations([reg]).text("the number is 987654321")).toBe(
      `the number is ${SECRET_MARKER}`,
    );
  });

  it("leaves already redacted text as it is, even when a secret is part of the marker", () => {
    const marker = new Redactor().addValues(["secret", "ecr"]);
    expect(marker.text(`a ${SECRET_MARKER} and secret`)).toBe(`a ${SECRET_MARKER} and ${SECRET_MARKER}`);
    expect(marker.value({ [`k-${SECRET_MARKER}`]: SECRET_MARKER })).toEqual({ [`k-${SECRET_MARKER}`]: SECRET_MARKER });
  });
});

// Scripts are data here: strings handed to the redactor, never run.
describe("Redactor and secret scripts", () => {
  const WEAKENING = "sed -i 's/^#PasswordAuthentication.*/PasswordAuthentication yes/' /etc/ssh/sshd_config";
  const TOKEN_LINE = "curl -H 'X-Token: zq7-UNIQUE-9x' https://build.internal/hook";
  const script = ["#!/bin/bash", "set -e", `  ${WEAKENING}  `, TOKEN_LINE, "fi"].join("\r\n");
  const base64 = (text: string) => Buffer.from(text).toString("base64");
  const gzipBase64 = (text: string) => gzipSync(text).toString("base64");
  const quoted = (line: string) => `userData enables SSH password authentication: "${line}" (step 2)`;

  it("cuts each long line of a multi-line secret from free text, trimmed, and keeps the finding around it", () => {
    const r = new Redactor().addRegistrations([registration({ userData: secret(script) })]);
    expect(r.text(quoted(WEAKENING))).toBe(quoted(SECRET_MARKER));
    expect(r.text(`token line: ${TOKEN_LINE}.`)).toBe(`token line: ${SECRET_MARKER}.`);
    expect(r.text(`whole: ${script}`)).toBe(`whole: ${SECRET_MARKER}`);
  });

  it.each([
    ["base64", base64(script)],
    ["gzip+base64", gzipBase64(script)],
    ["base64 wrapped at 76 columns", base64(script).replace(/.{76}/g, "$&\n")],
  ])("cuts the decoded lines and text of a %s secret script", (_, encoded) => {
    const r = new Redactor().addValues([encoded]);
    expect(r.text(quoted(WEAKENING))).toBe(quoted(SECRET_MARKER));
    expect(r.text(TOKEN_LINE)).toBe(SECRET_MARKER);
    expect(r.text(script)).toBe(SECRET_MARKER);
    expect(r.text(`raw ${encoded}`)).toBe(`raw ${SECRET_MARKER}`);
  });

  it("does not search for lines shorter than eight characters, nor for one-line values' decodings that are not text", () => {
    const r = new Redactor().addValues([["#!/bin/sh", "set -e", "fi", "  done  ", WEAKENING].join("\n"), "c2VjcmV0"]);
    expect(r.text("set -e; fi; done")).toBe("set -e; fi; done");
    expect(r.text("#!/bin/sh")).toBe(SECRET_MARKER);
    // "c2VjcmV0" is base64 of "secret": a word, not text with lines; the value itself is still cut.
    expect(r.text("secret c2VjcmV0")).toBe(`secret ${SECRET_MARKER}`);
  });

  it("leaves the lines of a script that is not secret alone, even when another input is", () => {
    const inputs = { userData: script, userDataBase64: base64(script), password: secret("hunter2-pw") };
    const r = new Redactor().addRegistrations([registration(inputs)]);
    expect(r.text(quoted(WEAKENING))).toBe(quoted(WEAKENING));
    expect(r.value(inputs)).toEqual({ ...inputs, password: SECRET_MARKER });
  });

  it("caps the lines one secret adds, and still cuts a script too long for one regex whole", () => {
    // 5,000 lines of some 25 characters: the whole value is far past what a V8 alternation may hold.
    const lines = Array.from({ length: 5_000 }, (_, i) => `echo step ${i} of the build`);
    const whole = lines.join("\n");
    const r = new Redactor().addValues([whole]);
    expect(r.text(`quoted: ${lines[10]}.`)).toBe(`quoted: ${SECRET_MARKER}.`);
    expect(r.text(lines[4_999])).toBe(lines[4_999]);
    expect(r.text(`before ${whole} after ${lines[3]}`)).toBe(`before ${SECRET_MARKER} after ${SECRET_MARKER}`);
  });
});

describe("Redactor on the engine's own records", () => {
  const FIELD_NAMES = ["message", "urn", "name", "type", "parent", "severity", "inputs"];
  const r = () => new Redactor().addValues(FIELD_NAMES);
  const log = { severity: "warning", message: "the message is of a type", urn: "urn:pulumi:s::p::t::name" };

  it("keeps every field name that equals a secret, cutting the secret from the values", () => {
    expect(r().fields(log)).toEqual({
      severity: "warning",
      message: `the ${SECRET_MARKER} is of a ${SECRET_MARKER}`,
      urn: `${SECRET_MARKER}:pulumi:s::p::t::${SECRET_MARKER}`,
    });
    expect(
      r()
        .fields([log])
        .map((l) => Object.keys(l)),
    ).toEqual([["severity", "message", "urn"]]);
  });

  it("keeps nested field names and array items of a record, and marks secret wrappers", () => {
    const record = { inputs: { parent: "a parent", list: ["type", 1] }, pw: secret("x") };
    expect(r().fields(record)).toEqual({
      inputs: { parent: `a ${SECRET_MARKER}`, list: [SECRET_MARKER, 1] },
      pw: SECRET_MARKER,
    });
  });

  it("still cuts the same secrets from the keys of user data", () => {
    expect(r().value({ message: "m", "name-tag": "urn" })).toEqual({
      [SECRET_MARKER]: "m",
      [`${SECRET_MARKER}-tag`]: SECRET_MARKER,
    });
  });
});

describe("Redactor on keys that differ only by a secret", () => {
  const r = () => new Redactor().addValues(["alpha", "bravo", "charlie"]);

  it("keeps every entry, numbering the second and later", () => {
    expect(r().value({ "owner-alpha": "team-1", "owner-bravo": "team-2" })).toEqual({
      [`owner-${SECRET_MARKER}`]: "team-1",
      [`owner-${SECRET_MARKER}#2`]: "team-2",
    });
  });

  it("numbers by the sorted original keys, whatever order the program built them in", () => {
    const forward = r().value({ "owner-alpha": 1, "owner-bravo": 2, "owner-charlie": 3 });
    const backward = r().value({ "owner-charlie": 3, "owner-bravo": 2, "owner-alpha": 1 });
    expect(backward).toEqual(forward);
    expect(forward).toEqual({
      [`owner-${SECRET_MARKER}`]: 1,
      [`owner-${SECRET_MARKER}#2`]: 2,
      [`owner-${SECRET_MARKER}#3`]: 3,
    });
  });

  it("leaves a key the redaction does not change as it is, numbering past the keys already taken", () => {
    const value = { [`owner-${SECRET_MARKER}`]: "kept", "owner-alpha": "a", [`owner-${SECRET_MARKER}#2`]: "kept-2" };
    expect(r().value(value)).toEqual({
      [`owner-${SECRET_MARKER}`]: "kept",
      [`owner-${SECRET_MARKER}#3`]: "a",
      [`owner-${SECRET_MARKER}#2`]: "kept-2",
    });
  });

  it("redacts a redacted map again to itself", () => {
    const once = r().value({ tags: { "owner-alpha": "1", "owner-bravo": "2", plain: "3" } });
    expect(r().value(once)).toEqual(once);
  });

  it("keeps distinct keys apart in nested maps and leaves keys of engine records alone", () => {
    expect(r().value({ nested: { "alpha-x": 1, "bravo-x": 2 } })).toEqual({
      nested: { [`${SECRET_MARKER}-x`]: 1, [`${SECRET_MARKER}-x#2`]: 2 },
    });
    expect(r().fields({ "alpha-x": 1, "bravo-x": 2 })).toEqual({ "alpha-x": 1, "bravo-x": 2 });
  });
});

describe("Redactor with nothing secret", () => {
  const plain = { tags: { Name: "web" }, ports: [22, 443], nested: [{ cidr: "10.0.0.0/8" }] };

  it("returns user data and records as they are when no secret is known and none is wrapped", () => {
    const r = new Redactor();
    expect(r.value(plain)).toBe(plain);
    expect(r.fields(plain)).toBe(plain);
  });

  it.each([
    ["at the top", { password: secret("pw-123456") }, { password: SECRET_MARKER }],
    ["in an array in a map", { a: { b: [1, secret("x")] } }, { a: { b: [1, SECRET_MARKER] } }],
    ["as an array item", [secret(7)], [SECRET_MARKER]],
  ])("still replaces a secret wrapper %s, though no secret string is known", (_where, value, expected) => {
    expect(new Redactor().value(value)).toEqual(expected);
    expect(new Redactor().fields(value)).toEqual(expected);
  });

  it("still marks the inputs named in additionalSecretOutputs", () => {
    expect(new Redactor().value({ token: "t-1", name: "n" }, ["token"])).toEqual({ token: SECRET_MARKER, name: "n" });
  });

  it("copies once a secret is known, cutting it from plain data", () => {
    const r = new Redactor().addValues(["web"]);
    expect(r.value(plain)).toEqual({ ...plain, tags: { Name: SECRET_MARKER } });
    expect(plain.tags.Name).toBe("web");
  });
});
