// Bastion's image: the newest Alibaba Cloud Linux 3 by default; a pinned imageId is taken (the caller may need a
// hardened golden image) but warned about, as AWS warns on amiId: the sshd hardening in the user data is for Linux,
// and a pinned image's patches become the caller's job. Admin sources no operator connects from are refused.
import * as pulumi from "@pulumi/pulumi";
import { one, recorded, settle, thrown } from "./mocks";
import { Bastion } from "../../../components/alicloud/bastion";

const base = {
  vpcId: "vpc-1",
  vpcCidr: "10.0.0.0/16",
  vswitchId: "vsw-1",
  keyName: "ops",
  allowedCidrs: ["203.0.113.0/28"],
};

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());

const imageWarnings = () => warn.mock.calls.map((c) => String(c[0])).filter((m) => /imageId/.test(m));

describe("a pinned imageId warns", () => {
  it.each([
    ["a Linux image", "ubuntu_22_04_x64_20G_alibase_20240130.vhd"],
    ["a Windows image", "win2022_21H2_x64_dtc_en-us_40G_alibase_20230915.vhd"],
    ["an Output", pulumi.output("m-imagefromabuild")],
  ])("%s is used, with a warning naming imageId, Linux and patching", async (label, imageId) => {
    const name = `pin${label.replace(/[^a-z]/gi, "")}`;
    new Bastion(name, { ...base, imageId });
    await settle();
    expect(one(name, "alicloud:ecs/instance:Instance").inputs.imageId).toBe(
      typeof imageId === "string" ? imageId : "m-imagefromabuild",
    );
    expect(imageWarnings()).toHaveLength(1);
    const [message] = imageWarnings();
    expect(message).toContain(`Bastion "${name}": imageId replaces the newest Alibaba Cloud Linux 3 image`);
    expect(message).toContain("must be a Linux image its user data supports");
    expect(message).toContain("misses every later patch: patching it is then yours");
  });

  it("the default image does not warn", async () => {
    new Bastion("dfltimage", base);
    await settle();
    expect(one("dfltimage", "alicloud:ecs/instance:Instance").inputs.imageId).toBe(
      "aliyun_3_x64_20G_alibase_20250117.vhd",
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it("a refused call neither warns about the image nor registers anything", async () => {
    const message = thrown(() => new Bastion("refusedimg", { ...base, imageId: "m-1", allowedCidrs: ["0.0.0.0/0"] }));
    expect(message).toContain('argument "allowedCidrs[0]" is "0.0.0.0/0"');
    await settle();
    expect(recorded.filter((r) => r.name.startsWith("refusedimg"))).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });
});
