// A path's trailing slashes cut off: `/etc/ssh/` names `/etc/ssh`. Written as scans, not as `/\/+$/`, which the regex
// engine retries at every slash of a run that does not end the text: quadratic on a hostile path.

/** `path` without the slashes it ends with. */
export function withoutTrailingSlashes(path: string): string {
  let cut = path.length;
  while (cut > 0 && path[cut - 1] === "/") cut--;
  return cut === path.length ? path : path.slice(0, cut);
}

/** The same, a trailing `/.` cut too: `cp -r src/. dst` copies the folder `src`. */
export function withoutTrailingSlashesOrDot(path: string): string {
  const dot = path.length >= 2 && path.endsWith("/.");
  return withoutTrailingSlashes(dot ? path.slice(0, -1) : path);
}
