/** "MARÍA ROSA", "QUISPE HUAMÁN" → "M*** Q***": enough for a person to recognise, nothing to harvest. */
export function maskName(firstNames: string, lastNames: string): string {
  const initial = (names: string) => {
    const first = [...names.trim()][0];
    return first ? `${first.toLocaleUpperCase("es")}***` : "***";
  };
  return `${initial(firstNames)} ${initial(lastNames)}`;
}
