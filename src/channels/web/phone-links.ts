/**
 * Phone numbers the service's texts name, as people read them, and the number to dial. Every
 * language writes MIDIS's free line as "Línea 101" (a proper name), so one pattern finds it in
 * es, qu and ay. The catalog has no ULE numbers yet: when district offices' phones are loaded,
 * they join this list.
 */
const KNOWN: { pattern: RegExp; dial: string }[] = [{ pattern: /L[ií]nea 101(?!\d)/g, dial: "101" }];

/** A stretch of text the widget shows as a `tel:` link. */
export interface PhoneLink {
  text: string;
  href: string;
}

/** The phone numbers in a rendered text, once each, as `tel:` links. */
export function phoneLinks(text: string): PhoneLink[] {
  const links = new Map<string, PhoneLink>();
  for (const { pattern, dial } of KNOWN) {
    for (const match of text.matchAll(pattern)) links.set(match[0], { text: match[0], href: `tel:${dial}` });
  }
  return [...links.values()];
}
