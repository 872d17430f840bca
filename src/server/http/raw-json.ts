/**
 * The JSON of `fields` with one more field whose value is JSON text already (from the database),
 * spliced in as it is: no parse into objects and no printing back, which for GeoJSON outlines is
 * most of an answer's cost. `JSON.rawJSON` would do this, but takes primitives only.
 */
export function jsonWithRawField(fields: Record<string, unknown>, key: string, json: string): string {
  const head = JSON.stringify(fields);
  return `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}${JSON.stringify(key)}:${json}}`;
}
