import { splitWhitelist, whitelistBlock } from "../../lib/whitelist-entries";

describe("splitWhitelist", () => {
  it.each([
    ["10.0.0.0/8,0.0.0.0/0", ["10.0.0.0/8", "0.0.0.0/0"]],
    ["10.0.0.0/8;0.0.0.0/0", ["10.0.0.0/8", "0.0.0.0/0"]],
    [" 10.0.0.0/8 \t0.0.0.0/0\n", ["10.0.0.0/8", "0.0.0.0/0"]],
    ["10.0.0.0/8, ;0.0.0.0/0,", ["10.0.0.0/8", "0.0.0.0/0"]],
    ["", []],
  ])("%j → %j", (text, entries) => {
    expect(splitWhitelist(text)).toEqual(entries);
  });
});

describe("whitelistBlock", () => {
  it.each([
    ["%", "0.0.0.0/0"],
    ["*", "0.0.0.0/0"],
    ["0.0.0.0", "0.0.0.0/0"],
    ["*.*.*.*", "0.0.0.0/0"],
    ["%.%.%.%", "0.0.0.0/0"],
    ["10.%.%.%", "10.0.0.0/8"],
    ["10.%", "10.0.0.0/8"],
    ["192.168.1.*", "192.168.1.0/24"],
    ["47.96.1.10", "47.96.1.10"],
    ["10.0.0.0/8", "10.0.0.0/8"],
    ["::/0", "::/0"],
  ])("%s admits %s", (entry, block) => {
    expect(whitelistBlock(entry)).toBe(block);
  });

  it.each(["0/0", "0.0.0.0/0.0.0.0", "300.%.%.%", "10.%.1.%", "1.2.3.4.%", "any", "10.0.0.1|0.0.0.0/0"])(
    "%s is no address, block or wildcard",
    (entry) => {
      expect(whitelistBlock(entry)).toBeUndefined();
    },
  );
});
