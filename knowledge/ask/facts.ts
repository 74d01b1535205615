// Facts about a plan itself: who signed it, its number and date, what it implements, its period,
// and the appendix it points to when that appendix is not in the text.
import type { Hit } from "../ask.ts";
import type { Plan } from "../schema.ts";
import type { FactKind } from "./analyze.ts";
import { clip, planLabel, signerTitle } from "./labels.ts";
import { appendixParts, type RenderCtx } from "./render.ts";
import { bigramsOf, canonTokens } from "./tokens.ts";

const MAX_PLANS = 8;

/** How well a text matches the question's words (rarity-weighted). */
function overlap(ctx: RenderCtx, text: string): number {
  const toks = canonTokens(text);
  const have = new Set([...toks, ...bigramsOf(toks)]);
  let s = 0;
  for (const t of [...ctx.a.terms, ...ctx.a.bigrams]) if (have.has(t)) s += ctx.weight(t);
  return s;
}

// a plan's own words (title, agency, province, number), read once per plan
const planWords = new WeakMap<Plan, Set<string>>();
function wordsOfPlan(p: Plan): Set<string> {
  let w = planWords.get(p);
  if (!w) {
    const toks = canonTokens(`${p.title} ${p.agency} ${p.province} ${p.number}`);
    planWords.set(p, (w = new Set([...toks, ...bigramsOf(toks)])));
  }
  return w;
}

/** The plans the question is about: one clear winner by title, else all of them. */
function pickPlans(ctx: RenderCtx, plans: Plan[]): Plan[] {
  if (plans.length <= 1) return plans;
  const asked = [...ctx.a.terms, ...ctx.a.bigrams].map((t) => [t, ctx.weight(t)] as const);
  const scored = plans
    .map((p) => {
      const have = wordsOfPlan(p);
      let s = 0;
      for (const [t, w] of asked) if (have.has(t)) s += w;
      return { p, s };
    })
    .sort((x, y) => y.s - x.s);
  const [a, b] = scored;
  if (a.s > 0 && a.s >= b.s * 1.3 + 0.5) return [a.p];
  return scored.filter((x) => x.s >= a.s * 0.8).map((x) => x.p);
}

function blankNumber(n: string): boolean {
  return /^\s*(số\s*:?)?\s*\//iu.test(n) || n.trim() === "";
}

function factLine(ctx: RenderCtx, p: Plan, kind: FactKind): { text: string; line: number } | null {
  const vi = ctx.lang === "vi";
  const label = planLabel(p);
  switch (kind) {
    case "signer": {
      if (!p.signer) return { text: vi ? `${label}: văn bản không ghi người ký.` : `${label}: the document names no signer.`, line: 1 };
      const title = signerTitle(p.signer.title, ctx.lang);
      return { text: vi ? `${label}: ${title} ${p.signer.name} ký.` : `${label} was signed by ${p.signer.name} (${title}).`, line: 1 };
    }
    case "number": {
      const n = p.number.trim();
      if (blankNumber(n)) {
        return {
          text: vi
            ? `${label}: số ký hiệu ghi "${n || "(trống)"}" — văn bản chưa điền số.`
            : `${label}: the number reads "${n || "(blank)"}" — it is left blank in the document.`,
          line: 1,
        };
      }
      // the number and the date are read together ("số 08/QĐ-SKHCN ngày 12/01/2026")
      const d = p.issueDate;
      const on = d.day && d.month && d.year ? `${d.day}/${d.month}/${d.year}` : "";
      return { text: vi ? `${label}: số ${n}${on ? `, ngày ${on}` : ""}.` : `${label}: number ${n}${on ? `, dated ${on}` : ""}.`, line: 1 };
    }
    case "date": {
      const d = p.issueDate;
      if (d.day && d.month && d.year) {
        return { text: vi ? `${label}: ban hành ngày ${d.day}/${d.month}/${d.year}.` : `${label}: issued on ${d.day}/${d.month}/${d.year}.`, line: 1 };
      }
      if (d.month && d.year) {
        const mm = String(d.month).padStart(2, "0");
        return {
          text: vi
            ? `${label}: ban hành tháng ${mm}/${d.year} (văn bản chưa ghi ngày: "${d.text.trim()}").`
            : `${label}: issued in ${mm}/${d.year} (the day is left blank: "${d.text.trim()}").`,
          line: 1,
        };
      }
      if (!d.text.trim()) return { text: vi ? `${label}: văn bản không ghi ngày ban hành.` : `${label}: the document gives no date of issue.`, line: 1 };
      return { text: vi ? `${label}: văn bản ghi "${d.text.trim()}".` : `${label}: the document says "${d.text.trim()}".`, line: 1 };
    }
    case "base": {
      if (!p.baseDocuments.length) return null;
      const scored = p.baseDocuments.map((b, i) => ({ b, i, s: overlap(ctx, b.text) })).sort((x, y) => y.s - x.s || x.i - y.i);
      const best = scored[0].s > 0 ? scored.filter((x) => x.s >= scored[0].s * 0.9).slice(0, 2) : scored.slice(0, 2);
      const docs = best.sort((x, y) => x.i - y.i).map((x) => clip(x.b.text.replace(/^(Căn cứ|Thực hiện)\s+/u, ""), 240));
      return {
        text: vi ? `${label} thực hiện (căn cứ): ${docs.join("; ")}.` : `${label} implements: ${docs.join("; ")}.`,
        line: best[0].b.source.line,
      };
    }
    case "period": {
      const t = p.title.replace(/\s+/g, " ").trim();
      const period = p.period.text.trim();
      const said = /^(giai đoạn|năm|từ)/iu.test(period) ? period : `giai đoạn ${period}`;
      return { text: vi ? `${label}: "${t}" — ${said}.` : `${label}: "${t}" — period: ${period}.`, line: 1 };
    }
    case "appendix": {
      if (!p.missingAppendix) {
        const rows = ctx.k.tasks.filter((t) => t.planId === p.id && t.row).length;
        return {
          text: rows
            ? vi ? `${label}: phụ lục nhiệm vụ có trong văn bản (${rows} dòng việc); bạn có thể hỏi về từng việc.` : `${label}: its task appendix is in the text (${rows} rows); ask about any of them.`
            : vi ? `${label}: kế hoạch không dẫn chiếu phụ lục nào.` : `${label}: the plan refers to no appendix.`,
          line: 1,
        };
      }
      const note = clip(appendixParts(ctx, p.missingAppendix), 400);
      return {
        text: vi
          ? `${label}: kế hoạch ghi "${note}", nhưng phụ lục này không có trong văn bản nên tôi không có chi tiết của nó.`
          : `${label}: the plan says "${note}", but that appendix is not included in the text, so I have no details from it.`,
        line: 1,
      };
    }
  }
}

export function answerFact(ctx: RenderCtx, plans: Plan[], kind: FactKind): { text: string; hits: Hit[] } | null {
  const chosen = pickPlans(ctx, plans);
  const rows = chosen.slice(0, MAX_PLANS).map((p) => ({ p, f: factLine(ctx, p, kind) })).filter((r) => r.f !== null);
  if (!rows.length) return null;
  const vi = ctx.lang === "vi";
  const lines = rows.map((r) => r.f!.text);
  if (chosen.length > MAX_PLANS) {
    lines.push(vi ? `… và ${chosen.length - MAX_PLANS} kế hoạch khác — hãy nêu tên Sở hoặc tỉnh để hỏi cụ thể.` : `… and ${chosen.length - MAX_PLANS} more plans — name the agency or province to narrow it down.`);
  }
  const files = [...new Set(rows.map((r) => `${r.p.sourceFile}${r.f!.line > 1 ? ` dòng ${r.f!.line}` : ""}`))];
  lines.push(`${vi ? "Nguồn" : "Source"}: ${files.join("; ")}.`);
  const hits: Hit[] = rows.slice(0, 5).map((r) => ({
    planId: r.p.id,
    kind: "plan",
    text: r.f!.text,
    lead: [],
    support: [],
    due: null,
    dueText: null,
    value: null,
    source: { file: r.p.sourceFile, line: r.f!.line },
  }));
  return { text: lines.join("\n"), hits };
}
