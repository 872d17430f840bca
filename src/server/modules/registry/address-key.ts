import { normaliseText } from '../../../shared/normalise.ts';

/** One address, however it is written: "Stalenstraat 12 bus 1" twice is one row. */
export function addressKey(street: string, houseNumber: string, box: string, postcode: string): string {
  return [normaliseText(street), normaliseText(houseNumber), normaliseText(box), postcode.trim()].join('|');
}

export function addressSearch(a: {
  street: string;
  houseNumber: string;
  box: string;
  postcode: string;
  municipality: string;
}): string {
  return normaliseText(`${a.street} ${a.houseNumber} ${a.box} ${a.postcode} ${a.municipality}`);
}
