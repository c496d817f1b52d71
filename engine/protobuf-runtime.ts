// protobufjs's runtime (its Reader and Writer), loaded on first use (~15 ms): a preview without packs never needs it.
type Runtime = typeof import("protobufjs/minimal");

let runtime: Runtime | undefined;

export const protobufRuntime = (): Runtime => (runtime ??= require("protobufjs/minimal") as Runtime);
