import type { MiddlewareHandler } from "hono";
import type { CidrList } from "../../net/cidr";
import { sameToken } from "../../staff/auth/tokens";
import { clientAddress } from "../shared/client-address";

export interface UssdAuth {
  /** the gateway's key, sent as `?key=` in the callback URL or as an `X-Callback-Key` header */
  callbackKey: string | null;
  /** the gateway's addresses, judged on the real client address (TRUST_PROXY aware) */
  allowedSources: CidrList;
}

/**
 * Gateway authentication for the USSD callback. The callback trusts `phoneNumber`, so whoever can
 * post it speaks for that phone: with a key, a request must carry it (constant-time compare); with
 * sources, it must come from one; with both, both hold. Neither set: open (development and tests
 * only; production refuses to start so, see src/config.ts). A refusal is `403` before the body is
 * read, so nothing is stored.
 */
export function ussdGatewayAuth(auth: UssdAuth): MiddlewareHandler {
  const open = !auth.callbackKey && auth.allowedSources.size === 0;
  return async (c, next) => {
    if (open) return next();
    if (auth.callbackKey) {
      const given = c.req.header("x-callback-key") ?? c.req.query("key");
      if (!sameToken(given, auth.callbackKey)) return c.text("forbidden", 403);
    }
    if (auth.allowedSources.size > 0 && !auth.allowedSources.has(clientAddress(c))) return c.text("forbidden", 403);
    return next();
  };
}
