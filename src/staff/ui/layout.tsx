import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { ROLE_LABELS, QUALITY_ROLES, VOICE_ROLES, type StaffUser } from "../auth/roles";
import { CSRF_FIELD } from "../http/env";

export function CsrfField(props: { token: string | undefined }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token ?? ""} />;
}

/** Every console page: skip link, banner, navigation, main, in Spanish (the office's working language). */
export function Layout(props: { title: string; user?: StaffUser | null; csrf?: string; active?: string; search?: string; children: Child }) {
  const { user } = props;
  const link = (href: string, label: string, key: string) => (
    <li>
      <a href={href} aria-current={props.active === key ? "page" : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="es">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>{`${props.title} · Consola MIDIS Orienta`}</title>
          <link rel="stylesheet" href="/staff/assets/console.css" />
        </head>
        <body>
          <a class="skip" href="#main">
            Saltar al contenido
          </a>
          <header class="top">
            <p class="brand">MIDIS Orienta · Consola</p>
            {user && (
              <nav aria-label="Secciones de la consola">
                <ul>
                  {QUALITY_ROLES.includes(user.role) && link("/staff/complaints", "Bandeja", "queue")}
                  {QUALITY_ROLES.includes(user.role) && link("/staff/dashboard", "Tablero", "dashboard")}
                  {["quality_supervisor", "admin", "helpdesk"].includes(user.role) && link("/staff/insight", "Información para decidir", "insight")}
                  {user.role === "helpdesk" && link("/staff/helpdesk/person", "Consultar persona", "person")}
                  {user.role === "helpdesk" && link("/staff/helpdesk/eligibility", "Orientación", "eligibility")}
                  {user.role === "helpdesk" && link("/staff/helpdesk/complaint", "Registrar reclamo", "complaint")}
                  {user.role === "helpdesk" && link("/staff/helpdesk/district", "Cifras del distrito", "district")}
                  {(user.role === "quality_supervisor" || user.role === "admin") && link("/staff/broadcasts", "Mensajes masivos", "broadcasts")}
                  {(user.role === "quality_supervisor" || user.role === "admin") && link("/staff/notices", "Avisos de pago", "notices")}
                  {VOICE_ROLES.includes(user.role) && link("/staff/voice", "Estudio de voz", "voice")}
                  {user.role === "admin" && link("/staff/accounts", "Cuentas", "accounts")}
                </ul>
              </nav>
            )}
            {user && QUALITY_ROLES.includes(user.role) && (
              <form class="site-search" method="get" action="/staff/complaints" role="search" aria-label="Buscar un caso">
                <label for="site-q">Buscar caso</label>
                <input id="site-q" name="q" type="search" maxlength={500} autocomplete="off" placeholder="Código, DNI, celular o nombre" value={props.search ?? ""} />
                <button type="submit">Buscar</button>
              </form>
            )}
            {user && (
              <div class="who">
                <span>
                  {user.name} · {ROLE_LABELS[user.role]}
                  {user.district ? ` · distrito ${user.district}` : ""}
                </span>
                <form method="post" action="/staff/logout">
                  <CsrfField token={props.csrf} />
                  <button type="submit">Salir</button>
                </form>
              </div>
            )}
          </header>
          <main id="main">{props.children}</main>
        </body>
      </html>
    </>
  );
}
