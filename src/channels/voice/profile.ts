import type { ChannelProfile } from "../../domain/messages";

/**
 * A phone call: DTMF keys on a keypad, nothing shown. Eight choices at most per menu (1–8: `9`
 * is "menu" and `0` "back" on every menu, `*` more choices); no screen to fit, so information
 * is spoken whole (maxScreenChars as a message channel's); nothing can be sent later on the call.
 */
export const VOICE_PROFILE: ChannelProfile = {
  name: "voice",
  pageSize: 8,
  maxScreenChars: 4096,
  charset: "ucs2",
  typing: "keypad",
  buttons: false,
  maxDescription: 1000,
  canSendLater: false,
};
