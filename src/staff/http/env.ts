import type { LiveSession } from "../auth/sessions";
import type { StaffUser } from "../auth/roles";

/** Hono variables every console handler can read. */
export type StaffEnv = {
  Variables: {
    staff: StaffUser | null;
    session: LiveSession | null;
    /** the parsed form of a POST (already CSRF-checked) */
    form: URLSearchParams;
  };
};

export const SESSION_COOKIE = "orienta_staff";
export const LOGIN_CSRF_COOKIE = "orienta_staff_login";
export const CSRF_FIELD = "_csrf";
