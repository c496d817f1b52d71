import * as fc from "fast-check";
import { withoutTrailingSlashes, withoutTrailingSlashesOrDot } from "../../lib/trailing-slashes";

// Paths of slashes, dots and letters: the shapes where the scans and the regexes they replace could part.
const path = fc.stringMatching(/^[/.ab]{0,12}$/);

describe("trailing slashes", () => {
  it("cut as /\\/+$/ cuts them", () => {
    fc.assert(fc.property(path, (p) => withoutTrailingSlashes(p) === p.replace(/\/+$/, "")));
  });

  it("with a trailing /. cut as /\\/+\\.?$/ cuts them", () => {
    fc.assert(fc.property(path, (p) => withoutTrailingSlashesOrDot(p) === p.replace(/\/+\.?$/, "")));
  });

  it.each([
    ["/etc/ssh/", "/etc/ssh", "/etc/ssh"],
    ["/etc/ssh/.", "/etc/ssh/.", "/etc/ssh"],
    ["/etc/ssh//.", "/etc/ssh//.", "/etc/ssh"],
    ["a.", "a.", "a."],
    ["/", "", ""],
    ["/.", "/.", ""],
  ])("%s", (p, slashes, orDot) => {
    expect(withoutTrailingSlashes(p)).toBe(slashes);
    expect(withoutTrailingSlashesOrDot(p)).toBe(orDot);
  });
});
