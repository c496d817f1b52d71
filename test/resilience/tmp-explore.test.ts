import pc from "picocolors";
import { previewDocument } from "../../engine/json";
import { runPreview } from "../../engine/preview";
import { renderText } from "../../engine/render";
it("explore", async () => {
  const cwd = "/work/main/test/fixtures/engine/rename";
  const before = await runPreview({ stack: "prod", cwd, program: "before.js" });
  const doc = JSON.parse(JSON.stringify(previewDocument(before)));
  const after = await runPreview({ stack: "prod", cwd, program: "after.js", baseline: doc });
  require("fs").writeFileSync("/tmp/rename.txt", renderText(after, pc.createColors(false)));
});
