// The engine's monitor with its one hot path replaced: every registration is answered with its URN alone, before
// any recording, transform or echo of the inputs. No engine can answer faster, so a program run against it is the
// floor of any engine that runs programs the way the language host does (over gRPC, in their own process).
import type { sendUnaryData, ServerUnaryCall } from "@grpc/grpc-js";
import { LocalMonitor, MonitorOptions } from "../../engine/monitor";
import type { RegistrationAnswer } from "../../engine/raw-object";
import { makeUrn } from "../../engine/urn";

type Handler = (call: ServerUnaryCall<any, any>, cb: sendUnaryData<any>) => void;

export function instantMonitor(options: MonitorOptions): LocalMonitor {
  const monitor = new LocalMonitor(options);
  const answer: Handler = (call, cb) => {
    const req = call.request;
    const urn = makeUrn(options.stack, options.project, req.getParent(), req.getType(), req.getName());
    // The monitor's answers are written by its own serializer (raw-object.ts), which takes a plain answer.
    const answered: RegistrationAnswer = { urn, id: "" };
    cb(null, answered);
  };
  // The handler is read when the server starts; replacing it here keeps the engine free of benchmark-only code.
  (monitor as unknown as { registerResource: Handler }).registerResource = answer;
  return monitor;
}
