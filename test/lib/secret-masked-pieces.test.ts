// secretMaskedPieces, what the engine's redactor and the pack's masking both mask of a secret string: the script
// pieces, and when a cap cut their enumeration short, the lines the readers quote, so that masking fails closed.
import { gzipSync } from "zlib";
import {
  MAX_DECODED,
  MAX_LINES_PER_VALUE,
  readSecretScript,
  secretMaskedPieces,
  secretScriptPieces,
} from "../../lib/secret-script-pieces";

const LINE = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config # quokkamarker";
const fillerLines = (count: number) => Array.from({ length: count }, (_, i) => `echo "filler line ${i}"`).join("\n");
const padding = (chars: number) => `# ${"padding ".repeat(15)}\n`.repeat(Math.ceil(chars / 122));
const gzb64 = (text: string) => gzipSync(Buffer.from(text)).toString("base64");

describe("secretMaskedPieces", () => {
  it("is the script pieces when their enumeration is complete", () => {
    const script = `#!/bin/bash\n${fillerLines(10)}\n${LINE}\n`;
    expect(readSecretScript(script).complete).toBe(true);
    expect(secretMaskedPieces(script)).toEqual(secretScriptPieces(script));
  });

  it.each([
    ["more lines than the cap before the line", `#!/bin/bash\n${fillerLines(MAX_LINES_PER_VALUE + 100)}\n${LINE}\n`],
    ["gzip inflating past the decode budget", gzb64(`#!/bin/bash\n${padding(MAX_DECODED + 4096)}${LINE}\n`)],
  ])("adds the line the reader quotes when a cap cut the enumeration short: %s", (_, script) => {
    expect(readSecretScript(script).complete).toBe(false);
    expect(secretScriptPieces(script)).not.toContain(LINE);
    expect(secretMaskedPieces(script)).toContain(LINE);
  });

  it("loads the readers on first use, not on import", () => {
    const loaded: string[] = [];
    jest.isolateModules(() => {
      for (const reader of ["../../lib/userdata", "../../lib/userdata-decoded-texts"])
        jest.doMock(reader, () => {
          loaded.push(reader);
          return jest.requireActual(reader);
        });
      const pieces = require("../../lib/secret-script-pieces") as typeof import("../../lib/secret-script-pieces");
      expect(loaded).toEqual([]);
      expect(pieces.secretMaskedPieces(`#!/bin/bash\n${fillerLines(MAX_LINES_PER_VALUE + 100)}\n${LINE}\n`)).toContain(
        LINE,
      );
      expect(loaded.sort()).toEqual(["../../lib/userdata", "../../lib/userdata-decoded-texts"]);
    });
  });
});
