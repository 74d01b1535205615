// The channel-neutral core: a message in → replies out. Channels (Telegram, Zalo, console) adapt to it.
// Contract: /work/notes/core-contract.md. Features are tried in order; the first non-null answer wins.
import type { Incoming, ButtonPress, Outgoing, PressResult, ChannelName, Sender } from "./types.ts";
import type { Store } from "../../data/store.ts";
import type { AuditLog } from "../../data/audit.ts";
import type { Knowledge } from "../../knowledge/schema.ts";
import { buildAskIndex, type AskIndex } from "../../knowledge/ask.ts";
import { startFeature } from "./start.ts";
import { helpFeature } from "./help.ts";
import { askFeature, questionFeature } from "./ask.ts";
import { deadlinesFeature } from "./deadlines.ts";
import { tasksFeature } from "./tasks.ts";
import { registerFeature, pendingChoiceFeature } from "./register.ts";
import { confirmationFeature, reminderStatusFeature, remindNowFeature } from "./reminders/index.ts";
import { fallbackFeature } from "./fallback.ts";
import { planUploadFeature } from "./plan-upload.ts";
import { manageRolesFeature } from "./manage-roles.ts";
import { whoamiFeature } from "./whoami.ts";
import { auditLogFeature } from "./audit-log.ts";
import { inviteFeature, redeemInviteFeature } from "./invite.ts";
import { reportFeature } from "./desk/report.ts";
import { extendFeature } from "./desk/extend.ts";
import { adhocFeature, adhocStepsFeature } from "./desk/adhoc.ts";
import { evidenceFeature, type EvidenceFiles } from "./desk/evidence.ts";
import { adhocQuestionFeature } from "./desk/adhoc-ask.ts";
import type { DownloadLinks } from "./desk/links.ts";

// shared helpers live in common.ts so feature files never import this file at run time (no cycle)
import { ERROR_REPLY, STALE_BUTTON } from "./common.ts";
import { StoreWriteError } from "../../data/store.ts";
import { stripInvisible } from "./invisible.ts";
export { isAdmin, parseCommand, matchCommand, ERROR_REPLY } from "./common.ts";

/** The loaded knowledge; replaceable at run time (a newly loaded plan). */
export interface KnowledgeRef {
  readonly knowledge: Knowledge;
  readonly index: AskIndex;
  replace(next: Knowledge): void;
}

export interface CoreDeps {
  store: Store;
  knowledge: KnowledgeRef;
  adminIds: ReadonlySet<string>; // "telegram:123", "zalo:abc" AND bare ids both accepted — see isAdmin()
  now: () => Date; // injected clock (BOT_CLOCK in main)
  senders: Partial<Record<ChannelName, Sender>>; // to post outside the current chat (coordinator, groups)
  plansDir: string; // where plan documents live (plan upload writes here)
  knowledgeFile: string;
  runReminders?: (reason: string, opts?: { agencyIds?: readonly string[] }) => Promise<string>; // set by main once jobs exist; /nhacviec calls it (agencyIds: an agency admin's run)
  files?: Partial<Record<ChannelName, (fileId: string) => Promise<Uint8Array>>>; // downloads a sent file (plan upload); createBot sets Telegram's (bot/telegram/features/plan-upload.ts)
  log: (level: "info" | "warn" | "error", msg: string, extra?: unknown) => void;
  /** append-only record of every change and refused attempt (bot/core/audit.ts, roles.ts) */
  audit?: AuditLog;
  /** what each running channel told about itself at start: the bot's username (Telegram deep links),
   *  whether the bot can be added to groups (Zalo getMe can_join_groups) */
  channelInfo?: Partial<Record<ChannelName, { username?: string; canJoinGroups?: boolean }>>;
  /** where evidence files are kept (a folder beside the state file); without it a confirmation keeps only the file's id */
  evidence?: EvidenceFiles;
  /** signed, expiring download links on the bot's HTTP server (Zalo has no document upload) */
  links?: DownloadLinks;
}

export interface CoreCommand {
  name: string;
  aliases: string[];
  description: string;
  adminOnly?: boolean;
}

export interface CoreFeature {
  name: string;
  /** return null when the message is not for this feature; features are tried in order */
  onMessage?(msg: Incoming, deps: CoreDeps): Promise<Outgoing[] | null>;
  /** button presses; callback data is namespaced "<prefix>:<rest>" (≤ 64 bytes) */
  onPress?(press: ButtonPress, deps: CoreDeps): Promise<PressResult | null>;
  /** slash commands this feature answers, for /help and setMyCommands */
  commands?: CoreCommand[];
}

export interface Core {
  handleMessage(msg: Incoming): Promise<Outgoing[]>;
  handlePress(press: ButtonPress): Promise<PressResult>;
  commands: NonNullable<CoreFeature["commands"]>;
}

/** What features receive: the deps plus the mounted command list (for /help). Later changes to deps show through. */
export type CoreContext = CoreDeps & { readonly commands: CoreCommand[] };

/** The mounting list, in order (core-contract.md). Other helpers add theirs with a one-line edit. */
export const defaultFeatures: CoreFeature[] = [
  // 1. plan upload (plan-upload helper)
  planUploadFeature,
  // 2. confirmation of submission (reminders helper)
  confirmationFeature,
  // 3. commands (a one-time invite code, also "/start <code>" from a startgroup link, before /start)
  redeemInviteFeature,
  inviteFeature,
  startFeature,
  helpFeature,
  askFeature,
  deadlinesFeature,
  tasksFeature,
  registerFeature,
  reminderStatusFeature,
  remindNowFeature,
  whoamiFeature,
  manageRolesFeature,
  auditLogFeature,
  reportFeature,
  extendFeature,
  adhocFeature,
  evidenceFeature,
  // 4. a number answering an ambiguous /dangky; the answers to /giao's steps
  pendingChoiceFeature,
  adhocStepsFeature,
  // 5. free-text question (the ad-hoc tasks first: the plans' answerer does not know them)
  adhocQuestionFeature,
  questionFeature,
  // 6. unknown command, non-text, not addressed
  fallbackFeature,
];

export function createCore(deps: CoreDeps, features: CoreFeature[] = defaultFeatures): Core {
  const commands = features.flatMap((f) => f.commands ?? []);
  // a prototype view, so main can still set deps.runReminders after the core is built
  const ctx = Object.create(deps, { commands: { value: commands, enumerable: true } }) as CoreContext;

  return {
    commands,
    async handleMessage(incoming) {
      // zero-width spaces, BOM, NBSP must not defeat "/han" or "đã nộp"
      const msg: Incoming = {
        ...incoming,
        text: stripInvisible(incoming.text),
        ...(incoming.replyTo ? { replyTo: { ...incoming.replyTo, text: stripInvisible(incoming.replyTo.text) } } : {}),
      };
      for (const feature of features) {
        if (!feature.onMessage) continue;
        try {
          const out = await feature.onMessage(msg, ctx);
          if (out) return out;
        } catch (e) {
          deps.log("error", `core: feature ${feature.name} failed on a message in ${msg.channel}:${msg.chatId}`, e);
          // a change that could not be saved is said so, even unaddressed (a group's "đã nộp")
          if (e instanceof StoreWriteError) return [{ text: e.message, replyToMessageId: msg.messageId }];
          return msg.chatType === "private" || msg.addressed ? [{ text: ERROR_REPLY }] : [];
        }
      }
      return [];
    },
    async handlePress(incoming) {
      const press: ButtonPress = { ...incoming, data: stripInvisible(incoming.data) };
      for (const feature of features) {
        if (!feature.onPress) continue;
        try {
          const out = await feature.onPress(press, ctx);
          if (out) return out;
        } catch (e) {
          deps.log("error", `core: feature ${feature.name} failed on button "${press.data}"`, e);
          if (e instanceof StoreWriteError) return { toast: e.message.slice(0, 200), replies: [{ text: e.message }] };
          return { toast: ERROR_REPLY, replies: [] };
        }
      }
      return { toast: STALE_BUTTON, replies: [] };
    },
  };
}

/** A KnowledgeRef whose index is rebuilt when the knowledge is replaced. */
export function createKnowledgeRef(initial: Knowledge): KnowledgeRef {
  let knowledge = initial;
  let index = buildAskIndex(initial);
  return {
    get knowledge() {
      return knowledge;
    },
    get index() {
      return index;
    },
    replace(next) {
      index = buildAskIndex(next);
      knowledge = next;
    },
  };
}
