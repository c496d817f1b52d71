// Shared paths and small helpers for the engine's process-level tests.
import * as path from "path";

export const FIXTURES = path.join(__dirname, "../fixtures/engine");
export const PROJECT = path.join(FIXTURES, "project");
export const PACK = path.join(FIXTURES, "pack");
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const urnOf = (qualifiedType: string, name: string, stack = "dev") =>
  `urn:pulumi:${stack}::fixture::${qualifiedType}::${name}`;
