// The fuzzer's one-line bag summary keeps the line short and still names the bag's largest strings, wherever they sit.
import { summarizeBag } from "./bag-summary";

describe("summarizeBag", () => {
  it("prints a small bag as its JSON, with nothing after it", () => {
    expect(summarizeBag({ port: "22/abc", cidr: "0.0.0.0/0" })).toBe('{"port":"22/abc","cidr":"0.0.0.0/0"}');
  });

  it("cuts long strings and arrays in the JSON, giving their sizes", () => {
    const text = summarizeBag({ list: [1, 2, 3, 4, 5, 6], name: "n".repeat(100) });
    expect(text).toBe(`{"list":[1,2,"…(6 items)"],"name":"${"n".repeat(80)}…(100 chars)"}`);
  });

  it("names the largest strings by path even when a deep value fills the line first", () => {
    let deep: unknown = null;
    for (let i = 0; i < 200; i++) deep = { nested: [deep] };
    const bag = {
      launchSpecifications: [{ nested: deep }, { subnetId: "s".repeat(15_591) }, { userData: "u".repeat(3_984_464) }],
    };
    const text = summarizeBag(bag);
    expect(text.indexOf("uuu")).toBe(-1);
    expect(text).toMatch(
      /; largest strings: launchSpecifications\.2\.userData \(3,984,464 chars\), launchSpecifications\.1\.subnetId \(15,591 chars\)$/,
    );
  });

  it("lists at most three, longest first, and counts a long key", () => {
    const bag = { a: "a".repeat(1_000), b: "b".repeat(4_000), c: "c".repeat(2_000), d: "d".repeat(3_000) };
    (bag as Record<string, unknown>)["k".repeat(5_000)] = 1;
    expect(summarizeBag(bag)).toMatch(
      /; largest strings: \(key of 5000 chars\) \(5,000 chars\), b \(4,000 chars\), d \(3,000 chars\)$/,
    );
  });

  it("names a bag that is itself a long string", () => {
    expect(summarizeBag("x".repeat(2_000))).toMatch(/; largest strings: \(the bag\) \(2,000 chars\)$/);
  });
});
