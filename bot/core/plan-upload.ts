// Loading a new plan in the chat: an admin sends a .docx, .pdf or .txt in a private chat → the bot
// reads it and answers with a summary and two buttons, "plan:load:<id>" and "plan:cancel:<id>".
// The upload waits in state.pending (its bytes in <plansDir>/.incoming/), so a press still works
// after a restart. A plan with the same agency and title is replaced only after a second
// confirmation ("plan:replace:<id>"); the old document is kept under archive/ with the date.
// /kehoach (/plans) lists the loaded plans.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Button, ButtonPress, Incoming, Outgoing, PressResult } from "./types.ts";
import type { CoreDeps, CoreFeature } from "./index.ts";
import { matchCommand, pendingKey } from "./common.ts";
import { authorize, idLine } from "./roles.ts";
import { recordChange } from "./audit.ts";
import { ExtractError, MAX_PLAN_BYTES } from "../../knowledge/extract.ts";
import {
  NotAPlanError,
  StorePlanError,
  formatPlanList,
  formatPlanSummary,
  placePlan,
  placementNote,
  readPlanDocument,
  storePlan,
  summarizePlan,
} from "../../knowledge/plan-library.ts";

const KIND = "plan-upload";
const PENDING_TTL_MS = 24 * 3600_000;
const INCOMING_DIR = ".incoming";

/** What waits in state.pending between the summary and the button press. */
interface PendingUpload {
  id: string;
  userId: string;
  /** the name the admin's file had */
  fileName: string;
  staged: string; // inside <plansDir>/.incoming/
  planId: string;
  agencyId: string;
  title: string;
  summary: string;
}

const commands = [
  {
    name: "kehoach",
    aliases: ["plans"],
    description: "Các kế hoạch đang dùng (thời kỳ, số nhiệm vụ); quản trị viên gửi tệp .docx/.pdf/.txt để nạp kế hoạch mới",
  },
];

export const NOT_ADMIN_UPLOAD =
  "Cảm ơn bạn đã gửi tệp. Xin lỗi, chỉ quản trị viên mới nạp được kế hoạch mới, nên tôi không dùng tệp này. Bạn vẫn có thể hỏi tôi về các kế hoạch đang có.";
const UNCHANGED = "Không có gì thay đổi.";

const buttonsFor = (id: string, replace = false): Button[][] => [
  [
    replace ? { text: "♻️ Thay thế kế hoạch cũ", data: `plan:replace:${id}` } : { text: "✅ Nạp kế hoạch", data: `plan:load:${id}` },
    { text: "✖ Huỷ", data: `plan:cancel:${id}` },
  ],
];
const NO_BUTTONS = "Kênh này không có nút bấm: hãy gửi tệp kế hoạch qua Telegram để nạp.";

function current(deps: CoreDeps, channel: Incoming["channel"], chatId: string): PendingUpload | null {
  const p = deps.store.state.pending.find((x) => x.key === pendingKey(channel, chatId, KIND));
  if (!p || deps.now().getTime() - Date.parse(p.at) > PENDING_TTL_MS) return null;
  return p.data as PendingUpload;
}

/** Drops the chat's waiting upload (and its staged bytes). */
async function forget(deps: CoreDeps, channel: Incoming["channel"], chatId: string): Promise<void> {
  const key = pendingKey(channel, chatId, KIND);
  const old = deps.store.state.pending.find((x) => x.key === key)?.data as PendingUpload | undefined;
  await deps.store.update((s) => {
    s.pending = s.pending.filter((p) => p.key !== key);
  });
  if (old) await rm(join(deps.plansDir, INCOMING_DIR, old.staged), { force: true });
}

/** Staged bytes no waiting upload refers to any more (expired, or left by a crash). */
async function sweepStaged(deps: CoreDeps): Promise<void> {
  const live = new Set(deps.store.state.pending.filter((p) => p.kind === KIND).map((p) => (p.data as PendingUpload).staged));
  const dir = join(deps.plansDir, INCOMING_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) if (!live.has(name)) await rm(join(dir, name), { force: true });
}

async function receive(msg: Incoming, deps: CoreDeps): Promise<Outgoing[]> {
  const file = msg.file!;
  if (!authorize(deps, msg, "load-plan", null, { target: file.name }).ok) return [{ text: `${NOT_ADMIN_UPLOAD}\n${idLine(msg)}` }];
  if (file.size !== undefined && file.size > MAX_PLAN_BYTES) {
    return [{ text: `Tệp ${file.name} lớn hơn 20 MB (giới hạn tải tệp của bot). Hãy gửi bản nhỏ hơn, ví dụ .docx không kèm ảnh. ${UNCHANGED}` }];
  }
  const download = deps.files?.[msg.channel];
  if (!download) return [{ text: `Kênh này chưa nhận được tệp. ${NO_BUTTONS}` }];

  let bytes: Uint8Array;
  try {
    bytes = await download(file.fileId);
  } catch (e) {
    deps.log("warn", `plan-upload: download of ${file.name} failed`, e);
    return [{ text: `Không tải được tệp ${file.name}: ${e instanceof Error ? e.message : "lỗi không rõ"} ${UNCHANGED}` }];
  }

  let parsed;
  try {
    parsed = await readPlanDocument(bytes, file.name, deps.now());
  } catch (e) {
    if (e instanceof ExtractError || e instanceof NotAPlanError) {
      deps.log("info", `plan-upload: ${file.name} refused: ${e.message}`, e.cause);
      return [{ text: `${e.message} ${UNCHANGED}` }];
    }
    throw e;
  }
  // an agency admin loads only their own agency's plans
  const own = authorize(deps, msg, "load-plan", parsed.plan.agencyId, { target: parsed.plan.id });
  if (!own.ok) return [{ text: own.reply }];
  const summary = formatPlanSummary(summarizePlan(parsed));
  const placement = placePlan(deps.knowledge.knowledge, parsed.plan);

  const id = randomBytes(4).toString("hex");
  const staged = `${id}${extname(parsed.fileName)}`;
  await forget(deps, msg.channel, msg.chatId);
  await sweepStaged(deps);
  const upload: PendingUpload = {
    id,
    userId: msg.userId,
    fileName: file.name,
    staged,
    planId: parsed.plan.id,
    agencyId: parsed.plan.agencyId,
    title: parsed.plan.title,
    summary,
  };
  // recorded before the bytes are written, so another chat's sweep never takes them
  await deps.store.update((s) => {
    s.pending.push({ key: pendingKey(msg.channel, msg.chatId, KIND), kind: KIND, data: upload, at: deps.now().toISOString() });
  });
  await mkdir(join(deps.plansDir, INCOMING_DIR), { recursive: true });
  await writeFile(join(deps.plansDir, INCOMING_DIR, staged), bytes);
  const note = placement.kind === "replace" ? `\n\n⚠️ ${placementNote(placement)} Nạp tệp này sẽ thay thế kế hoạch cũ (tệp cũ được giữ lại).` : "";
  deps.log("info", `plan-upload: ${file.name} read as ${parsed.format} (${parsed.plan.id}) for ${msg.channel}:${msg.userId}`);
  return [{ text: `${summary}${note}\n\nNạp kế hoạch này?`, buttons: buttonsFor(id), textFallback: NO_BUTTONS }];
}

async function press(p: ButtonPress, deps: CoreDeps): Promise<PressResult> {
  const [, action, id] = p.data.split(":");
  const allowed = authorize(deps, p, "load-plan");
  if (!allowed.ok) return { toast: allowed.toast, replies: [] };
  const upload = current(deps, p.channel, p.chatId);
  if (!upload || upload.id !== id) {
    return { toast: "Tệp này đã hết hạn hoặc đã xử lý.", replies: [], edit: { text: "Yêu cầu nạp kế hoạch này đã hết hạn. Hãy gửi lại tệp.", buttons: [] } };
  }
  const own = authorize(deps, p, "load-plan", upload.agencyId, { target: upload.planId });
  if (!own.ok) return { toast: own.toast, replies: [{ text: own.reply }] };
  if (action === "cancel") {
    await forget(deps, p.channel, p.chatId);
    return { toast: "Đã huỷ.", replies: [], edit: { text: `${upload.summary}\n\n✖ Đã huỷ, kế hoạch không được nạp. ${UNCHANGED}`, buttons: [] } };
  }
  const placement = placePlan(deps.knowledge.knowledge, { agencyId: upload.agencyId, title: upload.title });
  const old = placement.kind === "replace" ? placement.old : null;
  if (old && action !== "replace") {
    const text = [
      upload.summary,
      "",
      `⚠️ ${placementNote(placement)}`,
      `Thay thế kế hoạch cũ «${old.title}»? Tệp cũ được giữ lại trong thư mục archive/ (đổi tên kèm ngày), không bị xoá.`,
    ].join("\n");
    return { toast: "Cần xác nhận thay thế.", replies: [], edit: { text, buttons: buttonsFor(upload.id, true) } };
  }
  if (!inFlight.add(upload.id)) return { toast: "Đang nạp…", replies: [] };
  try {
    const bytes = new Uint8Array(await readFile(join(deps.plansDir, INCOMING_DIR, upload.staged)));
    const stored = await storePlan({
      plansDir: deps.plansDir,
      knowledgeFile: deps.knowledgeFile,
      bytes,
      fileName: upload.fileName,
      replaces: old?.sourceFile ?? null,
      now: deps.now(),
    });
    deps.knowledge.replace(stored.knowledge);
    await forget(deps, p.channel, p.chatId);
    deps.log("info", `plan-upload: stored ${stored.file}${stored.archived ? `, old kept as ${stored.archived}` : ""} by ${p.channel}:${p.userId}`);
    await recordChange(deps, p, {
      action: old ? "plan-replace" : "plan-load",
      agencyId: upload.agencyId,
      target: upload.planId,
      before: old ? { planId: old.id, title: old.title, file: old.sourceFile } : null,
      after: { planId: upload.planId, title: upload.title, file: stored.file },
      note: stored.archived ? `tệp cũ giữ lại: ${stored.archived}` : null,
    });
    const kept = stored.archived ? `\nKế hoạch cũ được giữ lại: ${stored.archived}` : "";
    const text = `${upload.summary}\n\n✅ Đã nạp kế hoạch (tệp ${stored.file}).${kept}\nTừ giờ các câu trả lời và nhắc hạn dùng kế hoạch này. Gõ /kehoach để xem các kế hoạch đang dùng.`;
    return { toast: "Đã nạp kế hoạch.", replies: [], edit: { text, buttons: [] } };
  } catch (e) {
    deps.log("error", `plan-upload: storing ${upload.fileName} failed`, e);
    const why = e instanceof StorePlanError || e instanceof ExtractError ? ` ${e.message}` : "";
    return { toast: "Không nạp được.", replies: [{ text: `Không nạp được kế hoạch ${upload.fileName}.${why} ${UNCHANGED}` }] };
  } finally {
    inFlight.delete(upload.id);
  }
}

/** uploads being stored right now: a double tap must not store twice */
const inFlight = {
  ids: new Set<string>(),
  add(id: string) {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    return true;
  },
  delete(id: string) {
    this.ids.delete(id);
  },
};

export const planUploadFeature: CoreFeature = {
  name: "plan-upload",
  commands,
  async onMessage(msg, deps) {
    if (msg.file && msg.chatType === "private") return receive(msg, deps);
    if (matchCommand(msg, commands)) return [{ text: formatPlanList(deps.knowledge.knowledge) }];
    return null;
  },
  async onPress(p, deps) {
    if (!/^plan:(load|replace|cancel):[0-9a-f]+$/.test(p.data)) return null;
    return press(p, deps);
  },
};
