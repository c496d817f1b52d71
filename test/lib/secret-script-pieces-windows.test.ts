// secretScriptPieces on secret Windows scripts: the scripts the Windows reader decodes or reads apart (an
// `-EncodedCommand`, a `cmd /c`, a script written…) are pieces, and so are their lines as the reader quotes them, their
// passwords masked; found by the reader's own reading (windows-decoded-texts.ts), within the caps one value may
// decode to and add, whatever hostile input it is given.
import { MAX_DECODED, MAX_LINES_PER_VALUE, secretScriptPieces } from "../../lib/secret-script-pieces";
import { decodedTexts } from "../../lib/userdata-decoded-texts";
import { encoded, netUser, RUN_COMMAND_ROWS, setPassword, WINDOWS_ROWS } from "./secret-windows-layers-fixtures";

const totalChars = (texts: string[]) => texts.reduce((n, t) => n + t.length, 0);
const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>\n`;
const bat = (...lines: string[]) => `<script>\n${lines.join("\n")}\n</script>\n`;

describe("secretScriptPieces: the scripts the Windows reader reads out of a secret, as it quotes them", () => {
  it.each([...WINDOWS_ROWS, ...RUN_COMMAND_ROWS].map((row) => [row.name, row] as const))(
    "%s",
    (_, { script, hidden }) => {
      const pieces = secretScriptPieces(script);
      for (const needle of hidden) expect(pieces.some((p) => p.includes(needle) && !p.includes("\n"))).toBe(true);
    },
  );

  it("a line of the user data itself setting a password is a piece as quoted, its password masked", () => {
    const pieces = secretScriptPieces(ps(setPassword("plain")));
    expect(pieces).toContain(setPassword("plain"));
    expect(pieces).toContain(setPassword("plain").replace("'Pw-plain-91x!'", "'********'"));
  });

  it("the decoded text of an -EncodedCommand is a piece whole, on one line", () => {
    const pieces = secretScriptPieces(ps(`powershell -EncodedCommand ${encoded(netUser("whole-line"))}`));
    expect(pieces).toContain(netUser("whole-line"));
  });

  it("a text that is no valid -EncodedCommand argument decodes to nothing", () => {
    const odd = Buffer.from("abc").toString("base64"); // three bytes: no whole UTF-16 character
    const script = ps(`powershell -EncodedCommand ${odd}`, "Write-Host done");
    const { nested } = decodedTexts(script, MAX_DECODED);
    // The `<powershell>` block alone, which is text of the value.
    expect(nested.map((t) => t.trim())).toEqual([`powershell -EncodedCommand ${odd}\nWrite-Host done`]);
  });

  it("a one-line value that is no script has no pieces, as before", () => {
    expect(secretScriptPieces("hunter2-correct-horse")).toEqual([]);
    expect(secretScriptPieces("Pw-7f3a9c-91x!")).toEqual([]);
  });
});

describe("decodedTexts: the Windows reading bounded on hostile input", () => {
  it("an -EncodedCommand decoding to a huge script is kept within the cap", () => {
    const big = Array.from({ length: 6_000 }, (_, i) => netUser(`big-${i}`)).join("\n");
    const script = ps(`powershell -enc ${encoded(big)}`);
    expect(script.length).toBeLessThan(MAX_DECODED);
    const { nested } = decodedTexts(script, MAX_DECODED);
    expect(totalChars(nested)).toBeLessThanOrEqual(MAX_DECODED);
    expect(secretScriptPieces(script).length).toBeLessThanOrEqual(MAX_LINES_PER_VALUE);
  });

  it('one long text run again and again with a variable (`iex "$a 1"`) shares the one cap', () => {
    const long = "x".repeat(100_000);
    const lines = Array.from({ length: 300 }, (_, i) => `iex "$a ${i}"`);
    const script = ps(`$a = '${long}'`, ...lines);
    const { nested } = decodedTexts(script, MAX_DECODED);
    expect(nested).toContain(`${long} 0`);
    expect(totalChars(nested)).toBeLessThanOrEqual(MAX_DECODED);
  });

  it("an -EncodedCommand nested past the reader's depth stops there, its outer layers found", () => {
    let script = `${netUser("innermost")} & rem innermost`;
    const layers = [script];
    for (let i = 0; i < 6; i++) layers.push((script = `powershell -enc ${encoded(script)}`));
    expect(script.length).toBeLessThan(MAX_DECODED);
    const { nested } = decodedTexts(bat(script), MAX_DECODED);
    expect(nested.some((t) => t === layers[5])).toBe(true);
    expect(nested.some((t) => t.includes("innermost"))).toBe(false);
  });

  it("cmd /c nested a hundred thousand deep is read within the cap, its script found whole", () => {
    const line = `${"cmd /c ".repeat(100_000)}${netUser("cmd-deep")}`;
    const { nested } = decodedTexts(bat(line), MAX_DECODED);
    expect(nested.map((t) => t.trim())).toContain(line);
    expect(totalChars(nested)).toBeLessThanOrEqual(MAX_DECODED);
  });

  it("thousands of distinct encoded commands add no more pieces than the cap", () => {
    const lines = Array.from({ length: 3_000 }, (_, i) => `powershell -enc ${encoded(netUser(`many-${i}`))}`);
    const pieces = secretScriptPieces(ps(...lines));
    expect(pieces.length).toBe(MAX_LINES_PER_VALUE);
  });

  it("a long script that is no Windows user data, read in either language, stays within the cap", () => {
    const script = Array.from({ length: 10_000 }, (_, i) => `net user u${i} Pw${i}x! /add ; Write-Host "x"`).join("\n");
    expect(script.length).toBeLessThan(MAX_DECODED);
    const { nested } = decodedTexts(script, MAX_DECODED);
    expect(nested.some((t) => t.includes("net user u9999 "))).toBe(true);
    expect(totalChars(nested)).toBeLessThanOrEqual(MAX_DECODED);
  });
});
