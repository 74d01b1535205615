// Vietnamese text helpers shared by ingest, ask and the channels.

/** NFC, no BOM, LF line ends: the same text whatever the file's encoding habits. */
export function normalizeText(s: string): string {
  return s.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").normalize("NFC");
}

/** Lower case without diacritics; đ→d (Unicode decomposition leaves đ alone, so map it by hand). */
export function foldVietnamese(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}
