// Alibaba Cloud GTM 3.0 (@pulumi/alicloud 3.x): an address forced available is never failed over from
// (require-dns-failover-health-check), and its health tasks must be able to report it down (require-gtm-pool-monitoring)
// unless GTM never answers it (disabled, or set unavailable by hand).
import { requireDnsFailoverHealthCheck } from "../../policies/rules/require-dns-failover-health-check";
import { requireGtmPoolMonitoring } from "../../policies/rules/require-gtm-pool-monitoring";
import { knownRef, ref, StackBuilder } from "../reachability/stack-builder";
import { Probe, probesWith } from "../reachability/stack-probes";
import { Case, table, UNKNOWN } from "./harness";

const ADDRESS = "alicloud:alidnscloudgtmaddress/alidnsCloudGtmAddress:AlidnsCloudGtmAddress";
const TEMPLATE = "alicloud:alidnscloudgtm/monitorTemplate:MonitorTemplate";
const address = (props: Record<string, unknown> = {}) => ({
  name: "primary",
  type: "IPv4",
  address: "203.0.113.10",
  enableStatus: "enable",
  availableMode: "auto",
  healthJudgement: "all_ok",
  healthTasks: [{ templateId: "tpl-preset", port: 443 }],
  ...props,
});

describe("require-dns-failover-health-check: GTM 3.0 addresses", () => {
  table(requireDnsFailoverHealthCheck, [
    {
      name: "bad: manual mode set available",
      type: ADDRESS,
      props: address({ availableMode: "manual", manualAvailableStatus: "available" }),
      violations: 1,
    },
    {
      name: "bad: manual mode set available, in other cases",
      type: ADDRESS,
      props: address({ availableMode: "MANUAL", manualAvailableStatus: "Available" }),
      violations: 1,
    },
    {
      name: "good: auto mode ignores manualAvailableStatus",
      type: ADDRESS,
      props: address({ manualAvailableStatus: "available" }),
      violations: 0,
    },
    {
      name: "good: manual mode set unavailable takes the address out of answers",
      type: ADDRESS,
      props: address({ availableMode: "manual", manualAvailableStatus: "unavailable" }),
      violations: 0,
    },
    {
      name: "note: manual mode with manualAvailableStatus unknown",
      type: ADDRESS,
      props: address({ availableMode: "manual", manualAvailableStatus: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "note: availableMode unknown with manualAvailableStatus available",
      type: ADDRESS,
      props: address({ availableMode: UNKNOWN, manualAvailableStatus: "available" }),
      violations: 0,
      notes: 1,
    },
    {
      name: "good: availableMode unknown with manualAvailableStatus unavailable",
      type: ADDRESS,
      props: address({ availableMode: UNKNOWN, manualAvailableStatus: "unavailable" }),
      violations: 0,
    },
  ] as Case[]);
});

/** Notes must say what is unknown; with failClosed every note is a violation. */
const probes = probesWith({ onlyUnverifiedNotes: true });
type Row = Omit<Probe, "build"> & { build: (b: StackBuilder) => void };
const rows = (list: Row[]): Probe[] =>
  list.map((r) => ({
    ...r,
    build: () => {
      const b = new StackBuilder();
      r.build(b);
      return b;
    },
  }));
const template = (b: StackBuilder, name: string, failureRate: unknown, id?: string) =>
  b.add(TEMPLATE, name, { ...(id ? { id } : {}), name, protocol: "https", failureRate, evaluationCount: 1 });

describe("require-gtm-pool-monitoring: GTM 3.0 address health tasks", () => {
  probes(
    requireGtmPoolMonitoring,
    rows([
      {
        name: "bad: no health tasks",
        build: (b) => b.add(ADDRESS, "primary", address({ healthTasks: undefined })),
        violations: 1,
        mentions: "has no health tasks",
      },
      {
        name: "bad: an empty list of health tasks",
        build: (b) => b.add(ADDRESS, "primary", address({ healthTasks: [] })),
        violations: 1,
      },
      {
        name: "good: a task with a template of the stack that can fail",
        build: (b) =>
          b.add(ADDRESS, "primary", address({ healthTasks: [{ templateId: ref(template(b, "https", 50)) }] })),
        violations: 0,
      },
      {
        name: "good: a task with a template outside the stack (a preset one)",
        build: (b) => b.add(ADDRESS, "primary", address()),
        violations: 0,
      },
      {
        name: "bad: the only task's template has failureRate 100",
        build: (b) =>
          b.add(ADDRESS, "primary", address({ healthTasks: [{ templateId: ref(template(b, "lax", 100)) }] })),
        violations: 1,
        mentions: "monitor template lax has failureRate 100",
      },
      {
        name: "bad: failureRate 100 as a string, linked by known id",
        build: (b) => {
          template(b, "lax", "100", "tpl-1");
          b.add(ADDRESS, "primary", address({ healthTasks: [{ templateId: "tpl-1" }] }));
        },
        violations: 1,
      },
      {
        name: "bad: a known id that is also a dependency",
        build: (b) => {
          const lax = template(b, "lax", 100, "tpl-1");
          b.add(ADDRESS, "primary", address({ healthTasks: [{ templateId: knownRef(lax, "tpl-1") }] }));
        },
        violations: 1,
      },
      {
        name: "bad: any_ok with one of two tasks never failing",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({
              healthJudgement: "any_ok",
              healthTasks: [{ templateId: ref(template(b, "lax", 100)) }, { templateId: ref(template(b, "ok", 20)) }],
            }),
          ),
        violations: 1,
      },
      {
        name: "good: all_ok with one of two tasks never failing",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({
              healthJudgement: "ALL_OK",
              healthTasks: [{ templateId: ref(template(b, "lax", 100)) }, { templateId: ref(template(b, "ok", 20)) }],
            }),
          ),
        violations: 0,
      },
      {
        name: "bad: p50_ok with one of two tasks never failing (half stay OK)",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({
              healthJudgement: "p50_ok",
              healthTasks: [{ templateId: ref(template(b, "lax", 100)) }, { templateId: ref(template(b, "ok", 20)) }],
            }),
          ),
        violations: 1,
      },
      {
        name: "good: p70_ok with one of two tasks never failing",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({
              healthJudgement: "p70_ok",
              healthTasks: [{ templateId: ref(template(b, "lax", 100)) }, { templateId: ref(template(b, "ok", 20)) }],
            }),
          ),
        violations: 0,
      },
      {
        name: "bad: an unrecognized healthJudgement is read as any_ok (one of two tasks never failing)",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({
              healthJudgement: "constructor",
              healthTasks: [{ templateId: ref(template(b, "lax", 100)) }, { templateId: ref(template(b, "ok", 20)) }],
            }),
          ),
        violations: 1,
      },
      {
        name: "bad: the only task names no template",
        build: (b) => b.add(ADDRESS, "primary", address({ healthTasks: [{ port: 443 }] })),
        violations: 1,
        mentions: "names no monitor template",
      },
      {
        name: "note: health tasks unknown at preview",
        build: (b) => b.add(ADDRESS, "primary", address({ healthTasks: UNKNOWN })),
        violations: 0,
        notes: 1,
        label: "primary.healthTasks",
      },
      {
        name: "note: the only template's failureRate unknown at preview",
        build: (b) =>
          b.add(ADDRESS, "primary", address({ healthTasks: [{ templateId: ref(template(b, "tpl", UNKNOWN)) }] })),
        violations: 0,
        notes: 1,
      },
      {
        name: "note: healthJudgement unknown with one of two tasks never failing",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({
              healthJudgement: UNKNOWN,
              healthTasks: [{ templateId: ref(template(b, "lax", 100)) }, { templateId: ref(template(b, "ok", 20)) }],
            }),
          ),
        violations: 0,
        notes: 1,
        label: "primary.healthJudgement",
      },
      {
        name: "bad: healthJudgement unknown but no task can fail",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({ healthJudgement: UNKNOWN, healthTasks: [{ templateId: ref(template(b, "lax", 100)) }] }),
          ),
        violations: 1,
      },
      {
        name: "good: a disabled address without health tasks is never answered",
        build: (b) => b.add(ADDRESS, "primary", address({ enableStatus: "disable", healthTasks: undefined })),
        violations: 0,
      },
      {
        name: "good: disabled in other cases, its only task never failing",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({ enableStatus: "Disable", healthTasks: [{ templateId: ref(template(b, "lax", 100)) }] }),
          ),
        violations: 0,
      },
      {
        name: "good: set unavailable by hand, without health tasks",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({ availableMode: "manual", manualAvailableStatus: "unavailable", healthTasks: undefined }),
          ),
        violations: 0,
      },
      {
        name: "good: set unavailable by hand in other cases, no health tasks",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({ availableMode: "MANUAL", manualAvailableStatus: "Unavailable", healthTasks: [] }),
          ),
        violations: 0,
      },
      {
        name: "bad: enabled, no health tasks",
        build: (b) => b.add(ADDRESS, "primary", address({ enableStatus: "ENABLE", healthTasks: undefined })),
        violations: 1,
        mentions: "has no health tasks",
      },
      {
        name: "bad: manual mode set available, no health tasks",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({ availableMode: "manual", manualAvailableStatus: "available", healthTasks: undefined }),
          ),
        violations: 1,
        mentions: "has no health tasks",
      },
      {
        name: "bad: auto mode ignores manualAvailableStatus unavailable, no health tasks",
        build: (b) =>
          b.add(ADDRESS, "primary", address({ manualAvailableStatus: "unavailable", healthTasks: undefined })),
        violations: 1,
        mentions: "has no health tasks",
      },
      {
        name: "bad: manual mode with manualAvailableStatus unset, no health tasks",
        build: (b) => b.add(ADDRESS, "primary", address({ availableMode: "manual", healthTasks: undefined })),
        violations: 1,
      },
      {
        name: "note: enableStatus unknown at preview, no health tasks",
        build: (b) => b.add(ADDRESS, "primary", address({ enableStatus: UNKNOWN, healthTasks: undefined })),
        violations: 0,
        notes: 1,
        label: "primary.enableStatus",
      },
      {
        name: "note: availableMode unknown with manualAvailableStatus unavailable, no health tasks",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({ availableMode: UNKNOWN, manualAvailableStatus: "unavailable", healthTasks: undefined }),
          ),
        violations: 0,
        notes: 1,
        label: "primary.availableMode",
      },
      {
        name: "note: manual mode with manualAvailableStatus unknown, the only task never failing",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({
              availableMode: "manual",
              manualAvailableStatus: UNKNOWN,
              healthTasks: [{ templateId: ref(template(b, "lax", 100)) }],
            }),
          ),
        violations: 0,
        notes: 1,
        label: "primary.manualAvailableStatus",
      },
      {
        name: "good: enableStatus unknown, a task that can fail",
        build: (b) => b.add(ADDRESS, "primary", address({ enableStatus: UNKNOWN })),
        violations: 0,
      },
      {
        name: "bad: availableMode unknown with manualAvailableStatus available, no health tasks",
        build: (b) =>
          b.add(
            ADDRESS,
            "primary",
            address({ availableMode: UNKNOWN, manualAvailableStatus: "available", healthTasks: undefined }),
          ),
        violations: 1,
      },
      {
        name: "good: GTM 2.0 pool with its MonitorConfig beside a GTM 3.0 address with a working task",
        build: (b) => {
          const pool = b.add("alicloud:dns/addressPool:AddressPool", "pool", { addresses: [] });
          b.add("alicloud:dns/monitorConfig:MonitorConfig", "monitor", { addrPoolId: ref(pool) });
          b.add(ADDRESS, "primary", address());
        },
        violations: 0,
      },
    ]),
  );
});
