// The floor of every pack: @pulumi/policy's server with a single policy that reads nothing and reports nothing.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("floor", {
  policies: [{ name: "no-op", description: "Does nothing.", enforcementLevel: "advisory", validateResource: () => {} }],
});
