// "CCHC là gì?": short definitions of the field's abbreviations and index names, with diacritics.
// General Vietnamese administrative usage (the expansions lexicon.ts folds to; test/knowledge/
// ask-router.test.ts checks the two agree), not taken from any question.
import { ABBREVIATIONS, INDEX_NAMES } from "./lexicon.ts";

export const DISPLAY: Record<string, string> = {
  cchc: "cải cách hành chính",
  tthc: "thủ tục hành chính",
  qppl: "quy phạm pháp luật",
  vbqppl: "văn bản quy phạm pháp luật",
  cbccvc: "cán bộ, công chức, viên chức",
  cbcccvc: "cán bộ, công chức, viên chức",
  cbcc: "cán bộ, công chức",
  cbccc: "cán bộ, công chức",
  ccvc: "công chức, viên chức",
  vtvl: "vị trí việc làm",
  gtvt: "giao thông vận tải",
  sgtvt: "Sở Giao thông vận tải",
  bgtvt: "Bộ Giao thông vận tải",
  ldtbxh: "Lao động - Thương binh và Xã hội",
  sldtbxh: "Sở Lao động - Thương binh và Xã hội",
  dvc: "dịch vụ công",
  dvctt: "dịch vụ công trực tuyến",
  cntt: "công nghệ thông tin",
  ubnd: "Ủy ban nhân dân",
  hdnd: "Hội đồng nhân dân",
  pvhcc: "phục vụ hành chính công",
  ttpvhcc: "Trung tâm Phục vụ hành chính công",
  tthcc: "Trung tâm Phục vụ hành chính công",
  bcd: "Ban Chỉ đạo",
  khth: "Kế hoạch - Tổng hợp",
  cqdt: "chính quyền điện tử",
  cds: "chuyển đổi số",
  ttdt: "trang thông tin điện tử",
  pbgdpl: "phổ biến, giáo dục pháp luật",
  tnxh: "tệ nạn xã hội",
  qd: "quyết định",
  nq: "nghị quyết",
  kh: "kế hoạch",
  bc: "báo cáo",
  nd: "nghị định",
  "par index": "Chỉ số cải cách hành chính",
  sipas: "Chỉ số hài lòng về sự phục vụ hành chính",
  pci: "Chỉ số năng lực cạnh tranh cấp tỉnh",
  papi: "Chỉ số hiệu quả quản trị và hành chính công",
  ddci: "Chỉ số năng lực cạnh tranh cấp sở, ngành và địa phương",
  dti: "Chỉ số chuyển đổi số",
};

/** English glosses for English "what is X?" */
export const DISPLAY_EN: Record<string, string> = {
  cchc: "public administration reform", tthc: "administrative procedures", qppl: "legal normative (documents)",
  vbqppl: "legal normative documents", cbccvc: "cadres, civil servants and public employees", cbcccvc: "cadres, civil servants and public employees",
  cbcc: "cadres and civil servants", cbccc: "cadres and civil servants", ccvc: "civil servants and public employees",
  vtvl: "job positions", gtvt: "transport", sgtvt: "Department of Transport", bgtvt: "Ministry of Transport",
  ldtbxh: "Labour, Invalids and Social Affairs", sldtbxh: "Department of Labour, Invalids and Social Affairs",
  dvc: "public services", dvctt: "online public services", cntt: "information technology", ubnd: "People's Committee",
  hdnd: "People's Council", pvhcc: "public administration service", ttpvhcc: "Public Administration Service Centre",
  tthcc: "Public Administration Service Centre", bcd: "Steering Committee", khth: "Planning and General Affairs",
  cqdt: "e-government", cds: "digital transformation", ttdt: "web portal", pbgdpl: "legal dissemination and education",
  tnxh: "social evils", qd: "decision", nq: "resolution", kh: "plan", bc: "report", nd: "decree",
  "par index": "Public Administration Reform Index", sipas: "Satisfaction Index of Public Administrative Services",
  pci: "Provincial Competitiveness Index", papi: "Provincial Governance and Public Administration Performance Index",
  ddci: "Department and District Competitiveness Index", dti: "Digital Transformation Index",
};

/** Every abbreviation the analyser knows, folded. */
export function knownAbbreviations(): string[] {
  return [...Object.keys(ABBREVIATIONS), ...Object.keys(INDEX_NAMES)];
}
