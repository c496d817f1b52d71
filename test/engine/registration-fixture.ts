// A custom resource's registration as the monitor records it, for tests that hand one to the redactor or the reports.
import type { Registration } from "../../engine/model";

export function customRegistration(
  type: string,
  inputs: Record<string, unknown>,
  options: Registration["options"] = {},
): Registration {
  return {
    urn: `urn:pulumi:s::p::${type}::n`,
    type,
    name: "n",
    parent: "",
    inputs,
    dependencies: [],
    propertyDependencies: {},
    options,
    custom: true,
    provider: "",
    providers: {},
    aliases: [],
    version: "",
    read: false,
  };
}
