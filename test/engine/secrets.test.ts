// The redactor: secret wrappers become a marker, known secret strings are cut from any text.
import { Redactor, SECRET_MARKER } from "../../engine/secrets";
import type { Registration } from "../../engine/model";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

function registration(inputs: Record<string, unknown>, additionalSecretOutputs?: string[]): Registration {
  return {
    urn: "urn:pulumi:s::p::t::n",
    type: "t",
    name: "n",
    parent: "",
    inputs,
    dependencies: [],
    propertyDependencies: {},
    options: additionalSecretOutputs ? { additionalSecretOutputs } : {},
    custom: true,
    provider: "",
    providers: {},
    aliases: [],
    version: "",
    read: false,
  };
}

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
