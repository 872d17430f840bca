/**
 * Genk Helpt's validation messages: stable English phrases that the schemas (help.schemas.ts) give
 * and the web maps to translation keys (features/help/validation.ts). In a file of their own,
 * without zod, so that a page can word an answer without loading the schemas with it (the public
 * "ask for help" page loads them when the form is first focused, not with the page).
 */
export const helpMessages = {
  slotOrder: 'the end must be after the start',
  slotOverlap: 'time slots overlap',
  slotRange: 'a time between 00:00 and 24:00',
  distanceRange: 'between 0.5 and 50 km',
  dateFormat: 'a date as YYYY-MM-DD',
  dateNotReal: 'not a date that exists',
  dateMissing: 'a date is needed',
  inPast: 'cannot be in the past',
  timeInPast: 'this time has already passed today',
  rangeOrder: 'the last day must not be before the first',
  rangeTooLong: 'at most one year',
  chooseOne: 'choose at least one',
  capacityRange: 'between 1 and 10',
  linkInvalid: 'this link is not valid or has expired',
  linkUsed: 'this link has been used already',
  phoneShort: 'at least 6 characters: this phone number looks incomplete',
  hoursPerDay: 'at most 12 hours on one day',
  dayFull: 'with the time logged on this day already, more than 12 hours',
  hoursSince: 'at most 12 hours for each day since the help began',
  beforeHelp: 'before the day of the help',
  tooFarAhead: 'at most one year ahead',
  inFuture: 'cannot be in the future',
  noDayInRange: 'this weekday does not come between the first day (or today) and the last day',
} as const;
