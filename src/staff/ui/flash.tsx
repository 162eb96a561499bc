/**
 * What a page says after an action, above its content: an error (role alert, with the id forms
 * point `aria-describedby` at) and a notice (role status). Nothing when neither is given.
 */
export function Flash(props: { error?: string | null; notice?: string | null; errorId?: string }) {
  return (
    <>
      {props.error && (
        <p role="alert" class="alert" id={props.errorId}>
          {props.error}
        </p>
      )}
      {props.notice && (
        <p role="status" class="notice">
          {props.notice}
        </p>
      )}
    </>
  );
}
