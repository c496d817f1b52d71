// The pack's entry: constructing a PolicyPack starts the analyzer server, so nothing else may import this file.
import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./catalog";
import { decodePropertiesOnce } from "./lib/convert-once";

decodePropertiesOnce();

new PolicyPack("hardening-kit", {
  description: "Blocks every weakness of the ECS ransomware case on AWS and Alibaba Cloud; see docs/RULES.md.",
  displayName: "Hardening kit",
  enforcementLevel: "mandatory",
  policies: allPolicies,
});
