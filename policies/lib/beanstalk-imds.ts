// Elastic Beanstalk turns IMDSv1 off with the option DisableIMDSv1 in aws:autoscaling:launchconfiguration. Only an
// explicit false is judged: when the option is absent its value comes from the platform's default or the source
// bundle's .ebextensions, neither of which the stack shows.
import { bool, isUnknown, list, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { is } from "./text-values";

const NAMESPACE = "aws:autoscaling:launchconfiguration";
const OPTION = "disableimdsv1";

export function beanstalkImdsFindings(p: Record<string, unknown>): Finding[] {
  if (isUnknown(p.settings)) return [unverifiable("settings")];
  const findings: Finding[] = [];
  list(p.settings).forEach((s, i) => {
    const { namespace, name, value } = obj(s) ?? {};
    const mayTurnOn = isUnknown(value) || bool(value) === false;
    if (isUnknown(s) || ((isUnknown(namespace) || isUnknown(name)) && mayTurnOn)) {
      findings.push(unverifiable(`settings[${i}]`));
      return;
    }
    if (!is(namespace, NAMESPACE) || !is(name, OPTION)) return;
    if (isUnknown(value)) findings.push(unverifiable(`settings[${i}].value`));
    else if (bool(value) === false)
      findings.push(violation(`settings[${i}] sets DisableIMDSv1 to ${JSON.stringify(value)}: IMDSv1 stays open`));
  });
  return findings;
}
