import { previewDocument } from "../../engine/json";
import { runPreview } from "../../engine/preview";
it("explore", async () => {
  for (const stack of ["aws-prod", "alicloud-prod"]) {
    const r = await runPreview({ stack, cwd: "/work/main" });
    const doc = previewDocument(r);
    const rows = doc.resources
      .filter((x) => /bucket:Bucket|backup\/vault:Vault|logGroup|log\/(project|store)|hbr\/vault|oss\/bucket/.test(x.type))
      .map((x) => `${x.type} ${x.name} ${JSON.stringify(x.options)} fd=${JSON.stringify(x.inputs.forceDestroy)}`);
    const fd = doc.resources.filter((x) => JSON.stringify(x.inputs).includes('"forceDestroy":true')).map((x) => x.urn);
    require("fs").writeFileSync(`/tmp/${stack}.txt`, rows.join("\n") + "\nFD:" + fd.join(","));
  }
}, 120000);
