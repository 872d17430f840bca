import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainedFields, canonicalJson, findFirstBreak, GENESIS_HASH, hashEntry } from './audit.chain.ts';

function chain(n: number) {
  const out: (ChainedFields & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      tenantId: 't1',
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      actorId: null,
      actorLabel: 'system',
      action: 'test.step',
      recordType: 'thing',
      recordId: String(seq),
      purpose: null,
      requestId: null,
      details: { n: seq, nested: { b: 1, a: 2 } },
      prevHash,
    };
    const hash = hashEntry(fields);
    out.push({ ...fields, hash });
    prevHash = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('sorts keys so equal content hashes equally', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: [2, { z: 1, y: 2 }] } })).toBe(
      '{"a":{"c":[2,{"y":2,"z":1}],"d":1},"b":1}',
    );
  });

  it('accepts an intact chain', () => {
    expect(findFirstBreak(chain(20))).toBeNull();
  });

  it('finds the first edited, removed or relinked entry', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.nat(),
        fc.constantFrom('edit', 'remove', 'relink'),
        (n, k, how) => {
          const entries = chain(n);
          const at = k % n;
          if (how === 'edit') entries[at] = { ...entries[at]!, actorLabel: 'someone else' };
          if (how === 'relink') entries[at] = { ...entries[at]!, prevHash: 'f'.repeat(64) };
          if (how === 'remove') entries.splice(at, 1);
          const broken = findFirstBreak(entries);
          if (how === 'remove' && at === n - 1) {
            // Removing the newest entry leaves a valid, shorter chain: the verifier compares the count too.
            expect(broken).toBeNull();
          } else {
            expect(broken?.seq).toBe(at + 1);
          }
        },
      ),
    );
  });
});
