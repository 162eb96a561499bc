import type { StaffUser } from "../auth/roles";
import { Layout } from "../ui/layout";

/** Placeholder home for help-desk operators until their pages arrive (issue 8). */
export function HelpdeskHome(props: { user: StaffUser; csrf?: string }) {
  return (
    <Layout title="Mesa de ayuda" user={props.user} csrf={props.csrf}>
      <h1>Mesa de ayuda · distrito {props.user.district}</h1>
      <p>Las páginas de la mesa de ayuda (consultas y reclamos a nombre de una persona de su distrito) todavía no están disponibles.</p>
    </Layout>
  );
}
