/** Counts under this many are not shown in Genk Helpt's figures, nor anything worked out from them. */
export const SMALL_NUMBER = 5;

const hideSmall = (n: number) => (n < SMALL_NUMBER ? null : n);
/** What is left when `part` is taken from `of` is nothing, or not small. */
const apart = (part: number, of: number) => of - part === 0 || of - part >= SMALL_NUMBER;

/**
 * The counts of one row of the figures (a kind of help in a neighbourhood) that may be shown; null
 * for the others. Steering members read these, and a "1" in a small neighbourhood is a family. A
 * count is shown when it is 5 or more and nothing shown beside it gives back a number from 1 to 4:
 * "9 requests, 8 with a volunteer" is one family still waiting, so one of the two goes. Within 48
 * hours is part of matched; requests with no match are apart from both.
 */
export function shownCounts(counts: { needs: number; matched: number; within: number; noMatch: number }) {
  const needs = hideSmall(counts.needs);
  const shown = (n: number, of: number | null) => (of === null || !apart(n, of) ? null : hideSmall(n));
  const matched = shown(counts.matched, needs);
  const matchedWithin48h =
    shown(counts.within, needs) !== null && (matched === null || apart(counts.within, matched))
      ? counts.within
      : null;
  const noMatch =
    shown(counts.noMatch, needs) !== null &&
    (matched === null || apart(counts.noMatch, needs! - matched)) &&
    (matchedWithin48h === null || apart(counts.noMatch, needs! - matchedWithin48h))
      ? counts.noMatch
      : null;
  return { needs, matched, matchedWithin48h, noMatch };
}
