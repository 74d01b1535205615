// Report schedules. Sơn La writes them in two bullets: the due dates ("Báo cáo quý, 6 tháng gửi
// trước ngày 15/3; 15/6; 15/9 và báo cáo năm gửi trước ngày 15/12/2024") and, under "Thời điểm
// chốt số liệu", one line per report with its data window. Others only say "định kỳ hàng quý,
// 06 tháng, hàng năm … báo cáo UBND tỉnh": a schedule without dates.
import { parseDeadline } from "../deadlines.ts";
import type { Deadline, ReportSchedule } from "../schema.ts";
import { foldVietnamese, lineAt } from "../text.ts";
import type { OutlineNode } from "./outline.ts";
import { isPeriodicReport, timePhraseIn } from "./time-phrase.ts";

export interface DraftReport {
  period: ReportSchedule["period"];
  name: string;
  text: string;
  due: Deadline;
  cutoff: ReportSchedule["cutoff"];
  line: number;
  node: OutlineNode;
  /** the recipient as written ("Văn phòng Sở", "UBND tỉnh (thông qua Sở Nội vụ)") */
  to: string | null;
}

const SHORT_DATE = /(?<![\d/])\d{1,2}\/\d{1,2}(?:\/\d{2,4})?(?![\d/])/g;
const CUTOFF = /^Báo cáo (.+?):.*?(từ ngày \d{1,2}\/\d{1,2}\/\d{4} đến (?:trước )?ngày \d{1,2}\/\d{1,2}\/\d{4})/u;
const ORDER: ReportSchedule["period"][] = ["M", "Q1", "Q2", "H1", "Q3", "Q4", "Y", "other"];

export function periodOf(name: string): ReportSchedule["period"] {
  const f = foldVietnamese(name);
  if (/quy iv\b|quy 4\b/.test(f)) return "Q4";
  if (/quy iii\b|quy 3\b/.test(f)) return "Q3";
  if (/quy ii\b|quy 2\b/.test(f)) return "Q2";
  if (/quy i\b|quy 1\b/.test(f)) return "Q1";
  if (/\b0?6 thang|sau thang/.test(f)) return "H1";
  if (/\bthang \d/.test(f)) return "M";
  if (/\bnam\b/.test(f)) return "Y";
  return "other";
}

/** "…báo cáo … về Văn phòng Sở", "báo cáo UBND tỉnh (thông qua Sở Nội vụ)" → the recipient. */
export function recipientIn(text: string): string | null {
  const to = /\bvề (Văn phòng(?: \p{Lu}\p{Ll}*)?|Sở [\p{L} ]+?|UBND tỉnh)(?=[\s,.;]|$)/u.exec(text);
  if (to && /báo cáo/u.test(text)) return to[1].replace(/ để$/u, "");
  const m = /báo cáo(?: kết quả[^,.;]*?)?(?: với| cho| lên)? ((?:Ban Giám đốc Sở, )?UBND tỉnh(?: \((?:thông )?qua Sở Nội vụ\))?|Sở Nội vụ|Lãnh đạo Sở|Ban Giám đốc Sở)/u.exec(text);
  return m ? m[1] : null;
}

function dueOf(token: string, year: number): Deadline | null {
  const d = parseDeadline(`trước ngày ${token}`, { year });
  return d.kind === "date" ? d : null;
}

/** The dated schedules (Sơn La V.3) and the bullets they were read from. */
export function datedReports(nodes: OutlineNode[], year: number): { reports: DraftReport[]; consumed: Set<OutlineNode> } {
  const consumed = new Set<OutlineNode>();
  const reports: DraftReport[] = [];
  const duesNode = nodes.find((n) => {
    const t = n.body?.text ?? "";
    return /báo cáo/iu.test(t) && /trước ngày/iu.test(t) && (t.match(SHORT_DATE)?.length ?? 0) >= 2 && !CUTOFF.test(t);
  });
  if (!duesNode?.body) return { reports, consumed };
  const body = duesNode.body;
  const tokens = [...body.text.matchAll(SHORT_DATE)].map((m) => ({ token: m[0], at: m.index! }));
  const dues = tokens.map((t) => ({ ...t, due: dueOf(t.token, year) }));
  if (dues.some((d) => d.due === null)) return { reports, consumed };

  // the cut-off lines: "+ Báo cáo quý I/2024: Thời gian chốt số liệu tính từ ngày … đến trước ngày …"
  const cutoffs = nodes
    .filter((n) => n.body && CUTOFF.test(n.body.text))
    .map((n) => {
      const m = CUTOFF.exec(n.body!.text)!;
      const window = parseDeadline(m[2], { year });
      return { node: n, name: `Báo cáo ${m[1].trim()}`, period: periodOf(m[1]), window };
    })
    .sort((a, b) => ORDER.indexOf(a.period) - ORDER.indexOf(b.period));

  let named: { name: string; period: ReportSchedule["period"]; cutoff: ReportSchedule["cutoff"] }[];
  if (cutoffs.length === dues.length) {
    named = cutoffs.map((c) => ({
      name: c.name,
      period: c.period,
      cutoff: c.window.start && c.window.due ? { from: c.window.start, to: c.window.due, text: c.window.text } : null,
    }));
  } else if (dues.length === 4 && /quý/iu.test(body.text) && /6 tháng/iu.test(body.text) && /năm/iu.test(body.text)) {
    // "Báo cáo quý, 6 tháng … và báo cáo năm": quý I, 6 tháng, quý III, năm
    const y = Number(dues[3].due!.due!.slice(0, 4));
    named = [
      { name: `Báo cáo quý I/${y}`, period: "Q1", cutoff: null },
      { name: `Báo cáo 6 tháng đầu năm ${y}`, period: "H1", cutoff: null },
      { name: `Báo cáo quý III/${y}`, period: "Q3", cutoff: null },
      { name: `Báo cáo năm ${y}`, period: "Y", cutoff: null },
    ];
  } else return { reports, consumed };

  const to = recipientIn(body.text) ?? siblingRecipient(duesNode);
  dues.forEach((d, i) => {
    const r = named[i];
    const due = d.due!;
    const cut = r.cutoff ? `; chốt số liệu ${r.cutoff.text}` : "";
    reports.push({
      period: r.period,
      name: r.name,
      text: `${r.name}: gửi ${due.text}${cut}`,
      due,
      cutoff: r.cutoff,
      line: lineAt(body, d.at),
      node: duesNode,
      to,
    });
  });
  consumed.add(duesNode);
  for (const c of cutoffs) {
    consumed.add(c.node);
    for (const p of c.node.parents) if (p.body === null && /chốt số liệu/iu.test(p.title ?? "")) consumed.add(p);
  }
  return { reports, consumed };
}

/** "Định kỳ gửi báo cáo … về Văn phòng Sở" in a bullet next to the dates. */
function siblingRecipient(node: OutlineNode): string | null {
  const parent = node.parents[node.parents.length - 1];
  for (const s of parent?.children ?? []) {
    const t = s.body?.text ?? "";
    if (/báo cáo/iu.test(t)) {
      const r = recipientIn(t);
      if (r) return r;
    }
  }
  return null;
}

/** "Định kỳ hàng quý, 06 tháng, hàng năm … báo cáo UBND tỉnh": a schedule with no dates. */
export function periodicReport(node: OutlineNode, year: number): DraftReport | null {
  const body = node.body;
  if (!body || !isPeriodicReport(body.text)) return null;
  const phrase = timePhraseIn(body.text);
  if (!phrase || !/định kỳ/iu.test(phrase)) return null;
  const due = parseDeadline(phrase, { year });
  if (due.kind !== "recurring") return null;
  const at = body.text.search(/[Đđ]ịnh kỳ/u);
  const name = `Báo cáo ${phrase.replace(/^Đ/u, "đ")}`;
  return { period: "other", name, text: body.text, due, cutoff: null, line: lineAt(body, Math.max(0, at)), node, to: recipientIn(body.text) };
}

// ---------------------------------------------------------------------------
// Report schedules in any sentence: "báo cáo quý I trước ngày 05/3/2025; báo cáo 6 tháng đầu năm
// trước ngày 05/6/2025…", "báo cáo quý gửi trước ngày 15 của tháng cuối quý", "- Báo cáo năm: gửi
// trước ngày 18/11/2026, số liệu tính từ ngày 15/12/2025 đến ngày 14/11/2026", "(quý I trước ngày
// 10/3/2026; quý II …)". Any number of reports, any period words.

const PERIOD_WORDS = String.raw`(?<!tháng\s+(?:cuối|đầu)\s+)(?:định kỳ\s+)?(?:(?:hằng|hàng|mỗi)\s+)?(?:quý\s+(?:I{1,3}|IV|[1-4])(?![\p{L}\d])|quý|0?6\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?|0?9\s+tháng|(?<=(?:hằng|hàng|mỗi)\s+)tháng|(?<=[Bb]áo cáo\s+)tháng(?!\s+(?:cuối|đầu|thứ|\d))|tháng\s+\d{1,2}(?![\d/])|năm)(?:\s*(?:\/|năm)\s*\d{4})?`;
const MENTION = new RegExp(String.raw`(?:^|[\s(;,])(?:[Bb]áo cáo|[Ss]ơ kết|[Tt]ổng kết|kỳ)\s+(?:kết quả\s+(?:thực hiện\s+)?(?:[^;.]{0,60}?\s)?)?(${PERIOD_WORDS})`, "gu");
const SUB_MENTION = new RegExp(String.raw`(?:^|[(;,]\s*)(quý\s+(?:I{1,3}|IV|[1-4])|0?6\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?|năm)\s+(?=trước|chậm nhất|gửi)`, "gu");
const DUE = /(?:trước|chậm nhất|hạn)(?:\s+là)?\s+(?:ngày\s+)?(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|\d{1,2}\s+(?:của\s+)?tháng\s+(?:cuối|đầu)\s+(?:mỗi\s+)?quý|\d{1,2}\s+hằng\s+tháng|\d{1,2}\s+của\s+tháng\s+(?:cuối|đầu)\s+quý)/u;
const WINDOW = /từ\s+ngày\s+(\d{1,2}\/\d{1,2}\/\d{4})\s+đến\s+(?:hết\s+)?(?:trước\s+)?ngày\s+(\d{1,2}\/\d{1,2}\/\d{4})/u;

const POST_DUE = new RegExp(String.raw`(?:trước|chậm nhất)\s+(?:ngày\s+)?(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)\s+(?:đối với|với|cho)\s+(?:các\s+)?báo cáo\s+(${PERIOD_WORDS})`, "gu");
const RULE_ONLY = /[Bb]áo cáo(?:\s+kết quả)?[^;.()]{0,80}?(?:trước|chậm nhất)\s+(?:ngày\s+)?(\d{1,2}\s+(?:của\s+)?tháng\s+(?:cuối|đầu)\s+(?:mỗi\s+)?quý)/gu;

function reportName(words: string, year: number): string {
  const w = words.replace(/^(?:định kỳ\s+)?(?:(?:hằng|hàng|mỗi)\s+)/u, "").replace(/\s+/g, " ").trim();
  const named = /\d{4}$/.test(w) ? w : /^quý\s+\S+$/u.test(w) ? `${w}/${year}` : `${w} ${year}`;
  return `Báo cáo ${named}`;
}

function isoOf(dmy: string): string | null {
  const d = parseDeadline(`ngày ${dmy}`, { year: 2000 });
  return d.kind === "date" ? d.due : null;
}

/** Every report a paragraph schedules with a due date (or a rule), with its data window when given. */
export function reportsInText(text: string, year: number, line: number, node: OutlineNode): DraftReport[] {
  const out: DraftReport[] = [];
  const mentions: { at: number; words: string }[] = [];
  for (const m of text.matchAll(MENTION)) mentions.push({ at: m.index! + m[0].indexOf(m[1]), words: m[1] });
  // "(quý I trước ngày 10/3/2026; quý II trước ngày 10/6/2026)": each one a report
  for (const m of text.matchAll(SUB_MENTION)) {
    const at = m.index! + m[0].indexOf(m[1]);
    if (!mentions.some((x) => Math.abs(x.at - at) < 3)) mentions.push({ at, words: m[1] });
  }
  // "…trước ngày 25/11/2025 đối với báo cáo năm": the period named after its date
  const posted: { words: string; due: string; from: number; to: number }[] = [];
  for (const m of text.matchAll(POST_DUE)) posted.push({ words: m[2], due: m[1], from: m.index!, to: m.index! + m[0].length });
  // "gửi báo cáo kết quả … trước ngày 10 của tháng cuối quý": a quarterly report without the word
  for (const m of text.matchAll(RULE_ONLY)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!mentions.some((x) => x.at >= start && x.at < end) && !posted.some((p) => p.from < end && p.to > start)) posted.push({ words: "quý", due: m[1], from: start, to: end });
  }
  const inPost = (at: number) => posted.some((p) => at >= p.from && at < p.to);
  for (let i = mentions.length - 1; i >= 0; i--) if (inPost(mentions[i].at)) mentions.splice(i, 1);
  mentions.sort((a, b) => a.at - b.at);
  const to = recipientIn(text);
  for (const p of posted) {
    const deadline = parseDeadline(`trước ngày ${p.due}`, { year });
    if (deadline.kind === "unknown") continue;
    const name = reportName(p.words, year);
    if (out.some((r) => r.name === name && r.due.due === deadline.due)) continue;
    out.push({ period: periodOf(name), name, text: `${name}: ${text.replace(/[\s.;]+$/, "")}`, due: deadline, cutoff: null, line, node, to });
  }
  mentions.forEach((m, i) => {
    const end = i + 1 < mentions.length ? mentions[i + 1].at : text.length;
    const seg = text.slice(m.at, end);
    const due = DUE.exec(seg);
    if (!due) return;
    const deadline = parseDeadline(`trước ngày ${due[1]}`, { year });
    if (deadline.kind === "unknown") return;
    const win = WINDOW.exec(seg);
    const from = win ? isoOf(win[1]) : null;
    const until = win ? isoOf(win[2]) : null;
    const name = reportName(m.words, year);
    if (out.some((r) => r.name === name && r.due.due === deadline.due)) return;
    out.push({
      period: periodOf(name),
      name,
      // the statement names its report even when the plan lists it as "quý II trước ngày …"
      text: `${name}: ${seg.replace(/[\s;,.(]+$/, "").trim()}`,
      due: deadline,
      cutoff: from && until ? { from, to: until, text: win![0] } : null,
      line,
      node,
      to,
    });
  });
  // the plain "báo cáo quý" with a rule, and its own quarters listed after it: the listed ones win
  return out.filter((r) => !(r.due.kind !== "date" && out.some((o) => o !== r && o.due.kind === "date" && o.period.startsWith("Q") && r.period === "other")));
}
