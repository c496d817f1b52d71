// Which texts of a decoded request count as secret (policies/lib/secret-values.ts), and how a message masks them.
import { maskSecrets, rememberSecrets, secretsOf, secretUnion, secretValuesIn } from "../../policies/lib/secret-values";
import { UNKNOWN } from "../../lib/values";
import { secret } from "./secret-wire";

describe("secretValuesIn: the texts inside secret envelopes", () => {
  it("a Struct without a secret gives the one shared empty list (nothing allocated, nothing remembered)", () => {
    const none = secretValuesIn({ a: 1, b: [{ c: "0.0.0.0/0" }], d: null, e: true });
    expect(none).toEqual([]);
    expect(secretValuesIn({ other: "x" })).toBe(none);
  });

  it("envelopes at any depth, in lists and objects, and nested in one another", () => {
    const js = {
      top: secret("S3cretPassw0rd"),
      list: ["plain-value", secret("in-a-list")],
      deep: { a: { b: secret({ c: "inside-an-object", d: [secret("nested-secret")] }) } },
    };
    expect([...secretValuesIn(js)].sort()).toEqual(
      ["S3cretPassw0rd", "in-a-list", "inside-an-object", "nested-secret"].sort(),
    );
  });

  it("numbers of four digits or more; never booleans, null, unknowns, short texts or keys", () => {
    const js = secret({ port: 3389, small: 22, flag: true, none: null, later: UNKNOWN, proto: "tcp", keyName: "ok" });
    expect(secretValuesIn(js)).toEqual(["3389"]);
  });

  it("a secret document adds its value-like words (a digit or a sign, eight characters or more)", () => {
    const body = JSON.stringify({ Resources: { Evidence: { Properties: { BucketName: "acme-audit-7731" } } } });
    const found = secretValuesIn({ templateBody: secret(body) });
    expect(found).toEqual([body, "acme-audit-7731"]);
    // Letters-only words are the document's own names and ordinary words, which messages use too.
    expect(found).not.toContain("Evidence");
    expect(found).not.toContain("BucketName");
  });
});

describe("maskSecrets", () => {
  it("every occurrence becomes [secret]; text without a secret is returned as is", () => {
    expect(maskSecrets('to "47.100.0.0/16" and 47.100.0.0/16', ["47.100.0.0/16"])).toBe('to "[secret]" and [secret]');
    const text = "nothing here";
    expect(maskSecrets(text, ["absent"])).toBe(text);
    expect(maskSecrets(text, [])).toBe(text);
  });

  it("overlapping secrets are covered whole, whatever their order (longest first)", () => {
    expect(maskSecrets("db acme-prod-db-7 up", ["prod-db-7", "acme-prod"])).toBe("db [secret] up");
    expect(maskSecrets("db acme-prod-db-7 up", ["acme-prod-db-7", "prod"])).toBe("db [secret] up");
  });

  it("a secret is never matched inside a mask already written", () => {
    expect(maskSecrets("pw S3cretPassw0rd", ["S3cretPassw0rd", "secret"])).toBe("pw [secret]");
  });
});

describe("secrets remembered per props object", () => {
  it("none for an object never seen; merged when remembered twice", () => {
    const props = {};
    expect(secretsOf(props)).toEqual([]);
    rememberSecrets(props, ["first-secret"]);
    rememberSecrets(props, ["second-secret", "first-secret"]);
    expect(secretsOf(props)).toEqual(["first-secret", "second-secret"]);
    expect(secretUnion(secretsOf(props), [], ["third-secret"])).toEqual([
      "first-secret",
      "second-secret",
      "third-secret",
    ]);
  });
});
