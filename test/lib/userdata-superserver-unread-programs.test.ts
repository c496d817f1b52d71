// An in-place edit of a super-server's file by a program the reader read only in part (perl's s///e code, blocks
// nested past its cap) is reported as unread content, as the same edit of sshd's configuration is: what it turns on
// is not known. A program read whole stays judged by its replay.
import { findLoginWeaknesses, LoginWeakness } from "../../lib/userdata";

const TELNET = "/etc/xinetd.d/telnet";
const script = (line: string) => `#!/bin/bash\n${line}\n`;
const E_CODE = "a perl substitution whose replacement is code (s///e) the reader does not run";

describe("a super-server's file edited by a program read in part", () => {
  it.each<[string, string, LoginWeakness[]]>([
    [
      "s///e whose code names a variable",
      `perl -pi -e 's/yes/$x/e' ${TELNET}`,
      [{ kind: "unread-content", line: E_CODE }],
    ],
    [
      "the same of inetd.conf",
      `perl -pi -e 's/^#(telnet)/$x/e' /etc/inetd.conf`,
      [{ kind: "unread-content", line: E_CODE }],
    ],
    ["the same of a file no super-server reads: nothing", `perl -pi -e 's/yes/$x/e' /etc/app.conf`, []],
    [
      "a plain substitution read whole: its replay decides (telnet turned on)",
      `perl -pi -e 's/disable\\s*=\\s*yes/disable = no/' ${TELNET}`,
      [expect.objectContaining({ kind: "password-login-server" })],
    ],
    [
      "a plain substitution turning telnet off: nothing",
      `perl -pi -e 's/disable\\s*=\\s*no/disable = yes/' ${TELNET}`,
      [],
    ],
  ])("%s", (_label, line, expected) => {
    expect(findLoginWeaknesses(script(line))).toEqual(expected);
  });
});
