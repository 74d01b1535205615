// Questions: /hoi (/ask) and free text (private chat: always; group: when addressed). The reply is the
// ask() answer verbatim, with "📄 Nguồn" buttons that show the cited passage of the plan.
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Button, Incoming, Outgoing, PressResult } from "./types.ts";
import type { CoreDeps, CoreFeature } from "./index.ts";
import type { Hit } from "../../knowledge/ask.ts";
import { ask, type AskOptions } from "../../knowledge/ask.ts";
import { isFollowUp, mergeFollowUp } from "../../knowledge/ask/followup.ts";
import { extractPlanText } from "../../knowledge/extract.ts";
import { bindingFor, clip, isoDay, matchCommand } from "./common.ts";
import { EXAMPLE_QUESTIONS } from "./start.ts";

/** A question longer than this is a pasted document, not a question. */
export const MAX_QUESTION_LENGTH = 1000;
/** Bot API: callback_data is 1–64 bytes. */
const MAX_CALLBACK_BYTES = 64;
const MAX_SOURCE_BUTTONS = 3;

const commands = [{ name: "hoi", aliases: ["ask"], description: "Hỏi về kế hoạch: chỉ tiêu, chủ trì, thời hạn" }];

const ASK_HOW = `Hãy gõ câu hỏi, ví dụ: ${EXAMPLE_QUESTIONS[0]}`;

function sourceButtons(hits: Hit[]): Button[][] {
  const seen = new Set<string>();
  const data: string[] = [];
  for (const h of hits) {
    const d = `src:${h.planId}:${h.source.line}`;
    if (seen.has(d) || Buffer.byteLength(d) > MAX_CALLBACK_BYTES) continue;
    seen.add(d);
    data.push(d);
    if (data.length === MAX_SOURCE_BUTTONS) break;
  }
  if (data.length === 0) return [];
  return [data.map((d, i) => ({ text: data.length === 1 ? "📄 Nguồn" : `📄 Nguồn ${i + 1}`, data: d }))];
}

/** How long a chat's last question stays the context of a follow-up ("còn quý IV thì sao?"). */
export const FOLLOW_UP_MS = 10 * 60 * 1000;

interface Turn {
  question: string;
  planIds: string[];
  at: number;
}

// Per core (its store) and per chat: the last answered question. Memory only: a restart forgets it,
// as a person would after ten minutes.
const conversations = new WeakMap<object, Map<string, Turn>>();

function turnsOf(deps: CoreDeps): Map<string, Turn> {
  let m = conversations.get(deps.store);
  if (!m) conversations.set(deps.store, (m = new Map()));
  return m;
}

/** Answers one question for the chat it came from (a registered group narrows to its agency and unit). */
export function answerQuestion(msg: Incoming, question: string, deps: CoreDeps): Outgoing[] {
  const q = question.trim();
  if (!q) return [{ text: `Bạn muốn hỏi gì? ${ASK_HOW}` }];
  if (q.length > MAX_QUESTION_LENGTH)
    return [{ text: `Tin nhắn dài quá (${q.length} ký tự) nên tôi không đọc như một câu hỏi. Hãy hỏi ngắn gọn trong một câu (dưới ${MAX_QUESTION_LENGTH} ký tự).` }];
  const binding = msg.chatType === "group" ? bindingFor(deps, msg.channel, msg.chatId) : undefined;
  const now = deps.now();
  const turns = turnsOf(deps);
  const key = `${msg.channel}:${msg.chatId}`;
  const prev = turns.get(key);
  const fresh = prev && now.getTime() - prev.at <= FOLLOW_UP_MS ? prev : undefined;
  const followUp = !!fresh && isFollowUp(q);
  const effective = followUp ? mergeFollowUp(fresh!.question, q, deps.knowledge.knowledge) : q;
  const opts: AskOptions = { agencyId: binding?.agencyId, today: isoDay(now) };
  if (binding?.unitId) opts.unitId = binding.unitId;
  if (followUp && fresh!.planIds.length) opts.planIds = fresh!.planIds;
  const answer = ask(deps.knowledge.index, effective, opts);
  // small talk and empty answers are no context; a found answer is
  if (answer.found) {
    const planIds = [...new Set(answer.hits.map((h) => h.planId))];
    turns.set(key, { question: effective, planIds: planIds.length ? planIds : (fresh?.planIds ?? []), at: now.getTime() });
  }
  const buttons = sourceButtons(answer.hits);
  return [{ text: answer.answer, ...(buttons.length ? { buttons } : {}) }];
}

export const askFeature: CoreFeature = {
  name: "ask",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    if (!cmd) return null;
    return answerQuestion(msg, cmd.args, deps);
  },
  async onPress(press, deps) {
    const m = /^src:(.+):(\d+)$/.exec(press.data);
    if (!m) return null;
    return showSource(deps, m[1], Number(m[2]), press.messageId);
  },
};

export const questionFeature: CoreFeature = {
  name: "question",
  async onMessage(msg, deps) {
    if (msg.file || msg.text.trim().startsWith("/")) return null;
    if (msg.chatType === "group" && !msg.addressed) return null;
    // a private message without text is a sticker or the like: the fallback's hint fits better
    if (msg.chatType === "private" && !msg.text.trim()) return null;
    // only emoji, digits or punctuation: not a question (the fallback answers or stays quiet)
    if (!/\p{L}/u.test(msg.text)) return null;
    return answerQuestion(msg, msg.text, deps);
  },
};

/** The cited line with a couple of non-empty lines around it, from the plan as stored in plansDir. */
export async function readPassage(plansDir: string, file: string, line: number, around = 2): Promise<string[] | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(plansDir, basename(file)));
  } catch {
    return null;
  }
  // table cells (tab-separated appendix rows) shown as " | " so the columns stay apart
  const lines = (await extractPlanText(bytes, file)).text.split("\n").map((l) => l.replace(/^\t+|\t+$/g, "").replace(/\t+/g, " | "));
  if (line < 1 || line > lines.length) return null;
  const pick = (from: number, step: number) => {
    const out: string[] = [];
    for (let i = from; i >= 0 && i < lines.length && out.length < around; i += step) if (lines[i].trim()) out.push(clip(lines[i], 600));
    return out;
  };
  return [...pick(line - 2, -1).reverse(), `▶ ${clip(lines[line - 1], 1200)}`, ...pick(line, 1)];
}

async function showSource(deps: CoreDeps, planId: string, line: number, messageId: string): Promise<PressResult> {
  const plan = deps.knowledge.knowledge.plans.find((p) => p.id === planId);
  const passage = plan ? await readPassage(deps.plansDir, plan.sourceFile, line) : null;
  if (!plan || !passage) return { toast: "Không còn tìm thấy đoạn này trong kế hoạch (kế hoạch đã thay đổi?).", replies: [] };
  const title = `📄 ${plan.agencyShort} — ${/^\d/.test(plan.number) ? `số ${plan.number}, ` : ""}tệp ${basename(plan.sourceFile)}, dòng ${line}:`;
  // the cited line shown, the lines around it collapsed (Telegram: expandable blockquote)
  return { toast: "📄 Nguồn", replies: [{ text: [title, "", ...passage].join("\n"), replyToMessageId: messageId, format: { bold: [title], quote: [passage.join("\n")] } }] };
}
