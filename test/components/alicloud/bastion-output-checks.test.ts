// Inputs the Bastion takes as Outputs (the key pair's name, the image, the disk key) are checked once known, in the
// words the plain form gets: an empty key name leaves the host without its only login, so nothing may be created.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { childrenOf, one, settle, thrown } from "./mocks";
import { Bastion, BastionArgs } from "../../../components/alicloud/bastion";

const base = {
  vpcId: "vpc-1",
  vswitchId: "vsw-1",
  vpcCidr: "10.0.0.0/16",
  allowedCidrs: ["203.0.113.0/28"],
  keyName: "ops-key",
};

type Row = [string, string, Partial<BastionArgs>, string];

const badRows: Row[] = [
  ["keyName empty", "keyName", { keyName: "" }, '"keyName" is ""'],
  ["imageId empty", "imageId", { imageId: "" }, '"imageId" is ""'],
  ["instanceType empty", "instanceType", { instanceType: "" }, '"instanceType" is ""'],
  ["systemDiskKmsKeyId empty", "systemDiskKmsKeyId", { systemDiskKmsKeyId: "" }, '"systemDiskKmsKeyId" is ""'],
];

/** The same arguments with each value wrapped in an Output. */
const asOutputs = (args: Partial<BastionArgs>) =>
  Object.fromEntries(Object.entries(args).map(([k, v]) => [k, pulumi.output(v)])) as Partial<BastionArgs>;

describe("Bastion inputs checked once known", () => {
  it.each(
    badRows.map(([probe, argument, changed, named], i) => [probe, `oc-late-${i}`, argument, changed, named] as const),
  )(
    "%s: refused plain at construction, and as an Output once known in the same words, nothing created",
    async (_probe, name, argument, changed, named) => {
      const plain = thrown(() => new Bastion(name, { ...base, ...changed } as BastionArgs));
      expect(plain).toContain(`argument ${named}`);
      const failures = await registrationFailures(async () => {
        new Bastion(name, { ...base, ...asOutputs(changed) } as BastionArgs);
        await settle();
      });
      expect(failures).toEqual([plain]);
      expect(failures[0].startsWith(`Bastion "${name}": 1 invalid argument`)).toBe(true);
      expect(failures[0]).toContain(`argument "${argument}"`);
      expect(childrenOf(name)).toEqual([]);
    },
  );

  it("a key name given as an Output is used once known", async () => {
    const failures = await registrationFailures(async () => {
      new Bastion("oc-good", {
        ...base,
        ...asOutputs({ keyName: "ops-key", instanceType: "ecs.g7.large" }),
      } as BastionArgs);
      await settle();
    });
    expect(failures).toEqual([]);
    expect(one("oc-good", "alicloud:ecs/instance:Instance").inputs).toMatchObject({
      keyName: "ops-key",
      instanceType: "ecs.g7.large",
    });
  });
});
