// Question → answer over the knowledge model. (Contract stub: the ask issue fills it in.)
import type { Knowledge } from "./schema.ts";

export type Intent = "deadline" | "owner" | "target" | "list" | "fact" | "unknown";

export interface Hit {
  planId: string;
  kind: "task" | "target" | "report" | "plan";
  text: string;
  lead: string[]; // unit display names
  support: string[];
  due: string | null; // ISO date
  dueText: string | null;
  value: string | null; // "tối thiểu 80%"
  source: { file: string; line: number };
}

export interface Answer {
  question: string;
  found: boolean;
  intent: Intent;
  /** exactly the text the bot sends */
  answer: string;
  hits: Hit[]; // at most 5
  /** the language of the reply */
  lang: "vi" | "en";
}

export interface AskIndex {
  knowledge: Knowledge;
}

/** Builds the search index once per knowledge version. */
export function buildAskIndex(knowledge: Knowledge): AskIndex {
  return { knowledge };
}

export interface AskOptions {
  /** restrict to one agency (a registered group's unit) when the question names none */
  agencyId?: string;
  /** today (for "sắp tới", "tháng này") */
  today?: string;
}

export function ask(index: AskIndex, question: string, _opts: AskOptions = {}): Answer {
  return { question, found: false, intent: "unknown", answer: "Xin lỗi, tôi chưa tìm thấy thông tin này trong các kế hoạch.", hits: [], lang: "vi" };
}
