/**
 * The longest start of `text` of at most `max` characters that ends between words (after the
 * last space, when there is one in the second half; else cut at `max`), trimmed. What a small
 * screen or a channel's limit keeps of what a person or the staff wrote.
 */
export function cutBetweenWords(text: string, max: number): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return chars.join("");
  const head = chars.slice(0, max).join("");
  const space = head.lastIndexOf(" ");
  return (space > max / 2 ? head.slice(0, space) : head).trimEnd();
}

/** `text` in pieces of at most `max` characters, each cut between words (see cutBetweenWords). */
export function piecesBetweenWords(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest !== "") {
    const piece = cutBetweenWords(rest, max);
    pieces.push(piece);
    rest = [...rest].slice([...piece].length).join("").trim();
  }
  return pieces;
}
