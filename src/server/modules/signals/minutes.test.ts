import { describe, expect, it } from 'vitest';
import { renderMinutes } from './committee.service.ts';

const meeting = {
  id: 'm1',
  meetsOn: '2026-12-10',
  location: 'OCMW <zaal 2>',
  items: [
    {
      id: 'i1',
      caseId: 'c1',
      householdName: 'Gezin Peeters',
      request: 'disconnection',
      requestedDate: '2026-12-20',
      note: null,
      decision: 'refused',
      unanimous: false,
      decisionNote: null,
      winterBan: true,
    },
    {
      id: 'i2',
      caseId: 'c2',
      householdName: 'Gezin Aydin',
      request: 'eviction',
      requestedDate: null,
      note: null,
      decision: null,
      unanimous: null,
      decisionNote: null,
      winterBan: false,
    },
  ],
};

describe('the committee minutes', () => {
  it('are written in the reader language, with requests and decisions in words', () => {
    const nl = renderMinutes(meeting, 'Genk', 'nl');
    expect(nl).toContain('<html lang="nl">');
    expect(nl).toContain('Lokale adviescommissie — Genk');
    expect(nl).toContain('afsluiting (2026-12-20)');
    expect(nl).toContain('geweigerd — bij meerderheid');
    expect(nl).toContain('nog niet beslist');
    expect(nl).toContain('Winterstop');
    const fr = renderMinutes(meeting, 'Genk', 'fr');
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('coupure');
    expect(fr).toContain('refusé — à la majorité');
    expect(fr).toContain('Trêve hivernale');
    expect(renderMinutes(meeting, 'Genk', 'en')).toContain('refused — by majority');
  });

  it('escape every value and fall back to Dutch for an unknown language', () => {
    const html = renderMinutes(meeting, 'Genk', 'xx');
    expect(html).toContain('OCMW &lt;zaal 2&gt;');
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Vergadering van 2026-12-10');
  });
});
