import { BoundedMemo } from "../../lib/bounded-memo";

describe("BoundedMemo", () => {
  it("computes a key's value once and answers it from then on", () => {
    const memo = new BoundedMemo<string, number>(10);
    const compute = jest.fn(() => 42);
    expect(memo.through("a", compute)).toBe(42);
    expect(memo.through("a", compute)).toBe(42);
    expect(memo.get("a")).toBe(42);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it("remembers an undefined value and a falsy one as answers, not as misses", () => {
    const memo = new BoundedMemo<string, number | undefined>(10);
    const none = jest.fn((): number | undefined => undefined);
    const zero = jest.fn(() => 0);
    expect(memo.through("none", none)).toBeUndefined();
    expect(memo.through("none", none)).toBeUndefined();
    expect(memo.through("zero", zero)).toBe(0);
    expect(memo.through("zero", zero)).toBe(0);
    expect(none).toHaveBeenCalledTimes(1);
    expect(zero).toHaveBeenCalledTimes(1);
  });

  it("empties the table when it is full, so endless distinct keys cost memory only up to the limit", () => {
    const memo = new BoundedMemo<number, number>(3);
    for (const k of [1, 2, 3]) memo.through(k, () => k * 10);
    expect(memo.get(1)).toBe(10);
    memo.through(4, () => 40);
    expect([memo.get(1), memo.get(2), memo.get(3), memo.get(4)]).toEqual([undefined, undefined, undefined, 40]);
  });
});
