// The one error a plan document can raise while being read; its message is shown to the admin
// as is (Vietnamese), the library's own error stays in `cause` for the log.

export type ExtractFailure = "unsupported" | "encrypted" | "scanned" | "corrupt" | "too-large" | "empty";

export class ExtractError extends Error {
  constructor(
    readonly file: string,
    message: string,
    /** why, for logs and tests */
    readonly reason: ExtractFailure = "unsupported",
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "ExtractError";
  }
}
