// One line that says what a hostile bag holds: its JSON with long strings and arrays cut, then its largest strings by
// path. A cut JSON alone hides a multi-megabyte script behind a deep value that used up the line (the fuzzer's
// slowest spot-fleet bag read as a 15,000-character subnet id; its 4 MB user data was past the cut).

const STRING_SHOWN = 80;
const ITEMS_SHOWN = 2;
const LINE_SHOWN = 600;
/** Strings at least this long are listed by path after the JSON. */
const LARGE_STRING = 1_000;
const LARGEST_SHOWN = 3;

export function summarizeBag(props: unknown): string {
  const text = JSON.stringify(props, (_k, v) => {
    if (typeof v === "string" && v.length > STRING_SHOWN) return `${v.slice(0, STRING_SHOWN)}…(${v.length} chars)`;
    if (Array.isArray(v) && v.length > ITEMS_SHOWN * 2 + 1) {
      return [...v.slice(0, ITEMS_SHOWN), `…(${v.length} items)`];
    }
    return v;
  });
  const line = text.length > LINE_SHOWN ? `${text.slice(0, LINE_SHOWN)}…` : text;
  const largest = largeStrings(props)
    .sort((a, b) => b.length - a.length)
    .slice(0, LARGEST_SHOWN)
    .map((s) => `${s.path} (${s.length.toLocaleString("en-US")} chars)`);
  return largest.length === 0 ? line : `${line}; largest strings: ${largest.join(", ")}`;
}

/** Every string (value or key) of at least LARGE_STRING characters, by dotted path; iterative, for deep bags. */
function largeStrings(root: unknown): { path: string; length: number }[] {
  const found: { path: string; length: number }[] = [];
  const pending: { value: unknown; path: string }[] = [{ value: root, path: "" }];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === "string") {
      if (value.length >= LARGE_STRING) found.push({ path: path || "(the bag)", length: value.length });
    } else if (value !== null && typeof value === "object" && !seen.has(value)) {
      seen.add(value);
      for (const [key, child] of Object.entries(value)) {
        const name = key.length >= LARGE_STRING ? `(key of ${key.length} chars)` : key;
        if (key.length >= LARGE_STRING) found.push({ path: join(path, name), length: key.length });
        pending.push({ value: child, path: join(path, name) });
      }
    }
  }
  return found;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
