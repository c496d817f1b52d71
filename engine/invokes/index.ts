// Answers the data-source invokes programs make. Region: the invoke's explicit provider, else the stack config.
import { alicloudInvokes } from "./alicloud";
import { awsInvokes } from "./aws";
import type { InvokeContext, InvokeHandler } from "./context";

const HANDLERS: Record<string, InvokeHandler> = { ...awsInvokes, ...alicloudInvokes };

const DEFAULT_REGIONS: Record<string, string> = { aws: "us-east-1", alicloud: "cn-hangzhou" };

export class UnsupportedInvokeError extends Error {}

export function supportedInvokes(): string[] {
  return Object.keys(HANDLERS).sort();
}

/** The region an invoke runs in: its provider's `region` input, else `<pkg>:region` config, else the cloud default. */
export function invokeRegion(
  token: string,
  providerInputs: Record<string, unknown> | undefined,
  config: Record<string, string>,
): string {
  const pkg = token.split(":")[0];
  const fromProvider = providerInputs?.region;
  if (typeof fromProvider === "string" && fromProvider) return fromProvider;
  return config[`${pkg}:region`] ?? DEFAULT_REGIONS[pkg] ?? "";
}

/** Longest list of supported tokens quoted in an error; beyond it the paragraph points to the handlers instead. */
const MAX_LISTED_INVOKES = 8;

function supportedList(): string {
  const all = supportedInvokes();
  return all.length <= MAX_LISTED_INVOKES
    ? `supported: ${all.join(", ")}`
    : `the ${all.length} supported invokes are the handlers in engine/invokes/`;
}

export function answerInvoke(
  token: string,
  args: Record<string, unknown>,
  ctx: InvokeContext,
): Record<string, unknown> {
  const handler = HANDLERS[token];
  if (!handler) {
    throw new UnsupportedInvokeError(
      `invoke "${token}" cannot be answered offline; ${supportedList()}. ` +
        "Add a handler under engine/invokes/ or pass the value through stack config.",
    );
  }
  return handler(args, ctx);
}
