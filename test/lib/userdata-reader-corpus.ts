// A fixed corpus for the user-data reader: the synthetic stack's boot scripts (every role by posture, some with an
// own hostname line, each also made distinct as bench/synthetic/distinct-scripts.ts makes it, plain and base64) and
// the hostile shapes of bench/hostile-shapes-*.ts. What the reader finds in it is kept as a JSON fixture, so that a
// faster reader can be checked to find exactly what the one before it found. The shell text is only data.
import { Shape } from "../../bench/hostile-shapes";
import { SHELL_SHAPES } from "../../bench/hostile-shapes-shell";
import { WINDOWS_SHAPES } from "../../bench/hostile-shapes-windows";
import { withDistinctScripts } from "../../bench/synthetic/distinct-scripts";
import { b64, bootScript, Posture } from "../../bench/synthetic/posture";
import { Prng } from "../../bench/synthetic/prng";

const POSTURES: readonly Posture[] = ["secure", "insecure", "unknown"];
/** Draws per posture: enough for every one of the 24 roles and a few own hostname lines. */
const DRAWS = 160;
/** Hostile shapes are read small (findings kept whole) and at their benchmark size (findings kept as a digest). */
export const SMALL_N = 24;

/** The synthetic boot scripts, distinct texts only, in a fixed order, with their distinct and base64 variants. */
export function syntheticScripts(seed = 20261201): string[] {
  const rng = new Prng(seed);
  const scripts = new Set<string>();
  for (const posture of POSTURES) for (let i = 0; i < DRAWS; i++) scripts.add(bootScript(rng, posture));
  const plain = [...scripts];
  const resources = [...plain, ...plain.map(b64)].map((userData, i) => ({
    type: "aws:ec2/instance:Instance",
    name: `web-${i}`,
    urn: `urn:pulumi:bench::hardening-kit::aws:ec2/instance:Instance::web-${i}`,
    props: { userData },
  }));
  const distinct = withDistinctScripts(resources).map((r) => r.props.userData as string);
  return [...plain, ...distinct];
}

/** Every hostile shape, each under its test file's name and its own. */
export function hostileShapes(): { name: string; shape: Shape }[] {
  return Object.entries({ ...SHELL_SHAPES, ...WINDOWS_SHAPES }).flatMap(([file, shapes]) =>
    shapes.map((shape) => ({ name: `${file}: ${shape.reader.name}: ${shape.name}`, shape })),
  );
}
