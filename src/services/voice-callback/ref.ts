export type CallbackProvider = "twilio" | "africastalking";

/** The outbox ref of a callback: the provider that calls back, and the missed call it answers. */
export const callbackRef = (provider: CallbackProvider, callId: string) => `voice-callback:${provider}:${callId}`;

export function providerOfRef(ref: string | null): CallbackProvider | null {
  const m = /^voice-callback:(twilio|africastalking):/.exec(ref ?? "");
  return m ? (m[1] as CallbackProvider) : null;
}
