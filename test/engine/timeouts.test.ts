// Custom timeouts read as the engine reads Go durations, for the seconds analyzers receive.
import { durationSeconds } from "../../engine/timeouts";

describe("durationSeconds", () => {
  it.each([
    ["5m", 300],
    ["1h30m", 5400],
    ["45s", 45],
    ["1.5h", 5400],
    ["250ms", 0.25],
    ["-2m", -120],
    ["", 0],
    ["0", 0],
  ])("reads %j as %d seconds", (text, seconds) => {
    expect(durationSeconds(text)).toBeCloseTo(seconds);
  });

  it.each(["5", "5 m", "m", "1d", "1h-5m"])("refuses %j, which is not a Go duration", (text) => {
    expect(durationSeconds(text)).toBeUndefined();
  });
});
