// Of settings that replace each other, those no other depends on may be applied last; worked out in one walk per set
// of settings, so a registry with many configurations and many repositories over many regions stays fast.
import { GenericResource } from "../../lib/reachability";
import { lastAppliedOrder, mayBeAppliedLast } from "../../policies/lib/applied-order";
import { requireRegistryImageScanning } from "../../policies/rules/require-registry-image-scanning";
import { runStack, StackInput, urnOf } from "./harness";

const setting = (urn: string, dependencies: string[] = [], propertyDependencies = {}): GenericResource => ({
  urn,
  type: "t",
  name: urn,
  inputs: {},
  propertyDependencies,
  dependencies,
});

describe("mayBeAppliedLast", () => {
  const other = setting("x", ["a"]);
  it.each([
    ["unordered", [setting("a"), setting("b")], ["a", "b"]],
    ["b depends on a", [setting("a"), setting("b", ["a"])], ["b"]],
    ["b's input flows from a", [setting("a"), setting("b", [], { p: ["a"] })], ["b"]],
    ["b depends on a through another resource", [setting("a"), setting("b", ["x"])], ["b"]],
    ["a cycle orders nothing", [setting("a", ["b"]), setting("b", ["a"])], ["a", "b"]],
    ["one setting", [setting("a")], ["a"]],
  ])("%s", (_n, settings, expected) => {
    const byUrn = new Map([...settings, other].map((s) => [s.urn, s]));
    expect(mayBeAppliedLast(settings, byUrn).map((s) => s.urn)).toEqual(expected);
    expect(lastAppliedOrder(byUrn)(settings).map((s) => s.urn)).toEqual(expected);
  });
});

describe("registry scanning over many configurations and places", () => {
  const CFG = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
  const REPO = "aws:ecr/repository:Repository";
  const PROVIDER = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::default_7_0_0";
  const place = { provider: PROVIDER, providerProps: { region: "us-east-1" } };
  const good = {
    scanType: "ENHANCED",
    rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*" }] }],
  };

  it("100 configurations each depending on all earlier ones and 400 repositories over 51 places", async () => {
    const resources: StackInput[] = [];
    const earlier: string[] = [];
    for (let i = 0; i < 100; i++) {
      resources.push({ type: CFG, name: `c-${i}`, props: good, dependencies: [...earlier], ...place });
      earlier.push(urnOf(CFG, `c-${i}`));
    }
    for (let i = 0; i < 400; i++)
      resources.push({
        type: REPO,
        name: `r-${i}`,
        props: { name: `app-${i}`, ...(i % 2 ? {} : { region: `region-${i % 50}` }) },
        ...place,
      });
    const ds = await runStack(requireRegistryImageScanning, resources);
    // Repositories in their own regions have no configuration there; those in us-east-1 are under the last one.
    expect(ds).toHaveLength(200);
    expect(ds.every((d) => d.urn?.includes("::r-") && Number(d.urn.split("::r-")[1]) % 2 === 0)).toBe(true);
  });
});
