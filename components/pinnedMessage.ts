// A check that can only run once a provider answers (its region, its zones) throws inside an apply, and every input
// waiting on it rejects with that same Error object. Pulumi's serializer prefixes the object's message with
// `error serializing property "…"` at each input and at the component's registerOutputs, so the one report Pulumi
// makes (it reports an error object once) would read as an internal failure wrapped many times over. A pinned
// message keeps the check's own words: argument, value, fix.

// Where the error ends a run as an unhandled rejection, Pulumi prints it with `util.inspect`, which lists its own
// enumerable fields too: a ValidationError's `problems` (the message already says them) and the `promise` Pulumi
// attaches to a rejection, which refers back to the error and prints as a circular dump. Both are kept, unlisted.

/** The error, its message fixed: later assignments to `message` are ignored. Anything else is returned as given. */
export function pinMessage<T>(error: T): T {
  if (!(error instanceof Error)) return error;
  const text = error.message;
  Object.defineProperty(error, "message", {
    get: () => text,
    set: () => undefined,
    enumerable: false,
    configurable: true,
  });
  for (const key of Object.keys(error)) Object.defineProperty(error, key, { enumerable: false });
  // Assigned later by Pulumi's promise tracking; a field that exists already keeps its enumerability.
  if (!("promise" in error)) {
    Object.defineProperty(error, "promise", {
      value: undefined,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
  return error;
}

/** Runs a check made inside an apply; an error it throws keeps its message wherever Pulumi passes it on. */
export function withPinnedMessage<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    throw pinMessage(e);
  }
}
