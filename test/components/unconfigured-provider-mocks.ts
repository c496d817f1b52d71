// A preview in which an explicit provider's configuration is not known yet (`new aws.Provider("p", { region:
// bucket.id.apply(...) })`): the engine asks no provider and answers every invoke made through it with an empty
// result, which the program receives as `{}`. Invokes made through any other provider get the answers a test lists.
// Under these mocks a value the preview does not know reaches the resource as `pulumi.unknown`.
import * as pulumi from "@pulumi/pulumi";
import { mockIdOf } from "./mock-ids";
import { registrationFailures } from "./registration-failures";
import { untilUnchanged } from "./settle";

export interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

export const recorded: Recorded[] = [];

/** Name of the provider whose configuration the preview does not know; its invokes are answered with `{}`. */
export const UNCONFIGURED = "unconfigured";

/** Answers of the configured providers, by invoke token: a test sets what the region really offers. */
export const answers = new Map<string, Record<string, unknown>>();

const answeredBy = (provider: string | undefined) => provider?.split("::").pop();

/** Installs the mocks; `preview` false runs as `pulumi up` does. */
export function installUnconfiguredProviderMocks(preview = true): void {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        recorded.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: mockIdOf(args.type, args.name), state: args.inputs };
      },
      call(args) {
        if (answeredBy(args.provider) === mockIdOf("", UNCONFIGURED)) return {};
        const answer = answers.get(args.token);
        if (answer === undefined) throw new Error(`unexpected invoke ${args.token}`);
        return answer;
      },
    },
    "hardening-kit",
    "test",
    preview,
  );
}

/** A resource of no cloud: tests register values as its inputs to see what the engine receives. */
export class Sink extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super("test:index:Sink", name, props, opts);
  }
}

/** Waits until no new resource has been registered for a few event-loop turns. */
export function settle(): Promise<void> {
  return untilUnchanged(() => recorded.length);
}

export function reset(): void {
  recorded.length = 0;
  answers.clear();
}

/** Children of one type whose names start with `prefix-`, sorted by name (registration order is not stable). */
export function childrenOfType(prefix: string, type: string): Recorded[] {
  return recorded
    .filter((r) => r.type === type && r.name.startsWith(`${prefix}-`))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Before each test: recorded resources and answers cleared, component warnings silenced (restored after). */
export function quietAndResetEachTest(): void {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    reset();
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterEach(() => warn.mockRestore());
}

/** Runs `create` to the end and returns the failures it reported. */
export function failuresOf(create: () => void): Promise<string[]> {
  return registrationFailures(async () => {
    create();
    await settle();
  });
}
