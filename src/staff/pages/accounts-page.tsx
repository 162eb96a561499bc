import type { StaffUserRow } from "../../db/schema";
import { ROLE_LABELS, type StaffUser } from "../auth/roles";
import { CsrfField, Layout } from "../ui/layout";
import { limaDateTime } from "../ui/labels";
import { Flash } from "../ui/flash";

export type AccountRow = Pick<StaffUserRow, "id" | "email" | "name" | "role" | "district" | "lastLoginAt" | "lockedUntil" | "disabled"> & {
  /** the latest lock of one (account, client address) pair, and how many addresses are locked */
  pairLock?: { until: number; addresses: number };
};

/** "Bloqueada hasta …": the account itself, or only the addresses that guessed wrong five times. */
function lockLabel(a: AccountRow, now: number): string | null {
  if ((a.lockedUntil ?? 0) > now) return `Bloqueada hasta ${limaDateTime(a.lockedUntil!)}`;
  if (a.pairLock && a.pairLock.until > now) return `Bloqueada hasta ${limaDateTime(a.pairLock.until)} (en ${a.pairLock.addresses === 1 ? "1 dirección" : `${a.pairLock.addresses} direcciones`})`;
  return null;
}

/** Admins: who has an account, who is locked out, and the two switches (unlock, disable/enable). */
export function AccountsPage(props: { user: StaffUser; csrf: string; accounts: AccountRow[]; now: number; notice?: string }) {
  return (
    <Layout title="Cuentas del personal" user={props.user} csrf={props.csrf} active="accounts">
      <h1>Cuentas del personal</h1>
      <Flash notice={props.notice} />
      <p class="muted">
        Las cuentas se crean con <code>npm run staff -- create</code>. Desactivar una cuenta cierra sus sesiones.
      </p>
      <table>
        <caption>{props.accounts.length} cuentas</caption>
        <thead>
          <tr>
            <th scope="col">Nombre</th>
            <th scope="col">Correo</th>
            <th scope="col">Rol</th>
            <th scope="col">Último ingreso</th>
            <th scope="col">Estado</th>
            <th scope="col">Acciones</th>
          </tr>
        </thead>
        <tbody>
          {props.accounts.map((a) => {
            const lock = lockLabel(a, props.now);
            const locked = lock !== null;
            const self = a.id === props.user.id;
            return (
              <tr>
                <td>{a.name}</td>
                <td>{a.email}</td>
                <td>
                  {ROLE_LABELS[a.role]}
                  {a.district ? ` (${a.district})` : ""}
                </td>
                <td>{a.lastLoginAt ? limaDateTime(a.lastLoginAt) : "nunca"}</td>
                <td>{a.disabled ? <span class="badge overdue">Desactivada</span> : locked ? <span class="badge urgent">{lock}</span> : "Activa"}</td>
                <td>
                  {locked && !a.disabled && (
                    <form method="post" action={`/staff/accounts/${a.id}/unlock`}>
                      <CsrfField token={props.csrf} />
                      <button type="submit" class="secondary" aria-label={`Desbloquear ${a.name}`}>
                        Desbloquear
                      </button>
                    </form>
                  )}
                  {!self && (
                    <form method="post" action={`/staff/accounts/${a.id}/${a.disabled ? "enable" : "disable"}`}>
                      <CsrfField token={props.csrf} />
                      <button type="submit" class="secondary" aria-label={`${a.disabled ? "Activar" : "Desactivar"} ${a.name}`}>
                        {a.disabled ? "Activar" : "Desactivar"}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Layout>
  );
}
