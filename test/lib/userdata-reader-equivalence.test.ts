// The reader finds in a fixed corpus exactly what it found when the fixture was written: the same weaknesses, lines,
// notes and order, and the same messages, so that work on its speed cannot change a finding unnoticed. The fixture
// (userdata-reader-findings.json) is written by running this file with UPDATE_READER_FINDINGS=1, only when a change
// of findings is meant. The scripts are only data handed to the reader.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { findLoginWeaknesses } from "../../lib/userdata";
import { decodeUserData } from "../../lib/userdata-decode";
import { scriptFindings } from "../../policies/lib/script-findings";
import { hostileShapes, SMALL_N, syntheticScripts } from "./userdata-reader-corpus";

const FIXTURE = path.join(__dirname, "userdata-reader-findings.json");
const UPDATE = process.env.UPDATE_READER_FINDINGS === "1";

interface Fixture {
  synthetic: { text: string; findings: unknown }[];
  hostileSmall: Record<string, { text: string; result: unknown }>;
  hostileLarge: Record<string, { chars: number; sha256: string }>;
}

/** A result as JSON keeps it: fields left undefined are dropped, as a fixture cannot hold them. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));
const sha256 = (value: unknown): string =>
  createHash("sha256")
    .update(JSON.stringify(value ?? null))
    .digest("hex");

/** What the reader and the policy's message builder make of one user-data value. */
const syntheticReading = (userData: string) => {
  const script = decodeUserData(userData);
  return plain({ weaknesses: findLoginWeaknesses(script), messages: scriptFindings("userData", script) });
};

function currentFixture(): Fixture {
  const fixture: Fixture = { synthetic: [], hostileSmall: {}, hostileLarge: {} };
  for (const text of syntheticScripts()) fixture.synthetic.push({ text, findings: syntheticReading(text) });
  for (const { name, shape } of hostileShapes()) {
    const small = shape.text(SMALL_N);
    fixture.hostileSmall[name] = { text: small, result: plain(shape.reader.read(small)) };
    const large = shape.text(shape.n);
    fixture.hostileLarge[name] = { chars: large.length, sha256: sha256(shape.reader.read(large)) };
  }
  return fixture;
}

describe("the user-data reader on a fixed corpus", () => {
  if (UPDATE) {
    it("writes the fixture", () => {
      fs.writeFileSync(FIXTURE, `${JSON.stringify(currentFixture(), null, 1)}\n`);
    });
    return;
  }
  const fixture = JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as Fixture;

  it("holds every role's script by posture, distinct and base64 variants included", () => {
    expect(fixture.synthetic.length).toBeGreaterThanOrEqual(4 * 48);
    const kinds = new Set(
      fixture.synthetic.flatMap(({ findings }) =>
        (findings as { weaknesses: { kind: string }[] }).weaknesses.map((w) => w.kind),
      ),
    );
    expect([...kinds].sort()).toEqual(["password-authentication", "password-set", "root-login"]);
  });

  it("finds in the synthetic scripts what it found before", () => {
    const mismatches = fixture.synthetic.filter(({ text, findings }) => {
      const now = syntheticReading(text);
      return JSON.stringify(now) !== JSON.stringify(findings);
    });
    expect(mismatches.map(({ text }) => text)).toEqual([]);
  });

  const shapes = hostileShapes();

  it.each(shapes.map(({ name, shape }) => [name, shape] as const))("reads %s small as before", (name, shape) => {
    const kept = fixture.hostileSmall[name];
    expect(kept).toBeDefined();
    expect(plain(shape.reader.read(kept.text))).toEqual(kept.result);
  });

  it.each(shapes.map(({ name, shape }) => [name, shape] as const))("reads %s at size as before", (name, shape) => {
    const kept = fixture.hostileLarge[name];
    const text = shape.text(shape.n);
    expect(text.length).toBe(kept.chars);
    expect(sha256(shape.reader.read(text))).toBe(kept.sha256);
  });
});
