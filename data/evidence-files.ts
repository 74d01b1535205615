// Evidence files kept in a folder beside the state file, named by their SHA-256 (the same file sent twice
// is kept once). Written to a temp name and renamed, so a crash never leaves half a file under a hash.
import { promises as fsp } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";
import type { EvidenceFiles } from "../bot/core/desk/evidence.ts";

export function evidenceDirFor(dbFile: string): string {
  return join(dirname(dbFile), "evidence");
}

export function fileEvidence(dir: string): EvidenceFiles {
  const inside = (rel: string) => {
    const full = normalize(join(dir, rel));
    if (!full.startsWith(normalize(dir) + sep)) throw new Error(`evidence path outside ${dir}: ${rel}`);
    return full;
  };
  return {
    async save(sha256, ext, bytes) {
      const rel = `evidence/${sha256.slice(0, 2)}/${sha256}.${ext}`;
      const full = inside(rel.slice("evidence/".length));
      await fsp.mkdir(dirname(full), { recursive: true });
      const tmp = `${full}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, bytes);
      await fsp.rename(tmp, full);
      return rel;
    },
    async read(rel) {
      return new Uint8Array(await fsp.readFile(inside(rel.replace(/^evidence\//, ""))));
    },
  };
}

/** Kept in memory (tests, the console demo). */
export function memoryEvidence(): EvidenceFiles & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    async save(sha256, ext, bytes) {
      const rel = `evidence/${sha256.slice(0, 2)}/${sha256}.${ext}`;
      files.set(rel, bytes);
      return rel;
    },
    async read(rel) {
      const f = files.get(rel);
      if (!f) throw new Error(`no evidence file ${rel}`);
      return f;
    },
  };
}
