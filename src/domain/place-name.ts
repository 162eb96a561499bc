// Neutral: read by the engine (screens) and the services (reports) alike.
const SMALL_WORDS = new Set(["DE", "DEL", "LA", "LAS", "LOS", "EL", "Y", "EN"]);

/**
 * "SAN JUAN DE LA VIRGEN" → "San Juan de la Virgen", "HUAC-HUAS" → "Huac-Huas": easier to read
 * than capitals on a small screen. The accents INEI leaves out are not guessed here: a place's
 * `label` (src/services/districts) carries them where they are known.
 */
export function placeName(upper: string): string {
  return upper
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word.toUpperCase()) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join("");
}
