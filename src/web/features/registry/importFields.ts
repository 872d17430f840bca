/** Fields the address import names in its row errors that have words (`registry.import.fields`). */
export const importFields = [
  'street',
  'houseNumber',
  'box',
  'postcode',
  'municipality',
  'x',
  'y',
  'lat',
  'lon',
  'row',
  'file',
  'separator',
];
