// A program failure is told once: an error that only wraps another logged error is left out of the paragraph.
import { programFailure } from "../../engine/failure";
import type { EngineLog } from "../../engine/model";

const run = { exitCode: 32, stdout: "", stderr: "" };
const error = (message: string, urn = ""): EngineLog => ({ severity: "error", message, urn });
const URN = "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b";
const REFUSAL = `Default provider for 'aws' disabled. '${URN}' must use an explicit provider.`;

describe("programFailure", () => {
  it("drops the SDK's wrapper of an engine refusal and keeps the refusal, with its resource", () => {
    const e = programFailure(
      run,
      [error(REFUSAL, URN), error(`Error: failed to register new resource b [aws:s3/bucket:Bucket]: 9 ${REFUSAL}`)],
      [],
    );
    expect(e.resource).toBe(URN);
    expect(e.message).toBe(
      `The program failed while declaring ${URN} (exit code 32): ${REFUSAL.slice(0, -1)}. ` +
        "0 resources had been registered before it stopped; fix the error and preview again.",
    );
  });

  it("keeps distinct errors, and is not fooled by an empty one", () => {
    const e = programFailure(run, [error("first failure"), error(""), error("second failure")], []);
    expect(e.message).toContain("first failure second failure");
  });

  it("keeps a repeated identical error only as often as it was logged", () => {
    const e = programFailure(run, [error("boom"), error("boom")], []);
    expect(e.message).toContain("(exit code 32): boom boom.");
  });
});
