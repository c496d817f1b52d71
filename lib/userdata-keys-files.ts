// `AuthorizedKeysFile /etc/ssh/keys/%u`: sshd then takes root's keys from /etc/ssh/keys/root, and writing that file
// plants a key as writing /root/.ssh/authorized_keys does. The patterns are read from any text the scan reads, set
// or not: a path they name for root counts as root's keys only when something writes it. `AuthorizedPrincipalsFile
// /etc/ssh/auth_principals/%u` alike: a principal written to root's file lets any certificate of the trusted CA bearing
// it log in as root. A home `usermod -d` gives root moves root's keys there too (see rootHomeKeysFiles).
import { AUTHORIZED_KEYS_FILE } from "./userdata-sshd-directives";
import { normalPath } from "./userdata-sshd-paths";
import { rootHomeKeysFiles } from "./userdata-root-accounts";
import { appendAll } from "./arrays";

/** sshd's tokens, as they stand for root: `%%` a percent sign, `%u` the name, `%h` the home, `%U` the uid. */
const ROOT_TOKENS: Record<string, string> = { "%%": "%", "%u": "root", "%h": "/root", "%U": "0" };

/**
 * The files the AuthorizedKeysFile and AuthorizedPrincipalsFile lines of `text` make root's keys (a relative pattern
 * is under root's home), and the keys files under a home a usermod of root in `text` gives it.
 */
export function rootKeysFilesNamed(text: string): string[] {
  const files: string[] = [];
  // exec on the global pattern itself: matchAll would copy it for every text read. It ends with lastIndex at 0.
  AUTHORIZED_KEYS_FILE.lastIndex = 0;
  for (let m = AUTHORIZED_KEYS_FILE.exec(text); m !== null; m = AUTHORIZED_KEYS_FILE.exec(text))
    for (const pattern of m[1].split(/[ \t]+/)) {
      if (pattern === "" || pattern.toLowerCase() === "none") continue;
      const path = pattern.replace(/%[%uhU]/g, (token) => ROOT_TOKENS[token]);
      files.push(normalPath(path.startsWith("/") ? path : `/root/${path}`));
    }
  appendAll(files, rootHomeKeysFiles(text));
  return files;
}
