/**
 * Session data key: where a verification leads straight to. A reply to a payment notice seeds it
 * with "payments" (src/services/notices/notice-reply.ts): the payments, once the person has
 * verified again (src/engine/flows/lookup.ts).
 */
export const AFTER_VERIFY = "__afterVerify";
