// loadKnowledge: reuse the knowledge file while it is current; rebuild (and write atomically)
// when it is missing, invalid, from older code, or older than a plan.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load.ts";
import { FILES, PLANS_DIR } from "../helpers/knowledge-plans.ts";

const tmp = mkdtempSync(join(tmpdir(), "load-knowledge-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let plans: string;
let file: string;
let n = 0;
// each call sees a later clock, so a rebuild shows in builtAt
const clock = () => new Date(Date.UTC(2024, 0, 1, 0, n++));

beforeEach(() => {
  const dir = mkdtempSync(join(tmp, "case-"));
  plans = join(dir, "plans");
  mkdirSync(plans);
  for (const f of [FILES.langSon, FILES.tienGiang]) copyFileSync(join(PLANS_DIR, f), join(plans, f));
  file = join(dir, "data", "knowledge.json");
});

const load = () => loadKnowledge({ plansDir: plans, file, now: clock });

describe("loadKnowledge", () => {
  it("builds and writes the file when it is missing", async () => {
    const k = await load();
    expect(k.plans.map((p) => p.id)).toEqual(["lang-son-gtvt-2024", "tien-giang-gtvt-2021-2025"]);
    const onDisk = JSON.parse(readFileSync(file, "utf8"));
    expect(onDisk.builtAt).toBe(k.builtAt);
    expect(readdirSync(join(file, ".."))).toEqual(["knowledge.json"]);
  });

  it("reuses a current file without rebuilding", async () => {
    const first = await load();
    const second = await load();
    expect(second.builtAt).toBe(first.builtAt);
    expect(second).toEqual(first);
  });

  it("rebuilds when a plan is newer than the file", async () => {
    const first = await load();
    const later = new Date(statSync(file).mtimeMs + 60_000);
    utimesSync(join(plans, FILES.langSon), later, later);
    const second = await load();
    expect(second.builtAt).not.toBe(first.builtAt);
  });

  it("rebuilds when a plan is added or removed", async () => {
    await load();
    copyFileSync(join(PLANS_DIR, FILES.sonLa), join(plans, FILES.sonLa));
    const past = new Date(Date.UTC(2020, 0, 1));
    utimesSync(join(plans, FILES.sonLa), past, past); // older than the file, still noticed
    expect((await load()).plans.map((p) => p.id)).toEqual(["lang-son-gtvt-2024", "son-la-gtvt-2024", "tien-giang-gtvt-2021-2025"]);
    unlinkSync(join(plans, FILES.tienGiang));
    expect((await load()).plans.map((p) => p.id)).toEqual(["lang-son-gtvt-2024", "son-la-gtvt-2024"]);
  });

  it("rebuilds a corrupt, invalid or old-format file", async () => {
    mkdirSync(join(file, ".."), { recursive: true });
    for (const bad of ["{not json", JSON.stringify({ version: 1, plans: "?" }), JSON.stringify({ ...(await load()), parser: undefined })]) {
      writeFileSync(file, bad);
      const k = await load();
      expect(k.plans).toHaveLength(2);
      expect(JSON.parse(readFileSync(file, "utf8")).plans).toHaveLength(2);
    }
  });

  it("remembers files that failed, so they do not force a rebuild every time", async () => {
    writeFileSync(join(plans, "rong.txt"), "");
    const first = await load();
    expect(first.problems).toContainEqual({ file: "rong.txt", line: null, message: "Tệp rong.txt rỗng.", severity: "error" });
    expect((await load()).builtAt).toBe(first.builtAt);
  });
});
