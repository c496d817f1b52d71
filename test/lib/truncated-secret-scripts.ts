// Boot scripts whose secret pieces the enumeration cuts short (more lines than the cap before the weakening lines,
// gzip inflating past the decode budget, a plain cloud-config longer than the budget), shared by the pack's masking
// tests and the engine's redactor tests. The scripts are data; nothing runs them.
import { gzipSync } from "zlib";
import { MAX_DECODED, MAX_LINES_PER_VALUE } from "../../lib/secret-script-pieces";

export const gzb64 = (text: string) => gzipSync(Buffer.from(text)).toString("base64");
export const b64 = (text: string) => Buffer.from(text).toString("base64");
const fillerLines = (count: number) => Array.from({ length: count }, (_, i) => `echo "filler line ${i}"`).join("\n");
/** Lines alike, so gzip packs them into little: a comment that repeats. */
const padding = (chars: number) => `# ${"padding ".repeat(15)}\n`.repeat(Math.ceil(chars / 122));

/** A line the cloud-config row writes to sshd's configuration, with the marker the tests look for. */
export const CLOUD_CONFIG_LINE = "PermitRootLogin yes # quokkamarker";

/** Rows of (name, script) carrying `weakLines` (shell lines) after each cap. */
export function truncatedShellScripts(weakLines: string): Array<[string, () => string]> {
  return [
    ["more lines than the cap before the lines, plain", () => shellScript(fillerLines(MAX_LINES_PER_VALUE + 100))],
    [
      "more lines than the cap before the lines, gzip+base64",
      () => gzb64(shellScript(fillerLines(MAX_LINES_PER_VALUE + 100))),
    ],
    [
      "gzip inflating past the decode budget, its base64 a few KB",
      () => gzb64(shellScript(padding(MAX_DECODED + 4096))),
    ],
    [
      "a plain cloud-config longer than the budget with a b64 write_files entry",
      () =>
        [
          "#cloud-config",
          "write_files:",
          "  - path: /etc/ssh/sshd_config",
          "    append: true",
          "    encoding: b64",
          `    content: ${b64(`${CLOUD_CONFIG_LINE}\n`)}`,
          padding(MAX_DECODED + 4096),
        ].join("\n"),
    ],
  ];

  function shellScript(filler: string): string {
    return `#!/bin/bash\n${filler}\n${weakLines}\n`;
  }
}
