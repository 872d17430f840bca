import { describe, expect, it } from 'vitest';
import { jsonWithRawField } from './raw-json.ts';

describe('jsonWithRawField', () => {
  it('gives the same JSON as parsing the text and printing the whole', () => {
    const outline = '{"type": "Polygon", "coordinates": [[[5.5, 50.9], [5.6, 50.9], [5.5, 51.0]]]}';
    const fields = { id: 'a"b', name: 'Waterschei \\ "Oost"', isFocus: true };
    expect(JSON.parse(jsonWithRawField(fields, 'outline', outline))).toEqual({
      ...fields,
      outline: JSON.parse(outline),
    });
  });

  it('works when the raw field is the only one', () => {
    expect(JSON.parse(jsonWithRawField({}, 'outline', '[1,2]'))).toEqual({ outline: [1, 2] });
  });
});
