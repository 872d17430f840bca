/**
 * Where a JSON value holds a NUL character (U+0000), as a field path ("contacts.0.value"), or null.
 * PostgreSQL cannot store one in text, so a request that sends one is answered on that field before
 * any route runs, instead of failing in the database (which would answer 500 and change nothing).
 * The walk keeps its own stack: a body nested a hundred thousand levels deep fits the body limit,
 * and must not overflow the call stack.
 */
export function nulField(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [at, path] = stack.pop()!;
    if (typeof at === 'string') {
      if (at.includes('\u0000')) return path;
      continue;
    }
    // Buffers (uploaded files) are bytes, not text: their own parsers read them.
    if (at === null || typeof at !== 'object' || at instanceof Uint8Array) continue;
    const join = (key: string) => (path ? `${path}.${key}` : key);
    const entries: [string, unknown][] = Array.isArray(at)
      ? at.map((inner, index) => [String(index), inner])
      : Object.entries(at);
    // Pushed in reverse, so the first field with one is the one named.
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, inner] = entries[index]!;
      if (key.includes('\u0000')) return join(key);
      stack.push([inner, join(key)]);
    }
  }
  return null;
}
