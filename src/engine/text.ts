/** Upper case without accents or surrounding space: how keywords and names are compared. */
export function foldForMatch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’‘`´]/g, "'")
    .trim()
    .replace(/\s+/g, " ")
    .toUpperCase();
}

/**
 * A word typed as a command, folded for comparison with the keywords: as `foldForMatch`, also
 * without the punctuation and symbols people put around a word ("Baja.", "¿Ayuda?", "stop!",
 * "MENU 👍") and with compatibility forms read as plain letters (full-width "ＳＴＯＰ").
 */
export function foldKeyword(text: string): string {
  // and without apostrophes: Aymara and Quechua write the ejectives with one (SAYT'AÑA, JUK'AMPI),
  // people leave it out or type a phone's curly one, and the word lists hold either spelling
  return foldForMatch(text.normalize("NFKC")).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").replace(/'/g, "");
}
