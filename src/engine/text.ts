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
