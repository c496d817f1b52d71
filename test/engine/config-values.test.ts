// Config values as the CLI hands them to a program: exact int64s, objects as Go writes JSON, secure values only in
// the shape the CLI recognises (sdk/go/common/resource/config: isSecureValue, unmarshalObject).
import { SECRETS_ENV } from "../../engine/config";
import { cfgProject, configOf, refusalOf } from "./project-dir";

const standIns = (value: unknown) => ({ [SECRETS_ENV]: JSON.stringify(value) });
const NESTED = "config:\n  cfg:db:\n    user: admin\n    password:\n      secure: v1:c2FsdA==:Y2lwaGVy\n";

describe("config value encoding", () => {
  it("keeps integers past 2^53 exact, alone and inside objects and arrays", () => {
    const dir = cfgProject(
      "",
      "config:\n  cfg:bigId: 9007199254740993\n  cfg:nested:\n    id: 123456789012345678\n  cfg:ids: [9007199254740993, -9223372036854775808]\n",
    );
    const { values } = configOf(dir);
    expect(values["cfg:bigId"]).toBe("9007199254740993");
    expect(values["cfg:nested"]).toBe('{"id":123456789012345678}');
    expect(values["cfg:ids"]).toBe("[9007199254740993,-9223372036854775808]");
  });

  it("keeps a big project default exact", () => {
    const dir = cfgProject("config:\n  big:\n    type: integer\n    default: 9007199254740993\n", "config: {}\n");
    expect(configOf(dir).values["cfg:big"]).toBe("9007199254740993");
  });

  it("writes scalars as text and objects as Go writes JSON: sorted keys, HTML characters escaped", () => {
    const dir = cfgProject(
      "",
      'config:\n  cfg:num: 3.5\n  cfg:bool: true\n  cfg:quoted: "0755"\n  cfg:empty:\n  cfg:obj:\n    z: 1\n    a: [1, "two", true, 2.5]\n    html: "<a&b>"\n',
    );
    const { values } = configOf(dir);
    expect(values["cfg:num"]).toBe("3.5");
    expect(values["cfg:bool"]).toBe("true");
    expect(values["cfg:quoted"]).toBe("0755");
    expect(values["cfg:empty"]).toBe("null");
    expect(values["cfg:obj"]).toBe('{"a":[1,"two",true,2.5],"html":"\\u003ca\\u0026b\\u003e","z":1}');
    expect(JSON.parse(values["cfg:obj"]).html).toBe("<a&b>");
  });
});

describe("secure values", () => {
  it("treats only a one-key {secure: string} map as secure", () => {
    const dir = cfgProject(
      "",
      "config:\n  cfg:settings:\n    secure: true\n    port: 443\n  cfg:flag:\n    secure: 1\n",
    );
    const { values, secretKeys } = configOf(dir);
    expect(JSON.parse(values["cfg:settings"])).toEqual({ secure: true, port: 443 });
    expect(JSON.parse(values["cfg:flag"])).toEqual({ secure: 1 });
    expect(secretKeys).toEqual([]);
  });

  it("refuses an object holding a secure value without a stand-in, naming the whole key", () => {
    const message = refusalOf(cfgProject("", NESTED));
    expect(message).toContain("cannot be decrypted offline: cfg:db");
    expect(message).toContain(SECRETS_ENV);
    expect(message).toContain("whole decrypted object");
    expect(message).not.toContain("Y2lwaGVy");
  });

  it.each([
    ["JSON text", JSON.stringify({ user: "admin", password: "pw" })],
    ["a JSON object", { password: "pw", user: "admin" }],
  ])("takes the whole object's stand-in as %s and makes the key secret", (_, standIn) => {
    const { values, secretKeys } = configOf(cfgProject("", NESTED), "dev", standIns({ "cfg:db": standIn }));
    expect(values["cfg:db"]).toBe('{"password":"pw","user":"admin"}');
    expect(secretKeys).toEqual(["cfg:db"]);
  });

  it("finds secure values inside arrays too", () => {
    const dir = cfgProject("", "config:\n  cfg:keys:\n    - plain\n    - secure: v1:abc\n");
    expect(refusalOf(dir)).toContain("cannot be decrypted offline: cfg:keys");
    expect(configOf(dir, "dev", standIns({ "cfg:keys": ["plain", "k"] })).values["cfg:keys"]).toBe('["plain","k"]');
  });

  it("refuses a stand-in for an object that is not JSON, without quoting it", () => {
    const message = refusalOf(cfgProject("", NESTED), "dev", standIns({ "cfg:db": "hunter2" }));
    expect(message).toContain("the stand-in for cfg:db must be the whole decrypted object");
    expect(message).not.toContain("hunter2");
  });
});

describe(`${SECRETS_ENV}`, () => {
  const SECURE = "config:\n  cfg:pw:\n    secure: v1:abc\n";

  it("never echoes the variable's text when it is not JSON", () => {
    const message = refusalOf(cfgProject("", SECURE), "dev", { [SECRETS_ENV]: '{"cfg:pw": hunter2}' });
    expect(message).toContain(`${SECRETS_ENV} is not valid JSON`);
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("cfg:pw");
  });

  it.each([
    ["an array", '["hunter2"]'],
    ["a string", '"hunter2"'],
    ["null", "null"],
  ])("refuses %s where an object is expected", (_, text) => {
    const message = refusalOf(cfgProject("", SECURE), "dev", { [SECRETS_ENV]: text });
    expect(message).toContain("not an object");
    expect(message).not.toContain("hunter2");
  });

  it.each([
    ["an object", { value: "hunter2" }],
    ["a number", 1234],
    ["null", null],
  ])("refuses %s as the stand-in for a plain secure value", (_, standIn) => {
    const message = refusalOf(cfgProject("", SECURE), "dev", standIns({ "cfg:pw": standIn }));
    expect(message).toContain("the stand-in for cfg:pw must be a JSON string");
    expect(message).not.toContain("hunter2");
  });

  it("ignores stand-ins for keys that hold no secure value", () => {
    const dir = cfgProject("", "config:\n  cfg:plain: x\n");
    expect(configOf(dir, "dev", standIns({ "cfg:plain": "other", "cfg:unknown": "y" })).values).toEqual({
      "cfg:plain": "x",
    });
  });
});
