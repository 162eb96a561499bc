export interface CaseNavView {
  previous: string | null;
  next: string | null;
  /** the queue's filters the person came from (kept on every link) */
  query: string;
}

/**
 * Back to the queue and the previous/next case in it, with access keys (no script: the console's
 * CSP allows none). Browsers differ in the modifier: Alt+Shift (Firefox), Alt (Chrome, Edge on
 * Windows and Linux), Control+Option (Safari).
 */
export function CaseNav(props: { nav: CaseNavView }) {
  const { previous, next, query } = props.nav;
  const href = (code: string) => `/staff/complaints/${code}?${new URLSearchParams({ nav: query })}`;
  return (
    <nav aria-label="Casos de la bandeja" class="case-nav no-print">
      <ul>
        <li>
          <a href={`/staff/complaints?${query}`} accesskey="b">
            ← Volver a la bandeja
          </a>
        </li>
        {previous && (
          <li>
            <a href={href(previous)} accesskey="a" rel="prev">
              Caso anterior ({previous})
            </a>
          </li>
        )}
        {next && (
          <li>
            <a href={href(next)} accesskey="s" rel="next">
              Caso siguiente ({next})
            </a>
          </li>
        )}
      </ul>
      <p class="muted keys">
        Teclas: <kbd>A</kbd> anterior, <kbd>S</kbd> siguiente, <kbd>B</kbd> bandeja, con <kbd>Alt</kbd> (Chrome, Edge) o <kbd>Alt</kbd>+<kbd>Mayús</kbd> (Firefox).
      </p>
    </nav>
  );
}
