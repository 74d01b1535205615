// /baocao (/report) [tháng 9 | quý III | năm 2024 | từ 01/7 đến 30/9] [đơn vị]: the .xlsx report of a period
// (jobs/report-build.ts, jobs/report-xlsx.ts) for admins and the agency's leaders. Telegram: the workbook as a
// document in the chat that asked. Zalo (no uploads): the summary as text and a short-lived signed link.
import type { Incoming, Outgoing } from "../types.ts";
import type { CoreDeps, CoreFeature } from "../index.ts";
import { bindingFor, clip, formatDay, isoDay, matchCommand, unitLabel } from "../common.ts";
import { agenciesFor, authorize } from "../roles.ts";
import { parsePeriod, quarterPeriod } from "../period.ts";
import { findAgencies, resolveUnit } from "../resolve-unit.ts";
import { periodLabel, reportSummaryText } from "../../../jobs/report-build.ts";
import { buildReportFile } from "../../../jobs/report-xlsx.ts";
import { findDay } from "./common.ts";

const commands = [{ name: "baocao", aliases: ["report"], description: "Báo cáo Excel tình hình thực hiện: /baocao quý III 2024 [đơn vị] (quản trị viên, lãnh đạo)" }];

const USAGE = "Ví dụ: /baocao tháng 9/2024, /baocao quý III 2024, /baocao năm 2024, /baocao từ 01/7/2024 đến 30/9/2024, thêm tên đơn vị để xem riêng một đơn vị.";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Window = { from: string; to: string; label: string; rest: string } | { error: string };

/** "từ 01/7 đến 30/9/2024", or a month/quarter/year; nothing → this quarter. */
export function parseWindow(args: string, today: string): Window {
  const range = /\b(?:từ|tu|from)\s+(\S+)\s+(?:đến|den|tới|toi|to)\s+(\S+)/iu.exec(args);
  if (range) {
    const a = findDay(range[1], today);
    const b = findDay(range[2], today);
    if (!a || !b || "invalid" in a || "invalid" in b) return { error: `Tôi chưa đọc được khoảng ngày «${clip(range[0], 60)}». ${USAGE}` };
    // "từ 01/7 đến 30/9/2024": the start takes the end's year
    const from = /\d{4}/.test(range[1]) ? a.day : `${b.day.slice(0, 4)}${a.day.slice(4)}`;
    if (from > b.day) return { error: `Ngày bắt đầu ${formatDay(from)} sau ngày kết thúc ${formatDay(b.day)}. ${USAGE}` };
    const rest = (args.slice(0, range.index) + " " + args.slice(range.index + range[0].length)).trim();
    return { from, to: b.day, label: periodLabel(from, b.day), rest };
  }
  const { period, rest } = parsePeriod(args, today);
  if (!period) {
    if (/\d/.test(args)) return { error: `Tôi chưa hiểu khoảng thời gian «${clip(args, 60)}». ${USAGE}` };
    const q = quarterPeriod(Number(today.slice(0, 4)), Math.ceil(Number(today.slice(5, 7)) / 3));
    return { from: q.from, to: q.to, label: q.label, rest: args.trim() };
  }
  if (/\d|\b(?:quy|thang|quarter|month)\b/.test(rest)) return { error: `Tôi chưa hiểu khoảng thời gian «${clip(args, 60)}» (tháng 1–12, quý I–IV). ${USAGE}` };
  return { from: period.from, to: period.to, label: period.label, rest };
}

async function report(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const k = deps.knowledge.knowledge;
  const today = isoDay(deps.now());
  const win = parseWindow(args, today);
  if ("error" in win) return [{ text: win.error }];

  // the scope: a unit named, else agencies named, else the group's agency, else every agency the asker may see
  let unitId: string | undefined;
  let agencies: "all" | string[];
  const binding = bindingFor(deps, msg.channel, msg.chatId);
  const rest = win.rest.trim();
  if (rest) {
    const named = findAgencies(k, rest);
    const r = resolveUnit(k, rest);
    if (r.kind === "one") {
      unitId = r.unit.id;
      agencies = [r.unit.agencyId];
    } else if (r.kind === "many" && binding && r.units.filter((u) => u.agencyId === binding.agencyId).length === 1) {
      const u = r.units.find((x) => x.agencyId === binding.agencyId)!;
      unitId = u.id;
      agencies = [u.agencyId];
    } else if (r.kind === "many") {
      return [{ text: `«${clip(rest, 60)}» khớp nhiều đơn vị: ${r.units.map((u) => unitLabel(k, u)).join("; ")}. Hãy gõ tên đầy đủ hơn (kèm tên sở/tỉnh).` }];
    } else if (named.agencyIds.length > 0 && !named.rest.trim()) {
      agencies = named.agencyIds;
    } else {
      return [{ text: `Không tìm thấy đơn vị hay cơ quan «${clip(rest, 60)}». ${USAGE}` }];
    }
  } else if (binding) {
    agencies = [binding.agencyId];
  } else {
    const scope = agenciesFor(deps, msg, "report");
    if (scope !== "all" && scope.length === 0) {
      const refused = authorize(deps, msg, "report");
      return [{ text: refused.ok ? "Bạn chưa được cấp quyền lấy báo cáo của cơ quan nào." : refused.reply }];
    }
    agencies = scope;
  }
  for (const a of agencies === "all" ? [null] : agencies) {
    const allowed = authorize(deps, msg, "report", a, unitId ? { unitId } : {});
    if (!allowed.ok) return [{ text: allowed.reply }];
  }

  const { report: r, bytes, fileName, scope } = await buildReportFile({
    knowledge: k,
    state: deps.store.state,
    from: win.from,
    to: win.to,
    label: win.label,
    now: deps.now(),
    agencies,
    ...(unitId ? { unitId } : {}),
  });
  if (r.rows.length === 0) {
    return [{ text: `Không có việc nào đến hạn trong ${win.label} (${formatDay(win.from)}–${formatDay(win.to)}) của ${unitId ? unitLabel(k, k.units.find((u) => u.id === unitId)!) : scope} ở các đơn vị đã đăng ký nhóm. Không có báo cáo để gửi.` }];
  }
  const title = `Báo cáo tình hình thực hiện — ${scope}`;
  const summary = reportSummaryText(r, title);
  deps.log("info", `desk: report ${win.from}..${win.to} (${r.rows.length} rows) for ${msg.channel}:${msg.userId}`);
  const doc = { name: fileName, data: bytes, mimeType: XLSX };
  if (msg.channel === "telegram") return [{ text: summary, document: doc, format: { bold: [title] } }];
  if (msg.channel === "zalo") {
    if (r.agencyIds.length > 1) return [{ text: `${summary}\n\nLiên kết tải chỉ chứa dữ liệu của một cơ quan: gõ lại kèm tên cơ quan, ví dụ /baocao ${win.label} Sở GTVT Sơn La.` }];
    if (!deps.links) return [{ text: `${summary}\n\nZalo không nhận tệp từ bot và máy chủ chưa có địa chỉ công khai (WEBHOOK_URL) để tạo liên kết tải. Trên máy chủ, chạy: npm run -s report -- --from ${win.from} --to ${win.to} --out ${fileName}` }];
    const url = deps.links.publish(doc, r.agencyIds[0] ?? null);
    return [{ text: `${summary}\n\n📥 Tải tệp Excel (liên kết dùng được ${deps.links.ttlMinutes} phút): ${url}` }];
  }
  return [{ text: `${summary}\n\nTệp Excel: chạy npm run -s report -- --from ${win.from} --to ${win.to} --out ${fileName}` }];
}

export const reportFeature: CoreFeature = {
  name: "desk-report",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    return cmd ? report(msg, cmd.args, deps) : null;
  },
};
