/** Bad input in the broadcast form: `field` names the form field, `message` says what is wrong (in Spanish, the console's language). */
export class BroadcastInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A step the rules forbid (approving one's own broadcast, approving a cancelled one…). */
export class BroadcastRefusedError extends Error {}

export class BroadcastNotFoundError extends Error {}
