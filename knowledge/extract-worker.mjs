// Worker entry of knowledge/extract-isolated.ts. Plain .mjs so Node can start it anywhere (tsx,
// vitest, plain node); it registers tsx to load the TypeScript readers.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { extractPlanTextInProcess } = await import("./extract.ts");

parentPort.on("message", async ({ id, bytes, file, limits }) => {
  try {
    const { text, format } = await extractPlanTextInProcess(bytes, file, limits);
    parentPort.postMessage({ id, ok: true, text, format });
  } catch (e) {
    const isExtract = e && e.name === "ExtractError";
    parentPort.postMessage({ id, ok: false, message: String(e?.message ?? e), reason: isExtract ? e.reason : null, detail: String(e?.stack ?? e) });
  }
});
