// CMD, ENTRYPOINT and HEALTHCHECK do not change the image as it is built: they run when a container starts from it
// (HEALTHCHECK again and again while it runs), and what they write to sshd_config or root's keys is there from then
// on. Each is read as the command it runs, after every build step, as it runs after them whatever its place in the
// file, with every ENV the image carries. An exec-form ENTRYPOINT is read with the CMD of its stage too, whose words
// become its arguments: `ENTRYPOINT ["/bin/sh", "-c"]` with `CMD ["<script>"]` runs the script.
import { commandScript, commandWords, execFormWords, Instruction } from "./dockerfile-commands";
import { commandOfWords } from "./shell-invocations";

/** Instructions that run a command when a container starts. */
export const START_INSTRUCTIONS: ReadonlySet<string> = new Set(["CMD", "ENTRYPOINT", "HEALTHCHECK"]);

/** The shell text of the commands a Dockerfile's containers run as they start, in the order written. */
export function startScripts(instructions: readonly Instruction[]): string[] {
  const scripts: string[] = [];
  let entrypoint: string[] | undefined;
  let cmd: string[] | undefined;
  // The CMD whose words an exec-form ENTRYPOINT takes: the last of each in a stage, whichever comes first.
  const pair = () => {
    if (entrypoint && cmd) scripts.push(commandOfWords([...entrypoint, ...cmd]));
    entrypoint = cmd = undefined;
  };
  for (const instruction of instructions) {
    const { keyword, args } = instruction;
    if (keyword === "FROM") pair();
    else if (keyword === "HEALTHCHECK") {
      const check = /^CMD\s+([^]*)$/i.exec(args.trim());
      if (check) scripts.push(commandScript({ args: check[1], documents: [] }));
    } else if (keyword === "CMD" || keyword === "ENTRYPOINT") {
      scripts.push(commandScript({ args, documents: [] }));
      if (keyword === "CMD") cmd = commandWords(args);
      else entrypoint = execFormWords(args);
    }
  }
  pair();
  return scripts;
}
