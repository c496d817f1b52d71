// A URN's name is everything after its fourth part: names may themselves hold "::".
import { urnName, urnType } from "../../engine/urn";
import { nameFromUrn } from "../../engine/reports/document";
import { inheritAliases } from "../../engine/aliases";

describe("URN names holding '::'", () => {
  const urn = "urn:pulumi:s::p::my:site:Site$aws:s3/bucket:Bucket::site::logs";

  it("keeps the whole name and the resource's own type", () => {
    expect(urnName(urn)).toBe("site::logs");
    expect(urnType(urn)).toBe("aws:s3/bucket:Bucket");
    expect(nameFromUrn(urn)).toBe("site::logs");
  });

  it("leaves a string that is not a URN as it is", () => {
    expect(nameFromUrn("stack")).toBe("stack");
  });

  it("renames a child after a parent whose name holds '::'", () => {
    const parent = {
      urn: "urn:pulumi:s::p::my:site:Site::a::site",
      type: "my:site:Site",
      name: "a::site",
      parent: "",
      aliases: ["urn:pulumi:s::p::my:site:Site::b::site"],
    };
    const child = {
      urn: "urn:pulumi:s::p::my:site:Site$aws:s3/bucket:Bucket::a::site-logs",
      type: "aws:s3/bucket:Bucket",
      name: "a::site-logs",
      parent: parent.urn,
      aliases: [],
    };
    expect(inheritAliases([parent, child]).get(child.urn)).toEqual([
      "urn:pulumi:s::p::my:site:Site$aws:s3/bucket:Bucket::b::site-logs",
    ]);
  });
});
