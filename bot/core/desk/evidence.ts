// Evidence kept: a file or photo sent with "đã nộp" is downloaded at once into the data folder (≤ 20 MB,
// SHA-256 recorded, content checked by its first bytes), because a Telegram file id or a Zalo photo link
// does not last. A download that fails keeps the confirmation and says the file must be sent again.
// /minhchung (/evidence) <mã> [đơn vị] sends the kept files back to admins and leaders.
import { createHash } from "node:crypto";
import type { Incoming, Outgoing } from "../types.ts";
import type { CoreDeps, CoreFeature } from "../index.ts";
import type { Submission } from "../../../data/store.ts";
import { matchCommand } from "../common.ts";
import { authorize } from "../roles.ts";
import { resolveUnit } from "../resolve-unit.ts";
import { whenText } from "../reminders/actions.ts";
import { agencyOfPlanId, unitMap, unitName } from "../../../jobs/occurrences.ts";
import { occurrenceByCode } from "./common.ts";

/** Bot API getFile: bots download files up to 20 MB; the same limit for every channel. */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/** Where kept files live (main: a folder beside the state file); paths are relative to it. */
export interface EvidenceFiles {
  save(sha256: string, ext: string, bytes: Uint8Array): Promise<string>;
  read(path: string): Promise<Uint8Array>;
}

export type Evidence = NonNullable<Submission["evidence"]>;

const KINDS = [
  { ext: "pdf", mime: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46] },
  { ext: "jpg", mime: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  { ext: "png", mime: "image/png", magic: [0x89, 0x50, 0x4e, 0x47] },
  // Office Open XML (docx, xlsx, pptx) and zip archives
  { ext: "zip", mime: "application/zip", magic: [0x50, 0x4b, 0x03, 0x04] },
  // Word 97–2003 / Excel 97–2003 (OLE compound file)
  { ext: "ole", mime: "application/x-ole-storage", magic: [0xd0, 0xcf, 0x11, 0xe0] },
] as const;

const OFFICE: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
};

/** The kind of a file by its first bytes, with the extension it is kept under; null when not accepted. */
export function sniffEvidence(bytes: Uint8Array, name: string): { ext: string; mime: string } | null {
  const kind = KINDS.find((k) => k.magic.every((b, i) => bytes[i] === b));
  if (!kind) return null;
  const typed = /\.([a-z0-9]{2,5})$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  if (kind.ext === "zip") return ["docx", "xlsx", "pptx"].includes(typed) ? { ext: typed, mime: OFFICE[typed] } : { ext: "zip", mime: kind.mime };
  if (kind.ext === "ole") return ["doc", "xls"].includes(typed) ? { ext: typed, mime: OFFICE[typed] } : { ext: "doc", mime: OFFICE.doc };
  return { ext: kind.ext, mime: kind.mime };
}

const MB = (n: number) => `${(n / 1048576).toFixed(1).replace(".", ",")} MB`;
const UNSUPPORTED = (name: string) =>
  `Tệp «${name}» không phải PDF, Word, Excel, ảnh (JPG, PNG) hay tệp nén ZIP nên bot không nhận làm minh chứng. Chưa ghi nhận gì; hãy gửi lại đúng tệp kèm «đã nộp <mã>».`;

export type EvidenceResult = { kind: "kept"; evidence: Evidence; note: string | null } | { kind: "refused"; text: string };

/** Downloads and keeps the file of a confirmation; a failed download still gives evidence (marked failed) and a note. */
export async function keepEvidence(deps: CoreDeps, msg: Incoming): Promise<EvidenceResult> {
  const file = msg.file!;
  const base: Evidence = { fileId: file.fileId, name: file.name };
  if (file.size !== undefined && file.size > EVIDENCE_MAX_BYTES) {
    return { kind: "refused", text: `Tệp «${file.name}» nặng ${MB(file.size)}, quá giới hạn 20 MB. Chưa ghi nhận gì; hãy nén hoặc tách nhỏ rồi gửi lại kèm «đã nộp <mã>».` };
  }
  const download = deps.files?.[msg.channel];
  if (!deps.evidence || !download) return { kind: "kept", evidence: base, note: null };
  const failed = (why: string): EvidenceResult => ({
    kind: "kept",
    evidence: { ...base, failed: why },
    note: `⚠️ Chưa tải được tệp «${file.name}» về máy chủ (${why}). Xác nhận vẫn được ghi; hãy gửi lại tệp kèm «đã nộp <mã>» để lưu minh chứng.`,
  });
  let bytes: Uint8Array;
  try {
    bytes = await download(file.fileId);
  } catch (e) {
    const reason = (e as { reason?: string })?.reason;
    deps.log("warn", `evidence: download of ${file.fileId} in ${msg.channel}:${msg.chatId} failed`, e instanceof Error ? e.message : e);
    if (reason === "too-large") return { kind: "refused", text: `Tệp «${file.name}» lớn hơn 20 MB. Chưa ghi nhận gì; hãy nén hoặc tách nhỏ rồi gửi lại kèm «đã nộp <mã>».` };
    return failed("lỗi tải tệp");
  }
  if (bytes.byteLength > EVIDENCE_MAX_BYTES) return { kind: "refused", text: `Tệp «${file.name}» nặng ${MB(bytes.byteLength)}, quá giới hạn 20 MB. Chưa ghi nhận gì.` };
  const kind = sniffEvidence(bytes, file.name);
  if (!kind) return { kind: "refused", text: UNSUPPORTED(file.name) };
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  try {
    const path = await deps.evidence.save(sha256, kind.ext, bytes);
    return { kind: "kept", evidence: { ...base, path, sha256, size: bytes.byteLength, mimeType: kind.mime }, note: null };
  } catch (e) {
    deps.log("error", `evidence: keeping ${file.name} failed`, e);
    return failed("không ghi được vào ổ đĩa");
  }
}

const commands = [{ name: "minhchung", aliases: ["evidence"], description: "Tệp minh chứng đã nộp: /minhchung <mã> [đơn vị] (quản trị viên, lãnh đạo)" }];

async function evidenceCommand(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const [code = "", ...rest] = args.split(/\s+/).filter(Boolean);
  if (!code) return [{ text: "Cách dùng: /minhchung <mã> [đơn vị], ví dụ /minhchung K7MXR Thanh tra Sở." }];
  const occ = occurrenceByCode(deps, code);
  if (!occ) return [{ text: `Không tìm thấy việc có mã ${code.toUpperCase()}. Hãy kiểm tra lại mã.` }];
  const k = deps.knowledge.knowledge;
  const agencyId = agencyOfPlanId(k, occ.planId);
  const allowed = authorize(deps, msg, "report", agencyId, { target: occ.code });
  if (!allowed.ok) return [{ text: allowed.reply }];
  let subs = deps.store.state.submissions.filter((s) => s.occurrenceId === occ.id && !s.undoneAt);
  if (rest.length > 0) {
    const r = resolveUnit(k, rest.join(" "));
    const ids = r.kind === "one" ? [r.unit.id] : r.kind === "many" ? r.units.map((u) => u.id) : [];
    if (ids.length === 0) return [{ text: `Không tìm thấy đơn vị «${rest.join(" ")}». Hãy gõ tên đơn vị như trong kế hoạch.` }];
    subs = subs.filter((s) => ids.includes(s.unitId));
  }
  const units = unitMap(k);
  const withFiles = subs.filter((s) => s.evidence);
  if (withFiles.length === 0) return [{ text: `Chưa có minh chứng nào cho «${occ.title}» [mã ${occ.code}]${subs.length > 0 ? " (đơn vị xác nhận không kèm tệp)" : ""}.` }];
  const out: Outgoing[] = [];
  for (const s of withFiles.slice(0, 10)) {
    const e = s.evidence!;
    const who = `${unitName(units, s.unitId)} — nộp lúc ${whenText(s.at)} (${s.userName})`;
    if (!e.path || !e.sha256 || !deps.evidence) {
      out.push({ text: `Tệp «${e.name}» của ${who} chưa được lưu trên máy chủ${e.failed ? ` (${e.failed})` : ""}; đơn vị cần gửi lại tệp kèm «đã nộp ${occ.code}».` });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await deps.evidence.read(e.path);
    } catch (err) {
      deps.log("error", `evidence: reading ${e.path} failed`, err);
      out.push({ text: `Không đọc được tệp «${e.name}» của ${who} trên máy chủ. Hãy báo bộ phận CNTT kiểm tra thư mục dữ liệu.` });
      continue;
    }
    const intact = createHash("sha256").update(bytes).digest("hex") === e.sha256;
    const caption = [`📎 Minh chứng [${occ.code}] «${occ.title}»`, who, `Tệp: ${e.name}`, `SHA-256: ${e.sha256}${intact ? "" : " — ⚠️ tệp trên máy chủ không còn khớp mã băm này"}`].join("\n");
    const doc = { name: e.name, data: bytes, mimeType: e.mimeType };
    if (msg.channel === "telegram") out.push({ text: caption, document: doc, format: { code: [e.sha256] } });
    else if (msg.channel === "zalo" && deps.links) {
      try {
        out.push({ text: `${caption}\nTải về (liên kết dùng được ${deps.links.ttlMinutes} phút): ${deps.links.publish(doc, agencyId)}` });
      } catch (err) {
        out.push({ text: `${caption}\nKhông tạo được liên kết tải: ${err instanceof Error ? err.message : String(err)}` });
      }
    } else out.push({ text: `${caption}\nTệp lưu tại: ${e.path} (trong thư mục dữ liệu của bot).` });
  }
  if (withFiles.length > 10) out.push({ text: `… và ${withFiles.length - 10} tệp khác; thêm tên đơn vị để xem riêng: /minhchung ${occ.code} <đơn vị>.` });
  return out;
}

export const evidenceFeature: CoreFeature = {
  name: "desk-evidence",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    return cmd ? evidenceCommand(msg, cmd.args, deps) : null;
  },
};
