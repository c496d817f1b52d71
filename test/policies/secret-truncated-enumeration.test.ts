// A secret boot script whose pieces the enumeration cuts short (more lines than the cap before the weakening line,
// gzip inflating past the decode budget, a plain value longer than the budget) while the pack's reader reads on: the
// pack still reports the line, and its message quotes neither the line nor its marker. Through the SDK's own Analyze
// handler with the pack's decode hook, as under the CLI. The scripts are data; nothing here runs them.
import { MAX_LINES_PER_VALUE } from "../../lib/secret-script-pieces";
import { truncatedShellScripts } from "../lib/truncated-secret-scripts";
import { analyzeThroughHandler } from "./analyze-handler";
import { Diagnostic } from "./harness";
import { secret } from "./secret-wire";

const RULE = "disallow-userdata-login-weakening";
const TYPES = ["aws:ec2/instance:Instance", "alicloud:ecs/instance:Instance"];

const ROOT_LOGIN = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config # quokkamarker";
const PASSWORDS =
  "sed -i 's/^#*PasswordAuthentication.*/PasswordAuthentication yes/' /etc/ssh/sshd_config # wombatmark";
/** A Windows line adding an account: the reader quotes it with its password masked. */
const NET_USER = "net user quokkamarker Secretpass /add";
const HIDDEN = ["quokkamarker", "wombatmark", "PermitRootLogin yes", "PasswordAuthentication yes", "Secretpass"];

const ROWS: Array<[string, () => string]> = [
  [
    "more lines than the cap before the line, Windows <powershell>",
    () =>
      `<powershell>\n${Array.from({ length: MAX_LINES_PER_VALUE + 100 }, (_, i) => `Write-Host "filler line ${i}"`).join("\n")}\n${NET_USER}\n</powershell>\n`,
  ],
  ...truncatedShellScripts(`${ROOT_LOGIN}\n${PASSWORDS}`),
];

const verdicts = (ds: Diagnostic[]) => ds.map((d) => [d.policy, d.level]);
/** What a message says after the policy's description, which names settings in its own words. */
const finding = (d: Diagnostic) => d.message.slice(d.message.indexOf("\n") + 1);

describe.each(TYPES)("%s: a secret userData cut short by the enumeration's caps is masked", (type) => {
  it.each(ROWS)("%s", async (_, make) => {
    const script = make();
    const open = await analyzeThroughHandler(type, "res", { userData: script });
    const masked = await analyzeThroughHandler(type, "res", { userData: secret(script) });
    // The finding is not lost, and the plain script's message does quote what the secret one must not.
    expect(open.some((d) => d.policy === RULE && finding(d).includes("quokkamarker"))).toBe(true);
    expect(verdicts(masked)).toEqual(verdicts(open));
    const leaks = masked.flatMap((d) => HIDDEN.filter((needle) => finding(d).includes(needle)));
    expect(leaks).toEqual([]);
    expect(masked.filter((d) => d.policy === RULE).every((d) => d.message.includes("[secret]"))).toBe(true);
  });
});
