// npm run -s ingest -- [--plans DIR] [--out FILE]: the table, the problems in Vietnamese with
// file and line, the exit code, and an output file replaced whole or not at all.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Knowledge } from "../../knowledge/schema.ts";
import { FILES, PLANS_DIR } from "../helpers/knowledge-plans.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "ingest-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ingest(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "knowledge/cli-ingest.ts", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function plansDir(name: string, files: string[]): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(join(PLANS_DIR, f), join(dir, f));
  return dir;
}

const readKnowledge = (file: string) => Knowledge.parse(JSON.parse(readFileSync(file, "utf8")));

describe("ingest command", () => {
  it("builds the knowledge file from all five plans and prints one row per plan", () => {
    const out = join(tmp, "all", "knowledge.json");
    const r = ingest("--plans", PLANS_DIR, "--out", out);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(/^Kế hoạch\s+Nhiệm vụ\s+Chỉ tiêu\s+Hạn có ngày\s+Báo cáo\s+Đơn vị\s+Không đọc được$/);
    expect(lines.find((l) => l.startsWith("son-la-gtvt-2024"))).toMatch(/^son-la-gtvt-2024\s+\d+\s+\d+\s+5\s+4\s+10\s+0$/);
    for (const id of ["tien-giang-gtvt-2021-2025", "dak-lak-gtvt-2021-2030", "lang-son-gtvt-2024", "quang-tri-ldtbxh-2024", "Tổng"]) expect(lines.some((l) => l.startsWith(id))).toBe(true);
    expect(r.out).toContain(`lưu ý  ${FILES.sonLa}:220`);
    expect(r.out).toContain(`Đã ghi ${out}.`);
    expect(readKnowledge(out).plans).toHaveLength(5);
    expect(readdirSync(join(tmp, "all"))).toEqual(["knowledge.json"]); // no temp file left behind
  });

  it("reports empty, binary, duplicate and non-plan files, loads the rest, exits 1", () => {
    const dir = plansDir("bad", [FILES.sonLa, FILES.tienGiang]);
    copyFileSync(join(PLANS_DIR, FILES.sonLa), join(dir, "zz-son-la-ban-sao.txt"));
    writeFileSync(join(dir, "rong.txt"), "");
    writeFileSync(join(dir, "anh.bin"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1]));
    writeFileSync(join(dir, "giay-moi.txt"), "Kính gửi các phòng,\nMời dự họp giao ban.\n");
    writeFileSync(join(dir, "README.md"), "# not a plan, never read\n");
    writeFileSync(join(dir, ".ghi-chu"), "hidden, never read\n");
    const out = join(tmp, "bad-knowledge.json");
    const r = ingest("--plans", dir, "--out", out);
    expect(r.code).toBe(1);
    expect(r.out).toContain("LỖI  rong.txt  Tệp rong.txt rỗng.");
    expect(r.out).toMatch(/LỖI {2}anh\.bin {2}Tệp anh\.bin không phải văn bản/);
    expect(r.out).toMatch(/LỖI {2}zz-son-la-ban-sao\.txt {2}Kế hoạch "son-la-gtvt-2024" trong tệp zz-son-la-ban-sao\.txt trùng mã với tệp son-la_so-gtvt_cchc-2024\.txt/);
    expect(r.out).toMatch(/LỖI {2}giay-moi\.txt {2}Tệp giay-moi\.txt không phải một kế hoạch/);
    expect(r.out).not.toMatch(/README|ghi-chu/);
    const k = readKnowledge(out);
    expect(k.plans.map((p) => p.id)).toEqual(["son-la-gtvt-2024", "tien-giang-gtvt-2021-2025"]);
    expect(k.problems.filter((p) => p.severity === "error").map((p) => p.file).sort()).toEqual(["anh.bin", "giay-moi.txt", "rong.txt", "zz-son-la-ban-sao.txt"]);
  });

  it("lists a time expression it cannot read with its file and line", () => {
    const dir = plansDir("unknown", []);
    const text = readFileSync(join(PLANS_DIR, FILES.quangTri), "utf8").replace("Trước 30/8/2024", "Trước 31/4/2024");
    writeFileSync(join(dir, FILES.quangTri), text);
    const r = ingest("--plans", dir, "--out", join(tmp, "unknown.json"));
    expect(r.code).toBe(0); // a warning, not an error
    expect(r.out).toMatch(/^quang-tri-ldtbxh-2024(\s+\d+){5}\s+1$/m);
    expect(r.out).toContain(`Thời hạn không đọc được:\n  ${FILES.quangTri}:199  "Trước 31/4/2024"`);
  });

  it("leaves the old file alone when no plan loads", () => {
    const dir = plansDir("nothing", []);
    writeFileSync(join(dir, "rong.txt"), "");
    const out = join(tmp, "keep.json");
    writeFileSync(out, '{"old": true}');
    const r = ingest("--plans", dir, "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Không nạp được kế hoạch nào; tệp ${out} giữ nguyên.`);
    expect(readFileSync(out, "utf8")).toBe('{"old": true}');
  });

  it("says so when the output cannot be written, and the old file stays", () => {
    const out = join(tmp, "is-a-directory");
    mkdirSync(out);
    const r = ingest("--plans", plansDir("one", [FILES.langSon]), "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Không ghi được ${out} (tệp cũ giữ nguyên)`);
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(tmp).some((f) => f.endsWith(".tmp"))).toBe(false);
  });

  it("a missing plans folder or a bad option is a clear message, not a stack trace", () => {
    const missing = ingest("--plans", join(tmp, "khong-co"), "--out", join(tmp, "x.json"));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`Không đọc được thư mục kế hoạch ${join(tmp, "khong-co")}`);
    expect(existsSync(join(tmp, "x.json"))).toBe(false);
    const bad = ingest("--plan", "x");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Tham số không hợp lệ");
    expect(bad.err).toContain("Cách dùng: npm run -s ingest -- [--plans THƯ_MỤC] [--out TỆP]");
  });
});
