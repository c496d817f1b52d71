// secretScriptPieces on secret Windows scripts: the scripts the Windows reader decodes or reads apart (an
// `-EncodedCommand`, a `cmd /c`, a script written…) are pieces, and so are their lines as the reader quotes them, their
// passwords masked; found by the reader's own reading (windows-decoded-texts.ts), within the caps one value may
// decode to and add, whatever hostile input it is given.
import {
  MAX_DECODED,
  MAX_LINES_PER_VALUE,
  readSecretScript,
  secretMaskedPieces,
  secretScriptPieces,
} from "../../lib/secret-script-pieces";
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
  // The value's budget pays for the `<powershell>` block (the argument: 8 characters for 3 of the script) and then
  // for the decoded script, each whole or not at all: 4,968 of these lines fit MAX_DECODED, 4,969 do not.
  const bigScript = (count: number) => Array.from({ length: count }, (_, i) => netUser(`big-${i}`));
  const masked = (line: string) => line.replace(/ Pw-\S+ /, " ******** ");

  it("an -EncodedCommand decoding to a big script within the cap is decoded whole, its lines pieces up to the line cap", () => {
    const lines = bigScript(4_900);
    const script = ps(`powershell -enc ${encoded(lines.join("\n"))}`);
    const { nested } = decodedTexts(script, MAX_DECODED);
    expect(nested).toContain(lines.join("\n"));
    expect(totalChars(nested)).toBeLessThanOrEqual(MAX_DECODED);
    const pieces = secretScriptPieces(script);
    expect(pieces).toHaveLength(MAX_LINES_PER_VALUE);
    // The script's lines from its first, in order, make up the cap but for the value's own few lines.
    const decodedLines = pieces.filter((p) => p.startsWith("net user ") && !p.includes("\n"));
    expect(decodedLines).toEqual(lines.slice(0, decodedLines.length));
    expect(decodedLines.length).toBeGreaterThan(MAX_LINES_PER_VALUE - 10);
  });

  it("an -EncodedCommand whose block and decoded script together pass the cap is not decoded, not even in part", () => {
    const lines = bigScript(5_000);
    const command = `powershell -enc ${encoded(lines.join("\n"))}`;
    const script = ps(command);
    const { nested } = decodedTexts(script, MAX_DECODED);
    // The `<powershell>` block alone: nothing of the script it runs.
    expect(nested.map((t) => t.trim())).toEqual([command]);
    expect(totalChars(nested)).toBeLessThanOrEqual(MAX_DECODED);
    const { pieces, complete } = readSecretScript(script);
    expect(pieces.some((p) => p.includes("ops-marker-7f3a9c-big-"))).toBe(false);
    expect(complete).toBe(false);
    // So masking falls back on the lines the reader quotes, which it decodes within a budget of its own.
    const maskedPieces = secretMaskedPieces(script);
    expect(maskedPieces).toContain(masked(lines[0]));
    expect(maskedPieces).toContain(masked(lines[lines.length - 1]));
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

  const manyCommands = Array.from({ length: 3_000 }, (_, i) => netUser(`many-${i}`));
  const encodedCommand = (command: string) => `powershell -enc ${encoded(command)}`;

  it("thousands of distinct encoded commands: the first ones decoded are pieces, each with its masked line, up to the cap", () => {
    // Ten a line, so that the value's own lines leave most of the cap to what they run.
    const lines: string[] = [];
    for (let i = 0; i < manyCommands.length; i += 10) {
      lines.push(
        manyCommands
          .slice(i, i + 10)
          .map(encodedCommand)
          .join("; "),
      );
    }
    const script = ps(...lines);
    // Every command is decoded: the cap is on the pieces.
    expect(decodedTexts(script, MAX_DECODED).nested).toContain(manyCommands[manyCommands.length - 1]);
    const pieces = secretScriptPieces(script);
    expect(pieces).toHaveLength(MAX_LINES_PER_VALUE);
    const commands = new Set(manyCommands);
    const decoded = pieces.filter((p) => commands.has(p));
    expect(decoded).toEqual(manyCommands.slice(0, decoded.length));
    expect(decoded.length).toBeLessThan(manyCommands.length);
    // The rest: the value's lines, its block whole, and each decoded command's line as quoted (password masked).
    const own = new Set([...script.split("\n").map((t) => t.trim()), lines.join("\n")]);
    const quoted = new Set(manyCommands.map(masked));
    expect(pieces.filter((p) => !commands.has(p) && !own.has(p) && !quoted.has(p))).toEqual([]);
    const ownCount = pieces.filter((p) => own.has(p)).length;
    expect(ownCount).toBe(lines.length + 3);
    expect(decoded.length).toBe(Math.ceil((MAX_LINES_PER_VALUE - ownCount) / 2));
  });

  it("one encoded command a line, thousands of lines: the value's own lines fill the cap before any decoded command", () => {
    const lines = manyCommands.map(encodedCommand);
    const script = ps(...lines);
    const { pieces, complete } = readSecretScript(script);
    expect(pieces).toEqual(["<powershell>", ...lines.slice(0, MAX_LINES_PER_VALUE - 1)]);
    expect(complete).toBe(false);
    // So masking falls back on the lines the reader quotes, the last command's among them.
    expect(secretMaskedPieces(script)).toContain(masked(manyCommands[manyCommands.length - 1]));
  });

  it("a long script that is no Windows user data, read in either language, stays within the cap", () => {
    const script = Array.from({ length: 10_000 }, (_, i) => `net user u${i} Pw${i}x! /add ; Write-Host "x"`).join("\n");
    expect(script.length).toBeLessThan(MAX_DECODED);
    const { nested } = decodedTexts(script, MAX_DECODED);
    expect(nested.some((t) => t.includes("net user u9999 "))).toBe(true);
    expect(totalChars(nested)).toBeLessThanOrEqual(MAX_DECODED);
  });
});
