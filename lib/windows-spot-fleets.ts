// A spot fleet's launch specifications each carry their own user data: a Windows AMI's `<powershell>` or `[bat]`
// user data is read by the Windows reader, as an instance's is (windows-user-data.ts), and only the others are left
// for the shell reader. Mixed fleets (Linux and Windows specifications) are read specification by specification.
import { isUnknown, list, obj } from "./values";
import { windowsUserDataFindings } from "./windows-user-data";
import { WindowsFinding } from "./windows-script-findings";
import { appendAll } from "./arrays";

/** The Windows specifications' findings, and the specifications with their Windows user data taken out. */
export function windowsLaunchSpecifications(specs: unknown): { findings: WindowsFinding[]; others: unknown } {
  if (isUnknown(specs) || !Array.isArray(specs)) return { findings: [], others: specs };
  const findings: WindowsFinding[] = [];
  const others = list(specs).map((spec, i) => {
    const read = windowsUserDataFindings(`launchSpecifications[${i}].userData`, obj(spec)?.userData);
    if (!read) return spec;
    appendAll(findings, read);
    return { ...obj(spec), userData: undefined };
  });
  return { findings, others };
}
