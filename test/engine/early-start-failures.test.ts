// The program starts before the monitor's gRPC server exists. A preview that fails on the way must not leave the
// program running, nor crash on a registration it cannot convert while it waits.
import * as childProcess from "child_process";
import * as os from "os";
import * as path from "path";
import { grpc, resourceGrpc, resourcePb, structpb } from "../../engine/grpc";
import { LocalMonitor } from "../../engine/monitor";
import { PreviewError, runPreview } from "../../engine/preview";
import { PACK, PROJECT } from "./helpers";

// Every spawn passes through, counted.
jest.mock("child_process", () => {
  const actual = jest.requireActual("child_process");
  return { ...actual, spawn: jest.fn((...args: unknown[]) => actual.spawn(...args)) };
});
const spawn = childProcess.spawn as unknown as jest.Mock;

describe("a preview that fails before its program is done", () => {
  beforeEach(() => spawn.mockClear());
  afterEach(() => jest.restoreAllMocks());

  it("reads a missing --policy-pack-config before it starts the program", async () => {
    const missing = path.join(os.tmpdir(), "engine-no-such-pack-config.json");
    await expect(
      runPreview({ stack: "dev", cwd: PROJECT, policyPacks: [PACK], policyPackConfigs: [missing] }),
    ).rejects.toThrow(PreviewError);
    expect(spawn).not.toHaveBeenCalled();
  });

  it("stops the program when the monitor cannot start", async () => {
    jest.spyOn(LocalMonitor.prototype, "start").mockRejectedValue(new Error("monitor down"));
    await expect(runPreview({ stack: "dev", cwd: PROJECT })).rejects.toThrow("monitor down");
    expect(spawn).toHaveBeenCalledTimes(1);
    const child = spawn.mock.results[0].value as childProcess.ChildProcess;
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once("exit", r));
    expect(child.signalCode).toBe("SIGTERM");
  });
});

describe("inputs converted while the monitor waits", () => {
  it("leaves a registration it cannot convert to finish(), which throws it, rather than crashing the process", async () => {
    const monitor = new LocalMonitor({ project: "p", stack: "s", config: {} });
    const address = await monitor.start();
    const client = new resourceGrpc.ResourceMonitorClient(address, grpc.credentials.createInsecure());
    try {
      const object = new structpb.Struct();
      // A value with no kind set: the SDK never sends one, a raw client may.
      object.getFieldsMap().set("k", new structpb.Value());
      const request = new resourcePb.RegisterResourceRequest().setType("x:index:Y").setName("bad").setCustom(true);
      request.setObject(object);
      await new Promise<void>((resolve, reject) =>
        client.registerResource(request, (e: Error | null) => (e ? reject(e) : resolve())),
      );
      // Several idle turns pass, as while a program works.
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      expect(() => monitor.finish()).toThrow("Unexpected struct type");
    } finally {
      client.close();
      monitor.stop();
    }
  });
});
