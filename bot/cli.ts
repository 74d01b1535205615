// The command-line tools' argument parsing: node:util parseArgs, with its errors said in Vietnamese
// and followed by the tool's usage line.
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
  /** the message and the usage, for stderr */
  get text(): string {
    return this.message ? `${this.message}\n${this.usage}` : this.usage;
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs's English error → one Vietnamese sentence naming the argument. */
export function vietnameseArgError(e: unknown, options: Options): string {
  const err = e as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(err.message ?? "")?.[1] ?? "";
  const name = quoted.split(/[ ,]/)[0];
  switch (err.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Không hiểu tuỳ chọn ${name || quoted}.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const key = name.replace(/^--?/, "").split("=")[0];
      const known = Object.entries(options).find(([k, o]) => k === key || o.short === key);
      return known?.[1].type === "boolean" ? `Tuỳ chọn --${known[0]} không nhận giá trị.` : `Thiếu giá trị sau --${known?.[0] ?? key}.`;
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `Không hiểu tham số «${quoted}».`;
    default:
      return `Tham số không hợp lệ: ${err.message ?? String(e)}`;
  }
}

/**
 * Parses argv; throws UsageError (message in Vietnamese, plus `usage`) on a wrong argument, and
 * UsageError with an empty message for --help / -h.
 */
export function parseCli<O extends Options>(argv: string[], options: O, usage: string, allowPositionals = false) {
  if (argv.includes("--help") || argv.includes("-h")) throw new UsageError("", usage);
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(vietnameseArgError(e, options), usage);
  }
}
