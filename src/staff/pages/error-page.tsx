import type { StaffUser } from "../auth/roles";
import { Layout } from "../ui/layout";

export function ErrorPage(props: { title: string; text: string; user: StaffUser | null; csrf?: string }) {
  return (
    <Layout title={props.title} user={props.user} csrf={props.csrf}>
      <h1>{props.title}</h1>
      <p role="alert" class="alert">
        {props.text}
      </p>
      <p>
        <a href="/staff">Volver a la consola</a>
      </p>
    </Layout>
  );
}
