/**
 * When each program started, as "YYYY-MM": a payment period, an availability date or an
 * enrolment before it is a typo (2062 for 2026, 1026 for 2026) or a file of another program.
 * Not in db/catalog/programs.json yet (its schema has no such field); month precision is enough
 * to catch those mistakes, and each month is the creating decree's (the first payments came later).
 * Move them to the catalog when it grows a `since` field.
 */
export const PROGRAM_STARTS: Readonly<Record<string, string>> = {
  juntos: "2005-04", // DS 032-2005-PCM, 7 April 2005
  pension65: "2011-10", // DS 081-2011-PCM, 19 October 2011
  contigo: "2015-01", // DS 004-2015-MIMP (pensión no contributiva por discapacidad severa), 2015
  cunamas: "2012-03", // DS 003-2012-MIDIS, March 2012
  pae: "2012-05", // DS 008-2012-MIDIS (Qali Warma, today's school meals), May 2012
  hakuwinay: "2012-01", // FONCODES, Haku Wiñay / Noa Jayatai since 2012
};
