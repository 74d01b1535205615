// The knowledge of the five bundled plans (data/plans), built once per run (test/global-setup.ts): the
// unit names people really type ("KHTH", "Tổ website", "Ban QLBT") are checked against the real units.
import type { Knowledge } from "../../knowledge/schema.ts";
import { sharedKnowledge } from "./shared-knowledge.ts";

export function bundledKnowledge(): Promise<Knowledge> {
  return sharedKnowledge();
}
