// A pack that never answers (a policy blocking its process, or awaiting a promise that never settles) fails the
// preview after `--policy-timeout` with a reason naming the resource, instead of holding it until the job's limit.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_CALL_TIMEOUT_MS, startPolicyPack, type PolicyHost } from "../../engine/policy-host";
import { alsoUnanswered, DEFAULT_POLICY_TIMEOUT_SECONDS, policyTimeoutSeconds } from "../../engine/policy-timeout";
import { FIXTURES, PROJECT, runCli, urnOf } from "./helpers";

const STALLING = path.join(FIXTURES, "stalling-pack");
const resource = (type: string, name: string) => ({ urn: urnOf(type, name), type, name, inputs: {} });
const SUBNET = resource("aws:ec2/subnet:Subnet", "s");
const VPC = resource("aws:ec2/vpc:Vpc", "v");
const STUCK = /^no answer within 1 s: a policy of the pack may be stuck .*--policy-timeout SECONDS$/;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

describe("a pack stuck on a resource", () => {
  let host: PolicyHost | undefined;
  afterEach(() => host?.close());

  it("that blocks its process: the call fails past the deadline, and closing the host stops the process", async () => {
    host = await startPolicyPack(STALLING, { config: { "stuck-on-subnets": { how: "block" } }, callTimeoutMs: 1000 });
    await expect(host.analyze(VPC)).resolves.toEqual([]);
    await expect(host.analyze(SUBNET)).rejects.toMatchObject({ code: 4, details: expect.stringMatching(STUCK) });
    const pid = host.pid;
    host.close();
    expect(await gone(pid)).toBe(true);
  });

  it("that awaits forever: only that call fails, the pack answers the next", async () => {
    host = await startPolicyPack(STALLING, { config: { "stuck-on-subnets": { how: "await" } }, callTimeoutMs: 1000 });
    await expect(host.analyze(SUBNET)).rejects.toMatchObject({ code: 4, details: expect.stringMatching(STUCK) });
    await expect(host.analyze(VPC)).resolves.toEqual([]);
  });

  it("is waited for as long as the default allows when no timeout is given", async () => {
    host = await startPolicyPack(STALLING, { config: { "stuck-on-subnets": { how: "none" } } });
    await expect(host.analyze(SUBNET)).resolves.toEqual([]);
    expect(DEFAULT_CALL_TIMEOUT_MS).toBe(DEFAULT_POLICY_TIMEOUT_SECONDS * 1000);
    expect(DEFAULT_POLICY_TIMEOUT_SECONDS).toBe(300);
  });
});

describe("preview --policy-timeout", () => {
  const cli = (...args: string[]) => runCli(["--cwd", PROJECT, "--stack", "dev", "--policy-pack", STALLING, ...args]);

  it("fails the preview with exit 2, naming the resources the pack left unanswered", async () => {
    const { code, stderr } = await cli("--policy-timeout", "1");
    expect(code).toBe(2);
    // The pack interleaves its calls: the subnet's blocks every call in flight, the first sent times out first.
    expect(stderr).toMatch(
      /policy pack stalling-fixture failed while analyzing urn:\S+: no answer within 1 s: a policy of the pack may be stuck/,
    );
    // Named, or counted past the first five in flight (how many the pack answered before it blocked varies).
    const subnet = urnOf("aws:ec2/subnet:Subnet", "net-subnet");
    expect(stderr.includes(subnet) || / in flight with it: (urn:\S+, ){4}urn:\S+ and \d+ more\)/.test(stderr)).toBe(
      true,
    );
  });

  it("fails the preview when the stack policies never answer", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stuck-pack-"));
    const config = path.join(dir, "config.json");
    fs.writeFileSync(
      config,
      JSON.stringify({ "stuck-on-subnets": { how: "none" }, "stuck-on-the-stack": { stall: true } }),
    );
    try {
      const { code, stderr } = await cli("--policy-timeout", "1", "--policy-pack-config", config);
      expect(code).toBe(2);
      expect(stderr).toContain("policy pack stalling-fixture failed in its stack policies: no answer within 1 s");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["0", '"0" is not a number of seconds above 0'],
    ["-5", '"-5" is not a number of seconds above 0'],
    ["soon", '"soon" is not a number of seconds above 0'],
    ["86401", '"86401" seconds is more than a day: give at most 86400'],
  ])("refuses %s before anything runs", async (value, message) => {
    const { code, stderr } = await cli("--policy-timeout", value);
    expect(code).toBe(2);
    expect(stderr).toContain("--policy-timeout");
    expect(stderr).toContain(message);
  });
});

describe("the timeout's spelling", () => {
  it.each([
    ["600", { seconds: 600 }],
    ["0.5", { seconds: 0.5 }],
    ["86400", { seconds: 86_400 }],
    ["", { error: '"" is not a number of seconds above 0 (e.g. 600)' }],
    ["Infinity", { error: '"Infinity" is not a number of seconds above 0 (e.g. 600)' }],
  ])("reads %j as %j", (text, read) => expect(policyTimeoutSeconds(text)).toEqual(read));
});

describe("the other calls a timed-out call names", () => {
  const late = { code: 4 };
  const urns = (n: number) => new Set(Array.from({ length: n }, (_, i) => `urn:${i}`));
  it.each<[string, unknown, Set<string>, string]>([
    ["none when nothing else waited", late, urns(0), ""],
    ["one", late, urns(1), " (nor for 1 other resource in flight with it: urn:0)"],
    [
      "five by name",
      late,
      urns(5),
      " (nor for 5 other resources in flight with it: urn:0, urn:1, urn:2, urn:3, urn:4)",
    ],
    [
      "five by name and a count of the rest",
      late,
      urns(7),
      " (nor for 7 other resources in flight with it: urn:0, urn:1, urn:2, urn:3, urn:4 and 2 more)",
    ],
    ["none for another error", { code: 14 }, urns(3), ""],
    ["none for an error without a code", new Error("boom"), urns(3), ""],
  ])("%s", (_label, error, unanswered, text) => expect(alsoUnanswered(error, unanswered)).toBe(text));
});
