// What /viec and /dangky say when a unit name is not found: the name as typed (clipped), then the
// known units grouped by agency, a few per agency, so the user can copy a real name.
import type { Knowledge, Unit } from "../../knowledge/schema.ts";
import { agencyLabel, clip } from "./common.ts";

const PER_AGENCY = 4;

/** "• Sở GTVT Sơn La: Văn phòng Sở, Thanh tra Sở, … (+3)", agencies in the plans' order. */
export function unitsByAgency(knowledge: Knowledge, units: Unit[], perAgency = PER_AGENCY): string[] {
  const order = [...new Set([...knowledge.plans.map((p) => p.agencyId), ...units.map((u) => u.agencyId)])];
  return order.flatMap((agencyId) => {
    const names = [...new Set(units.filter((u) => u.agencyId === agencyId).map((u) => u.name))];
    if (!names.length) return [];
    const more = names.length > perAgency ? `, … (+${names.length - perAgency})` : "";
    return [`• ${agencyLabel(knowledge, agencyId)}: ${names.slice(0, perAgency).join(", ")}${more}`];
  });
}

/** "Không tìm thấy đơn vị «…» trong các kế hoạch." with the known units and an example. */
export function unitNotFoundText(knowledge: Knowledge, typed: string, suggestions: Unit[], example: string): string {
  const lines = unitsByAgency(knowledge, suggestions);
  return [
    `Không tìm thấy đơn vị «${clip(typed, 80)}» trong các kế hoạch.`,
    ...(lines.length ? ["Các đơn vị có trong kế hoạch:", ...lines] : ["Chưa có kế hoạch nào nêu đơn vị để chọn."]),
    example,
  ].join("\n");
}
