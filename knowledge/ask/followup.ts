// Follow-ups ("còn quý IV thì sao?", "thế Thanh tra thì sao?", "còn Đắk Lắk?", "chi tiết hơn"): the
// previous question with the new slot put in place of the old one. Pure; the chat keeps the memory.
import type { Knowledge } from "../schema.ts";
import { foldVietnamese } from "../text.ts";
import { FOLLOW_UP, MORE_DETAIL } from "./talk.ts";

const fold = (s: string) => foldVietnamese(s.normalize("NFC")).toLowerCase().replace(/[?!.]+/g, " ").replace(/\s+/g, " ").trim();

/** Time expressions (folded), as the slot reader knows them: each is one slot to swap. */
const TIME =
  /\b(?:(?:tu\s+)?thang\s+\d{1,2}\s*(?:den|toi|-)\s*(?:thang\s+)?\d{1,2}|(?:dau|giua|cuoi)\s+thang\s+\d{1,2}|quy\s*(?:iv|iii|ii|i|[1-4])(?:\s*(?:\/|nam)\s*\d{4})?|q\s?[1-4](?:\s*\/\s*\d{4})?|(?:0?6|sau)\s+thang(?:\s+dau\s+nam)?|thang\s+\d{1,2}(?:\s*\/\s*\d{4})?|\d{1,2}\/\d{1,2}(?:\/\d{4})?|(?:tuan|thang|quy)\s+(?:nay|sau|toi)|(?:cuoi|dau)\s+nam|(?:bao cao\s+)?nam\s+(?:19|20)\d{2}|(?<=bao cao\s)nam\b|(?:19|20)\d{2})\b/g;

/** Opening and closing words of a follow-up, dropped to keep its content. */
const OPENER = /^(?:vay con|the con|con ve|con voi|con|vay|the|and|what about|how about)\s+/;
const CLOSER = /\s+(?:thi sao|thi the nao|nua khong|nua|thi)$|\s*(?:thi sao|thi the nao)$/;

export function isFollowUp(question: string): boolean {
  const f = fold(question);
  return f.split(" ").length <= 8 && (FOLLOW_UP.test(f) || MORE_DETAIL.test(f));
}

export function isMoreDetail(question: string): boolean {
  return MORE_DETAIL.test(fold(question));
}

/** Names a plan or unit is known by (folded), longest first, for swapping one for another. */
function namesOf(k: Knowledge): string[] {
  const names = new Set<string>();
  for (const p of k.plans) for (const n of [p.province, p.agencyShort, p.agency]) names.add(fold(n));
  for (const u of k.units) for (const n of [u.name, ...u.aliases]) if (n.length >= 3) names.add(fold(n));
  return [...names].filter((n) => n.length >= 3).sort((a, b) => b.length - a.length);
}

const has = (text: string, phrase: string) => new RegExp(`(?:^|\\s)${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=\\s|$)`).test(text);

/**
 * The question a follow-up stands for: the previous one with the follow-up's time, plan or unit in
 * place of its own; with neither, the previous question and the new words together.
 */
export function mergeFollowUp(previous: string, followUp: string, k: Knowledge): string {
  if (isMoreDetail(followUp)) return previous;
  let frag = fold(followUp).replace(OPENER, "").replace(CLOSER, "").trim();
  frag = frag.replace(CLOSER, "").trim();
  let prev = fold(previous);
  if (!frag) return previous;
  const fragTimes: string[] = frag.match(TIME) ?? [];
  let rest = frag;
  if (fragTimes.length) {
    const prevTimes: string[] = prev.match(TIME) ?? [];
    const when = fragTimes.join(" ");
    // the first old time expression takes the new one; any other old one goes
    prev = prevTimes.length ? prev.replace(prevTimes[0], "\u0000").replace(TIME, "").replace("\u0000", when) : `${prev} ${when}`;
    for (const t of fragTimes) rest = rest.replace(t, " ");
    rest = rest.replace(/\s+/g, " ").trim();
  }
  if (rest) {
    // a plan or unit named in the follow-up replaces the one of the previous question of the same kind
    const names = namesOf(k);
    const named = names.filter((n) => has(rest, n));
    if (named.length) {
      const plans = new Set(k.plans.flatMap((p) => [p.province, p.agencyShort, p.agency].map(fold)));
      const isPlan = (n: string) => plans.has(n);
      const swapPlan = named.some(isPlan);
      const swapUnit = named.some((n) => !isPlan(n));
      for (const n of names) {
        if (!has(prev, n)) continue;
        if ((isPlan(n) && swapPlan) || (!isPlan(n) && swapUnit)) prev = prev.replace(new RegExp(`(?:^|\\s)${n}(?=\\s|$)`), " ");
      }
      prev = prev.replace(/\s+/g, " ").trim();
    }
    prev = `${rest} ${prev}`;
  }
  return prev.replace(/\s+/g, " ").trim();
}
