// Case step 5: the investigation relied on the account's audit log of who did what.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { bool, isUnknown } from "../../lib/values";
import { deliversDurably } from "../lib/actiontrail-delivery";
import { recordsManagementEvents } from "../lib/cloudtrail-management-events";
import { ALI_COMPUTE, AWS_COMPUTE, computeNames } from "../lib/compute-types";
import { EVENT_DATA_STORE } from "../lib/event-data-stores";
import { unverifiable } from "../lib/findings";
import { Proof } from "../lib/proof";
import { is } from "../lib/text-values";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { inDeployedPlaces } from "../lib/templates/template-regions";
import { providerName, trailAccount, trailAccountDoubt } from "../lib/trail-accounts";

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
      "A stack that creates compute must also keep an audit trail of API activity in the compute's own account.",
    details:
      "A stack that creates compute also keeps an audit trail of API activity in the compute's own account: an enabled CloudTrail trail that records management events (or a CloudTrail Lake event data store of management events that is not suspended; a trail or store of data events only, of AWS Config items or of outside events keeps no record of who did what and does not count) on AWS, and on Alibaba Cloud an enabled ActionTrail trail that delivers to an OSS bucket (ossBucketName, as require-actiontrail-all-regions-events requires; a trail sending only to SLS or MaxCompute, or nowhere, does not count). A trail counts only for compute in its own account, as the providers' inputs tell: providers pinned to one account (a single allowedAccountIds, the account in the ARN of the role they assume last, or the Alibaba Cloud uid in an assumeRole roleArn) are compared by that account; providers whose possible accounts cannot overlap act in other accounts; when an assumed role, profile or credentials (accessKey, token, shared credentials or config files) differ, Alibaba Cloud providers declare different accountIds, or these inputs are unknown at preview, a note names both providers (a violation when failing closed). An organization trail (isOrganizationTrail, or organizationEnabled on a store) is created in the management account and counts for every account. Compute and trails deployed by raw CloudFormation or ROS templates count too; a CloudFormation stack set's run in its instances' accounts. Set providedExternally when an organisation trail outside the stack covers the account.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Add an aws.cloudtrail.Trail (multi-region, log file validation) or an alicloud.actiontrail.Trail with ossBucketName (an SLS project only beside it) to the stack.",
      "Keep the trail under the compute's provider (its account), or make the management account's trail an organization trail (isOrganizationTrail: true).",
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
    // A template's resources run in its stack's account; a stack set's in its instances' accounts.
    const res = new Resolver(inDeployedPlaces(resources));
    return [
      ...auditFindings(res, AWS_COMPUTE, AWS_TRAILS, "CloudTrail trail (or event data store)", AWS_COUNTED),
      ...auditFindings(res, ALI_COMPUTE, ALICLOUD_TRAILS, "ActionTrail trail", ALICLOUD_COUNTED),
    ];
  },
});

/** Compute is audited by a counted trail in its own account (its provider's) or an organization trail. */
function auditFindings(
  res: Resolver,
  compute: string[],
  switches: TrailSwitch[],
  name: string,
  counted: string,
): StackFinding[] {
  const groups = new Map<string, GenericResource[]>();
  for (const host of res.ofType(...compute))
    groups.set(host.provider ?? "", [...(groups.get(host.provider ?? "") ?? []), host]);
  return [...groups.values()].flatMap((hosts) => {
    const host = hosts[0];
    const trails = switches.flatMap((w) =>
      res.ofType(w.type).map((t) => ({ w, t, state: trailState(w, t), account: trailAccount(t, host) })),
    );
    if (trails.some((x) => x.state === "yes" && x.account === "same")) return [];
    const names = computeNames(hosts);
    // A trail whose switch is unknown at preview, or whose account is, may be the one: a note, not a silent pass.
    if (trails.some((x) => x.state === "unknown" && x.account === "same"))
      return [
        { ...unverifiable(`the ${name}'s ${fields(switches)}`, `the stack creates compute: ${names}`), urn: host.urn },
      ];
    const maybe = trails.find((x) => x.state !== "no" && x.account === "maybe");
    if (maybe)
      return [
        {
          ...unverifiable(
            `the account of ${maybe.w.label} ${maybe.t.name} (${providerName(maybe.t)})`,
            `whether it records the stack's compute ${names} (${providerName(host)}): ${trailAccountDoubt(maybe.t, host)}`,
          ),
          urn: host.urn,
        },
      ];
    const start = `the stack creates compute (${names}) but no enabled ${name}`;
    // A trail that would count, were it in the compute's account: say where it is and how to fix it.
    const elsewhere = trails.find((x) => x.state !== "no");
    if (!elsewhere) return [{ urn: host.urn, message: `${start}${counted}` }];
    const { w, t } = elsewhere;
    return [
      {
        urn: host.urn,
        message: `${start} records its account (${providerName(host)}): ${w.label} ${t.name} (${providerName(t)}) records another account; ${w.organizationFix} or add one under ${providerName(host)}`,
      },
    ];
  });
}

type Enabled = "yes" | "no" | "unknown";

/** Where a kind of trail says whether it records. */
interface TrailSwitch {
  type: string;
  /** What findings call it. */
  label: string;
  /** How it comes to record every account of the organization. */
  organizationFix: string;
  field: string;
  state: (v: unknown) => Enabled;
  /** Whether what it records is the account's API activity at all (a trail or store may hold other events only). */
  auditsApiCalls?: (inputs: Record<string, unknown>) => Proof;
  /** The fields auditsApiCalls reads, for notes. */
  auditsFields?: string[];
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
  [...new Set(switches.flatMap((w) => [w.field, ...(w.auditsFields ?? [])]))].join(" or ");
const notSuspended = (v: unknown) => {
  const suspended = bool(v);
  return suspended === undefined ? undefined : !suspended;
};
// Management events are the account's record of who did what; data events alone (one bucket's objects) are not.
const AWS_TRAILS: TrailSwitch[] = [
  {
    type: CLOUDTRAIL,
    label: "CloudTrail trail",
    organizationFix: "make it an organization trail (isOrganizationTrail)",
    field: "enableLogging",
    state: (v) => switchedOn(v, bool),
    auditsApiCalls: recordsManagementEvents,
    auditsFields: ["eventSelectors", "advancedEventSelectors"],
  },
  {
    type: EVENT_DATA_STORE,
    label: "CloudTrail Lake event data store",
    organizationFix: "make it collect the organization's events (organizationEnabled)",
    field: "suspend",
    state: (v) => switchedOn(v, notSuspended),
    auditsApiCalls: recordsManagementEvents,
    auditsFields: ["advancedEventSelectors"],
  },
];
const AWS_COUNTED =
  " recording management events (console sign-ins, IAM and API calls): a trail or store of data events only, of AWS Config items or of events from outside AWS keeps no record of who did what";
// The same delivery require-actiontrail-all-regions-events asks of the account's trail.
const ALICLOUD_TRAILS: TrailSwitch[] = [ACTIONTRAIL, ACTIONTRAIL_DEPRECATED].map((type) => ({
  type,
  label: "ActionTrail trail",
  organizationFix: "make it a multi-account trail of the resource directory (isOrganizationTrail)",
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
