// npm run demo [-- --state FILE --knowledge FILE]: the whole product in the terminal. The console chat
// on the bundled plans is the group of a unit (data/demo.json), the clock on a 2024 working day when
// a reminder is due; the demo state starts empty each time in its own file, never DB_FILE.
// A launcher only: it sets the demo's variables and runs bot/main.ts, which reads them like any other.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { parseCli, UsageError } from "./cli.ts";
import { auditFileFor } from "../data/audit.ts";
import { loadConfigOrExit } from "./env.ts";

const DemoFile = z.object({
  clock: z.string(),
  unit: z.string(),
  plansDir: z.string(),
  stateFile: z.string(),
  knowledgeFile: z.string(),
});

const USAGE = "Cách dùng: npm run demo [-- --state TỆP] [--knowledge TỆP]";

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseCli(process.argv.slice(2), { state: { type: "string" }, knowledge: { type: "string" }, config: { type: "string" } }, USAGE));
} catch (e) {
  if (e instanceof UsageError) fail(e.text, e.message ? 2 : 0);
  throw e;
}

const configFile = values.config ?? "data/demo.json";
let demo: z.infer<typeof DemoFile>;
try {
  demo = DemoFile.parse(JSON.parse(readFileSync(configFile, "utf8")));
} catch (e) {
  fail(`Không đọc được cấu hình demo ${configFile}: ${e instanceof Error ? e.message : String(e)}`);
}

const stateFile = values.state ?? demo.stateFile;
// set before main loads .env, so they win over it; the tokens are blanked so the demo never connects
const demoEnv = {
  TELEGRAM_BOT_TOKEN: "",
  ZALO_BOT_TOKEN: "",
  BOT_MODE: "polling",
  BOT_CLOCK: demo.clock,
  CONSOLE_CHAT: "group",
  CONSOLE_UNIT: demo.unit,
  PLANS_DIR: demo.plansDir,
  DB_FILE: stateFile,
  KNOWLEDGE_FILE: values.knowledge ?? demo.knowledgeFile,
};
// a bad .env is refused (as main would) before the demo touches any file
loadConfigOrExit({ ...process.env, ...demoEnv });
// a fresh demo each time: the same reminder, nothing left from the last try. The state sits in a
// folder of its own, so its audit log (written beside the state file) is not the real one either.
mkdirSync(dirname(stateFile), { recursive: true });
for (const f of [stateFile, auditFileFor(stateFile)]) if (existsSync(f)) rmSync(f);

Object.assign(process.env, demoEnv);
process.stdout.write(`Bản chạy thử (npm run demo): đồng hồ đặt ở ${demo.clock}, trạng thái riêng trong ${stateFile} (xoá mỗi lần chạy).\n`);
await import("./main.ts");
