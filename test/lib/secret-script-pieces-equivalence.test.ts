// readSecretScript's pieces must not change when its reading gets cheaper: boot scripts of every kind (bash with
// here-documents and sed edits, cloud-config with b64/gzip write_files, MIME multipart, PowerShell and batch user data,
// plain PowerShell), plain or base64 and gzip wrapped, against what the reading gave before (pieces as a sorted list,
// hashed to keep the fixture small, and whether they were complete).
import { createHash } from "crypto";
import { readFileSync } from "fs";
import { join } from "path";
import { readSecretScript } from "../../lib/secret-script-pieces";

interface FixtureRow {
  seed: number;
  kind: string;
  wrap: string;
  value: string;
  pieceCount: number;
  piecesSha256: string;
  complete: boolean;
}

const rows = JSON.parse(readFileSync(join(__dirname, "secret-script-pieces-fixture.json"), "utf8")) as FixtureRow[];

describe("readSecretScript on a fixed corpus of boot scripts", () => {
  it("covers Windows user data and nested encodings", () => {
    expect(rows.length).toBe(30);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["bash", "cloud", "mime", "windows", "plainps"]));
    expect(rows.some((r) => r.wrap === "gzb64")).toBe(true);
  });

  it.each(rows.map((r) => [`${r.seed} ${r.kind}/${r.wrap}`, r] as const))("%s: same pieces as before", (_n, row) => {
    const { pieces, complete } = readSecretScript(row.value);
    const sorted = [...pieces].sort();
    expect({
      pieceCount: sorted.length,
      piecesSha256: createHash("sha256").update(JSON.stringify(sorted)).digest("hex"),
      complete,
    }).toEqual({ pieceCount: row.pieceCount, piecesSha256: row.piecesSha256, complete: row.complete });
  });
});
