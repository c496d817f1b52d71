// A loop over patterns the script spells out, some holding a `$` the shell keeps as it is (single-quoted, escaped,
// or before a closing double quote: `'^$'` matches blank lines): the body is read once per pattern, as for any
// other spelt-out word. A list holding a real expansion (`$LIST`, `"$EXTRA"`, `$(cat …)`, a brace list) is still
// not taken apart: its variable stays unknown.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData } from "../../lib/userdata";
import { forLoop, UNKNOWN_WORD } from "../../lib/userdata-loops";
import { run } from "../policies/harness";
import { b64, INSTANCE, PW, runcmdConfig, SSHD, verdicts } from "./userdata-sshd-fixtures";

const sedLoop = (list: string) => `for p in ${list}; do sed -i "/$p/d" ${SSHD}; done`;
/** The loop's words, or undefined when it is not taken apart. */
const values = (line: string) => forLoop([line], line, 0, { until: 0 })?.values;

describe("the words of a loop holding a literal $", () => {
  it.each<[string, string[] | undefined]>([
    [`'^#' '^$'`, ["^#", "^$"]],
    [`"^#" "^$"`, ["^#", "^$"]],
    ["^# ^\\$", ["^#", "^$"]],
    [`'$HOME' x`, ["$HOME", "x"]],
    ["$LIST", undefined],
    // Words the reader cannot know beside words it knows: one more pass, the variable unknown in it.
    [`'^#' "$EXTRA"`, ["^#", UNKNOWN_WORD]],
    [`'^#' \${EXTRA}`, ["^#", UNKNOWN_WORD]],
    [`'^#' $(cat /tmp/p)`, ["^#", UNKNOWN_WORD]],
    ["'^#' `cat /tmp/p`", ["^#", UNKNOWN_WORD]],
    [`'^#' $1 $2`, ["^#", UNKNOWN_WORD]],
    [`'^#' {a,b}`, undefined],
    [`'^#' $"x"`, undefined],
  ])("for p in %s", (list, expected) => {
    expect(values(sedLoop(list))).toEqual(expected);
  });
});

describe("sed deletions in a loop over patterns", () => {
  it.each<[string, string]>([
    ["single-quoted", sedLoop(`'^#' '^$'`)],
    ["double-quoted", sedLoop(`"^#" "^$"`)],
    ["escaped", sedLoop("^# ^\\$")],
    ["over lines", `for p in '^#' '^$'\ndo\n  sed -i "/$p/d" ${SSHD}\ndone`],
    ["grep -v moved back", `for p in '^#' '^$'; do grep -v "$p" ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}; done`],
  ])("%s comments and blank lines: safe", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ["single-quoted", sedLoop(`'^#' '^$' '^PasswordAuthentication'`), [PW]],
    ["double-quoted", sedLoop(`"^$" "^Include"`), [PW, "root-login"]],
    ["escaped", sedLoop("^\\$ ^PasswordAuthentication"), [PW]],
    ["over lines", `for p in '^$' '^PasswordAuthentication'\ndo\n  sed -i "/$p/d" ${SSHD}\ndone`, [PW]],
    [
      "grep -v moved back",
      `for p in '^$' '^PasswordAuthentication'; do grep -v "$p" ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}; done`,
      [PW],
    ],
  ])("%s, one pattern the hardened line's: a violation", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["a variable", sedLoop("$LIST")],
    ["a double-quoted variable", sedLoop(`'^$' "$EXTRA"`)],
    ["a command's output", sedLoop(`'^$' $(cat /tmp/patterns)`)],
  ])("over %s the reader cannot know: unverifiable, as before", (_name, text) => {
    expect(verdicts(text)).toEqual([`${PW}?`]);
  });
});

describe("carried in encoded or structured user data", () => {
  it("base64 user data", () => {
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${sedLoop(`'^#' '^$'`)}\n`)))).toEqual([]);
    expect(verdicts(decodeUserData(b64(`#!/bin/bash\n${sedLoop(`'^$' '^PasswordAuth'`)}\n`)))).toEqual([PW]);
  });

  it("a cloud-config runcmd string", () => {
    expect(verdicts(runcmdConfig(sedLoop(`'^#' '^$'`)))).toEqual([]);
    expect(verdicts(runcmdConfig(sedLoop(`'^$' '^PasswordAuth'`)))).toEqual([PW]);
  });
});

describe("through disallow-userdata-login-weakening", () => {
  it("passes the comments' loop and fails the hardened line's", async () => {
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userData: sedLoop(`'^#' '^$'`) })).toEqual([]);
    const weak = await run(disallowUserdataLoginWeakening, INSTANCE, {
      userData: sedLoop(`'^$' '^PasswordAuthentication'`),
    });
    expect(weak.map((d) => d.level)).toEqual(["mandatory"]);
    expect(weak[0].message).toContain("enables SSH password authentication");
  });
});
