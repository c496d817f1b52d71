// The hostile inputs of a secret's script pieces, as their tests feed them (test/lib/secret-script-pieces-*.test.ts):
// what one value decodes is capped at MAX_DECODED characters, so its reading should not grow past linear either.
// A value longer than the cap is not read at all, so each shape stays under it at 4n.
import { gzipSync } from "zlib";
import { MAX_DECODED, secretScriptPieces } from "../lib/secret-script-pieces";
import { decodedTexts } from "../lib/userdata-decoded-texts";
import { Redactor } from "../engine/secrets";
import { many, Shape, shapeOf } from "./hostile-shapes";

const decoded = shapeOf({ name: "decodedTexts", read: (text) => decodedTexts(text, MAX_DECODED) });
const pieces = shapeOf({ name: "secretScriptPieces", read: secretScriptPieces });
/** The engine's redactor knowing one secret, reading text of quoted lines cut inside copies of its start. */
const SECRET_TOKEN = "ParamZulu21ParamZulu21";
const redactor = new Redactor().addValues([SECRET_TOKEN]);
const redacted = shapeOf({ name: "Redactor.text", read: (text) => redactor.text(text) });

/** PowerShell's `-EncodedCommand` argument: base64 of the UTF-16LE text. */
const encoded = (script: string) => Buffer.from(script, "utf16le").toString("base64");
const netUser = (tag: string) => `net user ops-marker-7f3a9c-${tag} Pw-${tag}-91x! /add`;
const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>\n`;
const bat = (...lines: string[]) => `<script>\n${lines.join("\n")}\n</script>\n`;

/** A gzip member inflating to 1 MiB; n of them in a row are one gzip stream inflating to n MiB. */
const MIB_BOMB = gzipSync(Buffer.alloc(1 << 20, 0x41));
const bomb = (mib: number) => Buffer.concat(Array<Buffer>(mib).fill(MIB_BOMB)).toString("base64");

export const SECRET_SHAPES: Record<string, Shape[]> = {
  "test/lib/secret-script-pieces-windows.test.ts": [
    decoded("-EncodedCommand of n net user lines", 500, (n) =>
      ps(`powershell -enc ${encoded(many(n, (i) => netUser(`big-${i}`)))}`),
    ),
    decoded("a text of 300n characters run n times by iex", 150, (n) =>
      ps(
        `$a = '${"x".repeat(300 * n)}'`,
        many(n, (i) => `iex "$a ${i}"`),
      ),
    ),
    decoded("cmd /c nested n deep", 2_500, (n) => bat(`${"cmd /c ".repeat(n)}${netUser("cmd-deep")}`)),
    pieces("n distinct encoded commands", 500, (n) =>
      ps(many(n, (i) => `powershell -enc ${encoded(netUser(`many-${i}`))}`)),
    ),
    decoded("n net user; Write-Host lines, no user data", 300, (n) =>
      many(n, (i) => `net user u${i} Pw${i}x! /add ; Write-Host "x"`),
    ),
  ],
  "test/lib/secret-script-pieces-nested.test.ts": [
    decoded("write_files gzip bomb inflating to n MiB", 16, (n) =>
      [
        "#cloud-config",
        "write_files:",
        "  - path: /etc/ssh/sshd_config",
        "    encoding: gz+b64",
        `    content: ${bomb(n)}`,
        "",
      ].join("\n"),
    ),
  ],
  "test/engine/secret-leaks-redactor.test.ts": [
    redacted("n quotes holding a secret's start", 10_000, (n) => `"${"Param".repeat(24)}"`.repeat(n)),
  ],
};
