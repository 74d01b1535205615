// Word lists for conversation: greetings, thanks, goodbyes, follow-up openers. General Vietnamese
// chat usage (and the English staff mix in), folded; not taken from any question set.

/** Whole messages that greet: "xin chào", "chào bot", "alo", "hello". */
export const GREETING = /^(?:xin chao|chao|hello|hi|hey|alo|a lo|good (?:morning|afternoon|evening))(?: (?:ban|bot|em|anh|chi|ad|admin|tro ly|moi nguoi|ca nha|buoi sang|buoi chieu|there|all))*$/;
/** Whole messages that thank: "cảm ơn nhé", "ok cám ơn bạn", "thanks", "tks". */
export const THANKS = /^(?:(?:ok|oke|okay|vang|da|uh|u|duoc|hay qua|tot qua|roi)\s+)*(?:cam on|cam ong|thank you|thanks|thank|tks|thx|many thanks)(?: (?:ban|bot|em|anh|chi|nhe|nha|nhieu|a|lam|rat nhieu|so much|a lot|very much))*$/;
/** Whole messages that take leave: "tạm biệt", "bye". */
export const GOODBYE = /^(?:tam biet|bye|goodbye|hen gap lai)(?: (?:ban|bot|nhe|nha))*$/;

/**
 * Follow-up openers and closers ("còn …", "thế …", "vậy …", "… thì sao", "what about …"): the message
 * leans on the previous question.
 */
export const FOLLOW_UP = /^(?:con|vay|vay con|the con|con ve|con voi|and|what about|how about)\b|\b(?:thi sao|thi the nao|nua khong|thi)\s*$/;
/** "chi tiết hơn", "nói rõ hơn", "more": the previous question again, at more length. */
export const MORE_DETAIL = /^(?:(?:cho |noi |xem )?(?:chi tiet|cu the|ro) hon|them nua|xem them|more(?: details?)?|tell me more|details?)$/;
