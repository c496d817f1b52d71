// The region a profile of the AWS shared config file names, read as the AWS SDK reads it: `[default]` (or
// `[profile default]`) for the default profile, `[profile NAME]` for the others; later settings win.
import * as fs from "fs";

/** The profile's section headers in a config file (the SDK also takes `[profile default]` for the default). */
function sectionNames(profile: string): string[] {
  return profile === "default" ? ["default", "profile default"] : [`profile ${profile}`];
}

/** `[ profile  NAME ]` as the SDK normalises it: trimmed, with one space after `profile`. */
function sectionName(header: string): string {
  return header
    .slice(1, -1)
    .trim()
    .replace(/^profile\s+/, "profile ");
}

/** Comments start a line or follow whitespace (`region = eu-west-1 # Ireland`). */
function withoutComment(line: string): string {
  return line.replace(/(^|\s)[#;].*$/, "").trim();
}

/** The `region` of `profile` in one config file's text; undefined when the profile or its region is absent. */
export function profileRegion(text: string, profile: string): string | undefined {
  const wanted = sectionNames(profile);
  let section: string | undefined;
  let region: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    // Indented lines are nested settings (`s3 =` then `  region = …`), never the profile's own.
    if (/^\s/.test(raw)) continue;
    const line = withoutComment(raw);
    if (line.startsWith("[") && line.endsWith("]")) {
      section = sectionName(line);
      continue;
    }
    const eq = line.indexOf("=");
    if (section === undefined || eq < 0 || line.slice(0, eq).trim().toLowerCase() !== "region") continue;
    const value = line.slice(eq + 1).trim();
    if (wanted.includes(section) && value) region = value;
  }
  return region;
}

/** The profile's region across the config files, the last file that names one winning; unreadable files are skipped. */
export function sharedConfigRegion(files: string[], profile: string): string | undefined {
  let region: string | undefined;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    region = profileRegion(text, profile) ?? region;
  }
  return region;
}
