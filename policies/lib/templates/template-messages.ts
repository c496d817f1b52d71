// Every message about a resource declared in a template names it: `template resource Web (AWS::EC2::Instance): …`,
// after the note lead that reports and readers look for, with the resource's hint before the case-step suffix.
import { ReportViolation } from "@pulumi/policy";
import { CASE_STEP_SEPARATOR } from "../case-step";
import { EmbeddedResource } from "./embedded-resource";

const NOTE_LEAD = "cannot be verified at preview: ";

function describe(r: EmbeddedResource): string {
  return `template resource ${r.logicalId} (${r.templateType})${r.where ? ` ${r.where}` : ""}: `;
}

function relabel(message: string, r: EmbeddedResource): string {
  const lead = message.startsWith(NOTE_LEAD) ? NOTE_LEAD : "";
  const end = r.hint ? message.lastIndexOf(CASE_STEP_SEPARATOR) : -1;
  const [body, tail] = end > 0 ? [message.slice(0, end), message.slice(end)] : [message, ""];
  return `${lead}${describe(r)}${body.slice(lead.length)}${r.hint ? ` (${r.hint})` : ""}${tail}`;
}

/**
 * A reporter for findings about `r`, plain messages and note objects alike. `containerUrn`: findings a stack check
 * attached to the template resource's own urn are attached to the container, the resource the engine knows.
 */
export function aboutTemplateResource(
  report: ReportViolation,
  r: EmbeddedResource,
  containerUrn?: string,
): ReportViolation {
  return ((message: unknown, urn?: string) => {
    const target = containerUrn ?? urn;
    if (typeof message === "object" && message !== null) {
      const v = message as { message?: string; urn?: string };
      const moved = containerUrn && v.urn !== undefined ? { urn: containerUrn } : {};
      return report({ ...v, ...moved, message: relabel(v.message ?? "", r) } as never, target);
    }
    return report(relabel(String(message ?? ""), r), target);
  }) as ReportViolation;
}
