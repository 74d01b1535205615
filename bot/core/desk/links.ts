// Zalo has no document upload: a file is published as a short-lived signed download link served by the
// bot's HTTP server (bot/downloads.ts). Main sets deps.links only when the server has a public address.
import type { OutgoingDocument } from "../types.ts";

export interface DownloadLinks {
  /** how long a link works */
  readonly ttlMinutes: number;
  /** the file's link (one agency's data: the caller publishes only what that agency may see) */
  publish(doc: OutgoingDocument, agencyId: string | null): string;
}
