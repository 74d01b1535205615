// Channel-neutral conversation model: every channel turns its updates into an Incoming
// and renders Outgoing replies its own way (Telegram: HTML + inline buttons; Zalo/console: text).

export type ChannelName = "telegram" | "zalo" | "console";

export interface Incoming {
  channel: ChannelName;
  chatId: string;
  chatType: "private" | "group";
  userId: string;
  userName: string;
  messageId: string;
  text: string;
  /** the bot was addressed in a group: mention, /command, or reply to the bot */
  addressed: boolean;
  /** the message replies to (or quotes) another one */
  replyTo?: { messageId: string; text: string; fromBot: boolean; /** its sender, where the channel tells (Telegram) */ userId?: string; userName?: string };
  /** a document or photo attached (evidence of submission, or a plan to load) */
  file?: { fileId: string; name: string; mimeType?: string; size?: number };
  /** when the message was sent (ISO) */
  date: string;
  /** the group's title, when the channel tells it (Telegram) */
  chatTitle?: string;
}

/** A button press (Telegram inline keyboard); data ≤ 64 bytes (Bot API limit). */
export interface ButtonPress {
  channel: ChannelName;
  chatId: string;
  chatType: "private" | "group";
  userId: string;
  userName: string;
  messageId: string;
  data: string;
}

export interface Button {
  text: string;
  data: string; // callback data, ≤ 64 bytes
}

export interface Outgoing {
  /** plain text (channels escape it themselves) */
  text: string;
  /** rows of buttons; text-only channels show `textFallback` instead */
  buttons?: Button[][];
  /** what a channel without buttons appends instead ("trả lời: đã nộp AB12") */
  textFallback?: string;
  /** which chat to send to; default: the chat the message came from */
  chatId?: string;
  channel?: ChannelName;
  /** reply to this message id in the target chat */
  replyToMessageId?: string;
  /** spans of `text` to emphasise where the channel formats (Telegram HTML); others send the text as is */
  format?: TextFormat;
  /** a file to send (Telegram sendDocument, `text` as its caption when it fits); channels without
   *  uploads never get one (the core gives them a download link instead) */
  document?: OutgoingDocument;
}

export interface OutgoingDocument {
  name: string;
  data: Uint8Array;
  mimeType?: string;
}

/** Substrings of an Outgoing's text: every occurrence is formatted; the rest stays plain (and escaped). */
export interface TextFormat {
  /** titles, headings */
  bold?: string[];
  /** codes to copy with a tap */
  code?: string[];
  /** a cited passage, shown collapsed (Telegram expandable blockquote) */
  quote?: string[];
}

/** What a button press produces: a short toast, replies, and optionally an edit of the pressed message. */
export interface PressResult {
  toast?: string;
  replies: Outgoing[];
  /** replace the pressed message's text (and its buttons; [] removes them) */
  edit?: { text: string; buttons?: Button[][]; format?: TextFormat };
}

/** Sends one message on one channel; resolves with the channel's message id. Throws on failure. */
export type Sender = (chatId: string, message: Outgoing) => Promise<{ messageId: string }>;
