// secretScriptPieces on a secret boot script that carries text in nested layers the user-data reader decodes: the
// decoded texts and their lines are pieces, found by the reader's own decoding (decodedTexts), within the caps on
// what one value may decode and how many pieces it may add, whatever hostile input it is given.
import { gzipSync } from "zlib";
import {
  MAX_DECODED,
  MAX_LINES_PER_VALUE,
  readSecretScript,
  secretMaskedPieces,
  secretScriptPieces,
} from "../../lib/secret-script-pieces";
import { decodedTexts, decodedTextsWithin } from "../../lib/userdata-decoded-texts";
import { b64, gzb64, NESTED_ROWS, sshdText } from "./secret-nested-layers-fixtures";

const SSHD = "/etc/ssh/sshd_config";

describe("secretScriptPieces: the texts the reader decodes out of a secret, and their lines", () => {
  it.each(NESTED_ROWS.map((row) => [row.name, row] as const))("%s", (_, { script, hidden }) => {
    const pieces = secretScriptPieces(script);
    // Each needle the pack may quote is a piece, or lies within one no longer than a line the reader quotes.
    for (const needle of hidden) expect(pieces.some((p) => p.includes(needle) && !p.includes("\n"))).toBe(true);
  });

  it("a one-line decoded setting is a piece whole", () => {
    const script = `echo ${b64("PermitRootLogin yes")} | base64 -d >> ${SSHD}\n`;
    expect(secretScriptPieces(script)).toContain("PermitRootLogin yes");
  });

  it("a short decoded text is not a piece: it would cut ordinary words everywhere", () => {
    const pieces = secretScriptPieces(`#!/bin/sh\necho ${b64("yes\n")} | base64 -d > /tmp/answer\n`);
    expect(pieces).not.toContain("yes");
    expect(pieces.every((p) => p.length >= 8)).toBe(true);
  });

  it("a one-line value that decodes to nothing has no pieces, as before", () => {
    expect(secretScriptPieces("hunter2-correct-horse")).toEqual([]);
    expect(secretScriptPieces("echo aGVsbG8gd29ybGQK | base64 -d")).toEqual(["hello world"]);
  });

  it("a value base64 as a whole still yields its decoded text whole, then its lines", () => {
    const text = `#!/bin/bash\necho 'PermitRootLogin yes' >> ${SSHD}\n`;
    const pieces = secretScriptPieces(b64(text));
    expect(pieces[0]).toBe(text.trim());
    expect(pieces).toContain(`echo 'PermitRootLogin yes' >> ${SSHD}`);
  });
});

describe("decodedTexts: bounded on hostile input", () => {
  const totalChars = (texts: string[]) => texts.reduce((n, t) => n + t.length, 0);

  const writeFiles = (...entries: [path: string, encoding: string, content: string][]) =>
    [
      "#cloud-config",
      "write_files:",
      ...entries.flatMap(([path, encoding, content]) => [
        `  - path: ${path}`,
        `    encoding: ${encoding}`,
        `    content: ${content}`,
      ]),
      "",
    ].join("\n");

  it("a gzip bomb in a write_files entry inflates to nothing, and spends the value's inflating; other entries are still decoded", () => {
    const bomb = gzipSync(Buffer.alloc(64 << 20, 0x41)).toString("base64");
    const laterGzip = gzb64(sshdText("after-bomb-gz"));
    const config = writeFiles(
      [SSHD, "gz+b64", bomb],
      [`${SSHD}.d/10-b64.conf`, "b64", b64(sshdText("after-bomb"))],
      [`${SSHD}.d/20-gz.conf`, "gz+b64", laterGzip],
    );
    const { nested, complete } = decodedTextsWithin(config, MAX_DECODED);
    // gunzip stops at its output limit and throws: the entry reads as its base64, and so does a later gzip entry, the
    // bomb having been charged the whole limit.
    expect(nested).toEqual([bomb, sshdText("after-bomb"), laterGzip]);
    expect(complete).toBe(false);
    const pieces = secretScriptPieces(config);
    expect(pieces).toContain(sshdText("after-bomb").trim());
    expect(pieces).toContain("# marker-7f3a9c after-bomb secret line");
  });

  it("a gzip write_files entry is inflated whole or not at all: up to the cap whole, one character more not even in part", () => {
    const inflating = (chars: number) => `PermitRootLogin yes\n${"#".repeat(chars - 21)}\n`;
    const atCap = inflating(MAX_DECODED);
    expect(atCap).toHaveLength(MAX_DECODED);
    const fits = writeFiles([SSHD, "gz+b64", gzb64(atCap)]);
    expect(decodedTexts(fits, MAX_DECODED).nested).toEqual([atCap]);
    expect(secretScriptPieces(fits)).toContain("PermitRootLogin yes");
    const content = gzb64(inflating(MAX_DECODED + 1));
    const past = writeFiles([SSHD, "gz+b64", content]);
    // The entry reads as its base64: no prefix of what it inflates to.
    expect(decodedTexts(past, MAX_DECODED).nested).toEqual([content]);
    const { pieces, complete } = readSecretScript(past);
    expect(pieces).not.toContain("PermitRootLogin yes");
    expect(complete).toBe(false);
    // So masking falls back on the lines the reader quotes, which it inflates within a limit of its own.
    expect(secretMaskedPieces(past)).toContain("PermitRootLogin yes");
  });

  it("many bombs, each a MIME part, share the one cap", () => {
    const parts = Array.from({ length: 8 }, (_, i) =>
      [
        "--B",
        "Content-Type: text/x-shellscript",
        "Content-Transfer-Encoding: base64",
        "",
        gzipSync(Buffer.alloc(4 << 20, 0x61 + i)).toString("base64"),
      ].join("\n"),
    );
    const mime = ['Content-Type: multipart/mixed; boundary="B"', "", ...parts, "--B--", ""].join("\n");
    const { nested } = decodedTexts(mime, MAX_DECODED);
    expect(totalChars(nested)).toBeLessThanOrEqual(MAX_DECODED);
  });

  it("a decode nested past the layers followed stops there, its outer layers found", () => {
    let script = `echo 'PermitRootLogin yes' >> ${SSHD} # innermost`;
    const layers = [script];
    for (let i = 0; i < 20; i++) layers.push((script = `echo ${b64(`${script}\n`)} | base64 -d | bash`));
    expect(script.length).toBeLessThan(MAX_DECODED);
    const { nested } = decodedTexts(script, MAX_DECODED);
    expect(nested.length).toBeGreaterThanOrEqual(4);
    expect(nested.length).toBeLessThan(20);
    expect(nested[0].trim()).toBe(layers[19]);
    expect(nested.some((t) => t.includes("innermost"))).toBe(false);
  });

  it("a value longer than the cap is not read, and decodes nothing", () => {
    const huge = `${"A".repeat(MAX_DECODED)}\necho ${b64(sshdText("huge"))} | base64 -d > ${SSHD}\n`;
    expect(decodedTexts(huge, MAX_DECODED)).toEqual({ nested: [] });
    expect(decodedTexts(gzb64("x ".repeat(MAX_DECODED)), MAX_DECODED)).toEqual({ nested: [] });
  });

  it("a decoded file of many lines adds no more pieces than the cap", () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `# setting line number ${i}`).join("\n");
    const config = `#cloud-config\nwrite_files:\n  - path: ${SSHD}\n    encoding: b64\n    content: ${b64(lines)}\n`;
    const pieces = secretScriptPieces(config);
    expect(pieces.length).toBe(MAX_LINES_PER_VALUE);
  });

  it("the same encoded text repeated is decoded once", () => {
    const line = `echo ${b64(sshdText("again"))} | base64 -d > ${SSHD}`;
    const { nested } = decodedTexts(Array.from({ length: 500 }, () => line).join("\n"), MAX_DECODED);
    expect(nested.filter((t) => t === sshdText("again"))).toHaveLength(1);
  });
});
