// The knowledge of the five bundled plans (data/plans), built once per test file: the unit names
// people really type ("KHTH", "Tổ website", "Ban QLBT") are checked against the real units.
import type { Knowledge } from "../../knowledge/schema.ts";
import { ingestDirectory } from "../../knowledge/load.ts";

const PLANS_DIR = new URL("../../data/plans/", import.meta.url).pathname;

let cached: Promise<Knowledge> | null = null;

export function bundledKnowledge(): Promise<Knowledge> {
  cached ??= ingestDirectory(PLANS_DIR, "2024-01-02T00:00:00.000Z");
  return cached;
}
