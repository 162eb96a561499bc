import { Layout, CsrfField } from "../ui/layout";

export function LoginPage(props: { csrf: string; next: string; email?: string; error?: string; notice?: string }) {
  return (
    <Layout title="Ingreso">
      <div class="login">
        <h1>Ingreso del personal</h1>
        {props.error && (
          <p role="alert" class="alert" id="login-error">
            {props.error}
          </p>
        )}
        {props.notice && <p class="notice">{props.notice}</p>}
        <form method="post" action="/staff/login">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <label for="email">Correo institucional</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={props.email ?? ""} aria-describedby={props.error ? "login-error" : undefined} />
          <label for="password">Contraseña</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">Ingresar</button>
        </form>
      </div>
    </Layout>
  );
}
