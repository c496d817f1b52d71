// The engine's redactor imports secretScriptPieces at start-up; the script readers behind it load only when a secret
// value is first searched, so a preview without secrets never loads them.
const READERS = "../../lib/userdata-decoded-texts";

describe("secretScriptPieces loads the script readers on first use", () => {
  it("not on import, then once a secret value is searched", () => {
    let loads = 0;
    jest.isolateModules(() => {
      jest.doMock(READERS, () => {
        loads++;
        return jest.requireActual(READERS);
      });
      const { secretScriptPieces } = require("../../lib/secret-script-pieces");
      expect(loads).toBe(0);
      expect(secretScriptPieces("#!/bin/sh\necho 'PermitRootLogin yes' >> /etc/ssh/sshd_config\n")).toContain(
        "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config",
      );
      expect(loads).toBe(1);
      secretScriptPieces("second value\nwith lines");
      expect(loads).toBe(1);
    });
  });
});
