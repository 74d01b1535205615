// Updates the bot deliberately drops: edits (re-answering an edited question would duplicate the answer)
// and channel posts (the assistant lives in private chats and groups).
import { Composer } from "grammy";

export function createIgnoreFeature(): Composer<any> {
  const composer = new Composer();
  composer.on(["edited_message", "channel_post", "edited_channel_post"], () => {});
  return composer;
}
