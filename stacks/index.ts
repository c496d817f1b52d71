// The project's program: each stack picks its product through the `hardening-kit:product` config key.
import * as pulumi from "@pulumi/pulumi";

const products: Record<string, () => Record<string, unknown>> = {
  aws: () => require("./aws"),
  alicloud: () => require("./alicloud"),
  case: () => require("./case"),
};

const product = new pulumi.Config("hardening-kit").get("product") ?? "alicloud";
const load = products[product];
if (!load) {
  throw new Error(
    `hardening-kit:product is "${product}", which is not a product of this project. ` +
      `Allowed: ${Object.keys(products).join(", ")}. Fix: pulumi config set hardening-kit:product <one of them>.`,
  );
}

module.exports = load();
