// Offline engine vs plain `pulumi.runtime.setMocks` on the same synthetic program (200, 1,000 and 2,000 resources).
// Run after the build: `node dist/bench/engine-vs-mocks.js [runs]`. Prints the best wall time of each and the ratio.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SIZES = [200, 1000, 2000];
const RUNS = Number(process.argv[2] ?? 3);
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
  fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), "config: {}\n");
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  fs.writeFileSync(path.join(dir, "mocks.js"), MOCKS);
  return dir;
}

function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function best(runs: number, fn: () => number): number {
  return Math.min(...Array.from({ length: runs }, fn));
}

function main(): void {
  const dir = writeProject();
  console.log(`engine-vs-mocks: best of ${RUNS} runs, wall time from process start to exit (${os.cpus().length} CPUs)`);
  console.log("resources  engine (s)  setMocks (s)  ratio");
  for (const size of SIZES) {
    const env = { SYNTH_COUNT: String(size) };
    const engine = best(RUNS, () => timeRun([CLI, "--cwd", dir, "--stack", "bench", "--no-policy", "--json"], env));
    const mocks = best(RUNS, () => timeRun([path.join(dir, "mocks.js"), dir], env));
    const row = [
      String(size).padStart(9),
      (engine / 1000).toFixed(2).padStart(10),
      (mocks / 1000).toFixed(2).padStart(12),
    ];
    console.log(`${row.join("  ")}  ${(engine / mocks).toFixed(2).padStart(5)}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

main();
