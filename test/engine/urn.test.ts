import { makeUrn, parseProviderRef, qualifiedType } from "../../engine/urn";

const STACK_URN = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev";

describe("makeUrn", () => {
  it("builds the root stack URN with no parent", () => {
    expect(makeUrn("dev", "proj", "", "pulumi:pulumi:Stack", "proj-dev")).toBe(STACK_URN);
  });

  it("adds no prefix for children of the root stack", () => {
    expect(makeUrn("dev", "proj", STACK_URN, "aws:ec2/vpc:Vpc", "main")).toBe(
      "urn:pulumi:dev::proj::aws:ec2/vpc:Vpc::main",
    );
  });

  it("prefixes the parent's qualified type through nested components", () => {
    const component = makeUrn("dev", "proj", STACK_URN, "kit:net:Vpc", "net");
    const inner = makeUrn("dev", "proj", component, "kit:net:Subnets", "net-subnets");
    expect(inner).toBe("urn:pulumi:dev::proj::kit:net:Vpc$kit:net:Subnets::net-subnets");
    expect(makeUrn("dev", "proj", inner, "aws:ec2/subnet:Subnet", "a")).toBe(
      "urn:pulumi:dev::proj::kit:net:Vpc$kit:net:Subnets$aws:ec2/subnet:Subnet::a",
    );
  });

  it("keeps names containing '::' intact after the type", () => {
    expect(qualifiedType("urn:pulumi:s::p::a:b:C::x::y")).toBe("a:b:C");
  });

  it("rejects a malformed parent URN, naming it", () => {
    expect(() => makeUrn("dev", "proj", "not-a-urn", "t:t:T", "n")).toThrow(/malformed URN "not-a-urn"/);
  });
});

describe("parseProviderRef", () => {
  it("splits at the last '::' so the URN keeps its own separators", () => {
    const urn = "urn:pulumi:dev::proj::pulumi:providers:aws::east";
    expect(parseProviderRef(`${urn}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`)).toEqual({
      urn,
      id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    });
    expect(parseProviderRef("")).toBeUndefined();
  });
});
