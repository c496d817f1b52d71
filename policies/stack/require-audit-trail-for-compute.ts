// Case step 5: the investigation relied on the account's audit log of who did what.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { bool, isUnknown } from "../../lib/values";
import { deliversDurably } from "../lib/actiontrail-delivery";
import { ALI_COMPUTE, AWS_COMPUTE, computeNames } from "../lib/compute-types";
import { EVENT_DATA_STORE, recordsCloudTrailEvents } from "../lib/event-data-stores";
import { unverifiable } from "../lib/findings";
import { Proof } from "../lib/proof";
import { is } from "../lib/text-values";
import { defineStackRule, StackFinding } from "../lib/stack-rule";

interface Config {
  required: boolean;
  providedExternally: boolean;
}

const CLOUDTRAIL = "aws:cloudtrail/trail:Trail";
const ACTIONTRAIL = "alicloud:actiontrail/trail:Trail";
/** The older trail resource still records events and counts as a trail. */
const ACTIONTRAIL_DEPRECATED = "alicloud:actiontrail/trailDeprecated:TrailDeprecated";

export const requireAuditTrailForCompute = defineStackRule<Config>({
  metadata: {
    name: "require-audit-trail-for-compute",
    description:
      "A stack that creates compute also keeps an audit trail of API activity: an enabled CloudTrail trail (or a CloudTrail Lake event data store of CloudTrail events that is not suspended; a store of only AWS Config items or outside events does not count) on AWS, and on Alibaba Cloud an enabled ActionTrail trail that delivers to an OSS bucket (ossBucketName, as require-actiontrail-all-regions-events requires; a trail sending only to SLS or MaxCompute, or nowhere, does not count). Compute and trails deployed by raw CloudFormation or ROS templates count too. Set providedExternally when an organisation trail covers the account.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Add an aws.cloudtrail.Trail (multi-region, log file validation) or an alicloud.actiontrail.Trail with ossBucketName (an SLS project only beside it) to the stack.",
      "If an organisation-level trail already covers the account, set config providedExternally: true for this policy.",
    ],
    controls: [
      { framework: "CIS AWS v3.0", id: "3.1" },
      { framework: "CIS Alibaba Cloud v2.0", id: "2.1" },
      { framework: "MLPS 2.0 L3", id: "8.1.5" },
    ],
    caseStep: 5,
    resourceTypes: [...AWS_COMPUTE, ...ALI_COMPUTE, CLOUDTRAIL, EVENT_DATA_STORE, ACTIONTRAIL, ACTIONTRAIL_DEPRECATED],
  },
  configSchema: {
    required: { type: "boolean", description: "Require a trail when the stack creates compute (default true)." },
    providedExternally: {
      type: "boolean",
      description: "An organisation trail outside the stack covers it (default false).",
    },
  },
  parseConfig: (r) => ({
    required: r.boolean("required", true),
    providedExternally: r.boolean("providedExternally", false),
  }),
  readsTemplateResources: true,
  check: ({ resources, config }) => {
    if (!config.required || config.providedExternally) return [];
    const res = new Resolver(resources);
    const findings: StackFinding[] = [];
    const check = (compute: string[], switches: TrailSwitch[], name: string, counted = "") => {
      const hosts = res.ofType(...compute);
      if (hosts.length === 0) return;
      const states = switches.flatMap((w) => res.ofType(w.type).map((t) => trailState(w, t)));
      if (states.includes("yes")) return;
      const names = computeNames(hosts);
      // A trail whose switch is unknown at preview may be the enabled one: a note, not a silent pass.
      findings.push(
        states.includes("unknown")
          ? {
              ...unverifiable(`the ${name}'s ${fields(switches)}`, `the stack creates compute: ${names}`),
              urn: hosts[0].urn,
            }
          : { urn: hosts[0].urn, message: `the stack creates compute (${names}) but no enabled ${name}${counted}` },
      );
    };
    check(AWS_COMPUTE, AWS_TRAILS, "CloudTrail trail (or event data store)");
    check(ALI_COMPUTE, ALICLOUD_TRAILS, "ActionTrail trail", ALICLOUD_COUNTED);
    return findings;
  },
});

type Enabled = "yes" | "no" | "unknown";

/** Where a kind of trail says whether it records. */
interface TrailSwitch {
  type: string;
  field: string;
  state: (v: unknown) => Enabled;
  /** Whether what it records is the account's API activity at all (a Lake store may hold other events). */
  auditsApiCalls?: (inputs: Record<string, unknown>) => Proof;
  /** The field auditsApiCalls reads, for notes. */
  auditsField?: string;
  /** Whether it keeps what it records where no intruder can erase it; a trail that does not is no trail here. */
  keepsDurably?: (trail: GenericResource) => boolean;
}

function trailState(w: TrailSwitch, trail: GenericResource): Enabled {
  if (w.keepsDurably?.(trail) === false) return "no";
  const { inputs } = trail;
  const audits = w.auditsApiCalls?.(inputs) ?? "yes";
  if (audits === "no") return "no";
  const on = w.state(inputs[w.field]);
  return on === "yes" && audits === "unknown" ? "unknown" : on;
}

const fields = (switches: TrailSwitch[]) =>
  [...new Set(switches.flatMap((w) => (w.auditsField ? [w.field, w.auditsField] : [w.field])))].join(" or ");
const notSuspended = (v: unknown) => {
  const suspended = bool(v);
  return suspended === undefined ? undefined : !suspended;
};
const AWS_TRAILS: TrailSwitch[] = [
  { type: CLOUDTRAIL, field: "enableLogging", state: (v) => switchedOn(v, bool) },
  {
    type: EVENT_DATA_STORE,
    field: "suspend",
    state: (v) => switchedOn(v, notSuspended),
    auditsApiCalls: recordsCloudTrailEvents,
    auditsField: "advancedEventSelectors",
  },
];
// The same delivery require-actiontrail-all-regions-events asks of the account's trail.
const ALICLOUD_TRAILS: TrailSwitch[] = [ACTIONTRAIL, ACTIONTRAIL_DEPRECATED].map((type) => ({
  type,
  field: "status",
  state: (v) => switchedOn(v, (s) => !is(s, "Disable")),
  keepsDurably: deliversDurably,
}));
const ALICLOUD_COUNTED =
  " delivering to an OSS bucket (ossBucketName): a trail sending its events only to SLS or MaxCompute, or nowhere, keeps no record an intruder cannot erase";

/** A trail switch: absent means on (both providers' default); unknown at preview is neither. */
function switchedOn(v: unknown, read: (v: unknown) => boolean | undefined): Enabled {
  if (isUnknown(v)) return "unknown";
  if (v === undefined || v === null) return "yes";
  return read(v) === false ? "no" : "yes";
}
