// What a failed send means for the outbox. An error answer is definite: nothing went out, the outbox
// tries again on a later run. No answer (a timeout, a dropped connection after the request left) is
// uncertain: the platform may have delivered it, so it is never resent inside the call or the run,
// only once on the next run — at most one duplicate per timeout. Duck-typed over grammY's GrammyError /
// HttpError and the Zalo client's ZaloApiError, so jobs need no channel import.
import type { ChannelName } from "./types.ts";

export type SendFailure =
  | { kind: "uncertain" }
  /** Telegram 429: wait as told, then try again */
  | { kind: "retry-after"; seconds: number }
  /** Zalo 429: the plan's message quota is spent; seconds of waiting do not change it */
  | { kind: "quota" }
  | { kind: "definite" };

const neverSent = (e: unknown): boolean => {
  const cause = (e as { error?: { cause?: { code?: string }; code?: string }; cause?: { code?: string } }) ?? {};
  const code = cause.error?.cause?.code ?? cause.error?.code ?? cause.cause?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
};

export function classifySendFailure(e: unknown, channel: ChannelName): SendFailure {
  if (!e || typeof e !== "object") return { kind: "definite" };
  const o = e as { name?: string; error_code?: number; errorCode?: number; status?: number; uncertain?: boolean; parameters?: { retry_after?: number }; retryAfter?: number; retry_after?: number };
  if (o.name === "HttpError") return neverSent(e) ? { kind: "definite" } : { kind: "uncertain" };
  if (o.uncertain === true) return { kind: "uncertain" };
  const code = o.error_code ?? o.errorCode ?? o.status;
  const wait = o.parameters?.retry_after ?? o.retryAfter ?? o.retry_after;
  if (code === 429 || typeof wait === "number") {
    if (channel === "zalo") return { kind: "quota" };
    return { kind: "retry-after", seconds: typeof wait === "number" ? wait : 1 };
  }
  return { kind: "definite" };
}
