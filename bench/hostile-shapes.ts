// What a hostile shape is, for bench/hostile-input.ts: text of size `n` (repetitions, lines or characters) built by
// `text`, and the reader call its test makes on it. `n` is where the benchmark starts, about half of what the test
// uses (it doubles n while a read is too fast to time). The shapes' shell text is only data handed to the readers.

export interface Reader {
  name: string;
  read: (text: string) => unknown;
}

export interface Shape {
  name: string;
  reader: Reader;
  n: number;
  text: (n: number) => string;
}

/** Makes shapes read by `reader`, so that a table row names only its shape. */
export const shapeOf =
  (reader: Reader) =>
  (name: string, n: number, text: (n: number) => string): Shape => ({ name, reader, n, text });

/** `n` entries made by `entry`, joined by `separator`. */
export const many = (n: number, entry: (i: number) => string, separator = "\n"): string =>
  Array.from({ length: n }, (_v, i) => entry(i)).join(separator);
