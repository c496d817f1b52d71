// Rows for the boot-script rule's password-login servers (telnet, rlogin/rsh/rexec, VNC, xrdp, web consoles): a bad row's one
// violation must quote its line and name exactly its servers and the fix; a good row must pass. Shared by the tests of
// servers a script starts itself and of those a super-server (xinetd, inetd) starts.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Diagnostic, run } from "./harness";

export const INSTANCE = "aws:ec2/instance:Instance";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const b64 = (s: string) => Buffer.from(s).toString("base64");
export const bash = (...lines: string[]) => ["#!/bin/bash", ...lines, ""].join("\n");

export const WHAT = "installs or starts a password-login remote-access server";
/** How each server is named in its message. */
export const LABEL = {
  telnet: "telnet:",
  rservices: "rlogin/rsh/rexec:",
  vnc: "VNC:",
  xrdp: "xrdp:",
  web: "web console:",
};
export type Server = keyof typeof LABEL;

export interface Bad {
  name: string;
  script: string;
  /** The servers the violation names. */
  servers: Server[];
  /** The line it quotes (masked), when it is not the script's last line. */
  quotes?: string;
  type?: string;
  field?: string;
  encode?: boolean;
}

export interface Good {
  name: string;
  script: string;
  type?: string;
}

/** The violations' own lines: the harness puts the policy's description before each. */
export async function violations(type: string, props: Record<string, unknown>): Promise<string[]> {
  const ds: Diagnostic[] = await run(disallowUserdataLoginWeakening, type, props);
  return ds
    .filter((d) => d.level === "mandatory" && !d.message.startsWith("cannot be verified"))
    .map((d) => d.message.slice(d.message.lastIndexOf("\n") + 1));
}

const lastLine = (script: string) => script.trim().split("\n").pop() ?? "";

/** One `reports …` test per bad row and one `passes …` test per good row, inside the caller's describe. */
export function loginServerRows(bad: Bad[], good: Good[]): void {
  it.each(bad.map((b) => [b.name, b] as const))("reports %s", async (_n, b) => {
    const field = b.field ?? "userData";
    const props = { [field]: b.encode ? b64(b.script) : b.script };
    const [finding, ...more] = await violations(b.type ?? INSTANCE, props);
    expect(more).toEqual([]);
    expect(finding).toContain(`${field} ${WHAT}: `);
    expect(finding).toContain(b.quotes ?? `"${lastLine(b.script)}"`);
    for (const server of b.servers) expect(finding).toContain(LABEL[server]);
    const others = (Object.keys(LABEL) as Server[]).filter((s) => !b.servers.includes(s));
    for (const server of others) expect(finding).not.toContain(LABEL[server]);
    expect(finding).toContain("use SSH with keys through the bastion");
  });

  it.each(good.map((g) => [g.name, g] as const))("passes %s", async (_n, g) => {
    expect(await violations(g.type ?? INSTANCE, { userData: g.script })).toEqual([]);
  });
}
