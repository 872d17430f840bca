/**
 * Where a JSON value holds a NUL character (U+0000), as a field path ("contacts.0.value"), or null.
 * PostgreSQL cannot store one in text, so a request that sends one is answered on that field before
 * any route runs, instead of failing in the database (which would answer 500 and change nothing).
 */
export function nulField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let at = 0; at < value.length; at++) {
      const found = nulField(value[at], path ? `${path}.${at}` : String(at));
      if (found !== null) return found;
    }
    return null;
  }
  // Buffers (uploaded files) are bytes, not text: their own parsers read them.
  if (value instanceof Uint8Array) return null;
  for (const [key, inner] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return here;
    const found = nulField(inner, here);
    if (found !== null) return found;
  }
  return null;
}
