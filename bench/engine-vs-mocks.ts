// Offline engine vs plain `pulumi.runtime.setMocks` on the same synthetic program (200, 1,000 and 2,000 resources).
// Run after the build: `node dist/bench/engine-vs-mocks.js [runs]`. Prints wall and CPU times of each and the ratios,
// and the program alone: the same program process against the engine's monitor served from this process, which is
// the floor of any engine that runs programs the way the language host does (the CLI's own start and report excluded),
// and the same program against an instant monitor that answers each registration with its URN alone (the floor of
// the program process itself: its gRPC client and protobuf work).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalMonitor } from "../engine/monitor";
import { runProgram } from "../engine/program";
import { instantMonitor } from "./synthetic/instant-monitor";

const SIZES = (process.env.BENCH_SIZES ?? "200,1000,2000").split(",").map(Number);
const RUNS = Number(process.argv[2] ?? 5);
/** Issue 2's goal: the engine within 1.3x of plain mocks at 1,000 resources. */
const GOAL_SIZE = 1000;
const GOAL_RATIO = 1.3;
const CLI = path.join(__dirname, "../engine/cli.js");
const PULUMI = require.resolve("@pulumi/pulumi");

/** Five resources per group: a component with a VPC, security group, subnet and instance wired by outputs. */
const PROGRAM = `
const pulumi = require(${JSON.stringify(PULUMI)});
const count = Number(process.env.SYNTH_COUNT);
class Res extends pulumi.CustomResource {
  constructor(type, name, props, opts) { super(type, name, { ...props, arn: undefined }, opts); }
}
class Group extends pulumi.ComponentResource {
  constructor(name, i, opts) {
    super("synth:index:Group", name, {}, opts);
    const vpc = new Res("aws:ec2/vpc:Vpc", name + "-vpc", { cidrBlock: "10." + (i % 250) + ".0.0/16", tags: { group: name } }, { parent: this });
    const sg = new Res("aws:ec2/securityGroup:SecurityGroup", name + "-sg", {
      vpcId: vpc.id,
      ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }],
    }, { parent: this });
    new Res("aws:ec2/subnet:Subnet", name + "-subnet", { vpcId: vpc.id, cidrBlock: "10." + (i % 250) + ".1.0/24" }, { parent: this });
    new Res("aws:ec2/instance:Instance", name + "-vm", { vpcSecurityGroupIds: [sg.id], instanceType: "t3.micro" }, { parent: this });
    this.registerOutputs({});
  }
}
for (let i = 0; i < Math.floor(count / 5); i++) new Group("g" + i, i);
`;

const MOCKS = `
const pulumi = require(${JSON.stringify(PULUMI)});
pulumi.runtime.setMocks(
  { newResource: (args) => ({ id: args.name + "_id", state: args.inputs }), call: () => ({}) },
  "synth", "bench", true,
);
require(process.argv[2]);
`;

function writeProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-bench-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: synth\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), "config:\n  aws:region: us-east-1\n");
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  fs.writeFileSync(path.join(dir, "mocks.js"), MOCKS);
  return dir;
}

/** CPU seconds (user + system) of all reaped child processes so far; Linux only (/proc), else NaN. */
function childrenCpu(): number {
  try {
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // After ") ": state is field 3, so cutime (16) and cstime (17) sit at indexes 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

interface Timing {
  wall: number;
  cpu: number;
}

function timeRun(args: string[], env: NodeJS.ProcessEnv): Timing {
  const cpuBefore = childrenCpu();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return { wall, cpu: childrenCpu() - cpuBefore };
}

// The stack's region, as its Pulumi.bench.yaml gives it: the AWS provider needs one.
const BENCH_CONFIG = { "aws:region": "us-east-1" };
const MONITOR_OPTIONS = { project: "synth", stack: "bench", config: BENCH_CONFIG };

/** The program process alone, from spawn to exit, registering with a monitor run by this process. */
async function timeProgramAlone(dir: string, env: NodeJS.ProcessEnv, monitor: LocalMonitor): Promise<Timing> {
  const address = await monitor.start();
  try {
    const cpuBefore = childrenCpu();
    const start = process.hrtime.bigint();
    const run = await runProgram({
      root: dir,
      program: path.join(dir, "index.js"),
      project: "synth",
      stack: "bench",
      monitorAddress: address,
      config: { values: BENCH_CONFIG, secretKeys: [] },
      env,
    });
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.exitCode !== 0) throw new Error(`program alone exited ${run.exitCode}: ${run.stderr}`);
    return { wall, cpu: childrenCpu() - cpuBefore };
  } finally {
    monitor.stop();
  }
}

/** Best of `runs` for each subject, runs alternating so that a change of machine load hits all alike. */
async function bestAlternating(runs: number, subjects: (() => Timing | Promise<Timing>)[]): Promise<Timing[]> {
  const all: Timing[][] = subjects.map(() => []);
  for (let i = 0; i < runs; i++) for (const [j, subject] of subjects.entries()) all[j].push(await subject());
  return all.map((ts) => ({
    wall: Math.min(...ts.map((t) => t.wall)),
    // CPU time is steadier than wall time on a shared machine.
    cpu: Math.min(...ts.map((t) => t.cpu)),
  }));
}

const col = (n: number, width: number) => n.toFixed(2).padStart(width);

async function main(): Promise<void> {
  const dir = writeProject();
  console.log(`engine-vs-mocks: best of ${RUNS} alternating runs from process start to exit, ${os.cpus().length} CPUs`);
  console.log(`load average ${os.loadavg()[0].toFixed(1)}: wall time is only comparable on an idle machine`);
  console.log(
    "resources  engine wall (s)  mocks wall (s)  ratio  engine cpu (s)  mocks cpu (s)  cpu ratio  program alone (s)  ratio" +
      "  instant monitor (s)  ratio",
  );
  let atGoal: { engine: number; floor: number } | undefined;
  for (const size of SIZES) {
    const env = { SYNTH_COUNT: String(size) };
    const [engine, mocks, alone, instant] = await bestAlternating(RUNS, [
      () => timeRun([CLI, "--cwd", dir, "--stack", "bench", "--no-policy", "--json"], env),
      () => timeRun([path.join(dir, "mocks.js"), dir], env),
      () => timeProgramAlone(dir, env, new LocalMonitor(MONITOR_OPTIONS)),
      () => timeProgramAlone(dir, env, instantMonitor(MONITOR_OPTIONS)),
    ]);
    if (size === GOAL_SIZE) atGoal = { engine: engine.wall / mocks.wall, floor: instant.wall / mocks.wall };
    console.log(
      [
        String(size).padStart(9),
        col(engine.wall, 15),
        col(mocks.wall, 14),
        col(engine.wall / mocks.wall, 5),
        col(engine.cpu, 14),
        col(mocks.cpu, 13),
        col(engine.cpu / mocks.cpu, 9),
        col(alone.wall, 17),
        col(alone.wall / mocks.wall, 5),
        col(instant.wall, 19),
        col(instant.wall / mocks.wall, 5),
      ].join("  "),
    );
  }
  if (atGoal) {
    const verdict = atGoal.engine <= GOAL_RATIO ? "PASS" : "MISS";
    console.log(
      `${verdict}  engine vs mocks at ${GOAL_SIZE}: ${atGoal.engine.toFixed(2)} (goal <= ${GOAL_RATIO}); ` +
        `the program against an instant monitor alone: ${atGoal.floor.toFixed(2)}, before any engine's own start`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
