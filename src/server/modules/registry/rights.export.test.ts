import { describe, expect, it } from 'vitest';
import { type PersonExport, renderExportHtml } from './rights.service.ts';

/** An export with one of everything that carries a day, the rest empty. */
function anExport(): PersonExport {
  return {
    exportedAt: '2026-01-02T08:00:00.000Z',
    person: {
      id: 'p1',
      givenName: 'Lucía',
      familyName: 'García',
      otherNames: null,
      birthDate: '1992-04-20',
      languages: ['es'],
      preferredLanguage: 'es',
      contacts: [],
      contactPreferences: [],
      nationalNumber: null,
      anonymisedAt: null,
      // Just before midnight in UTC is already the next day in Genk.
      createdAt: '2025-12-31T23:30:00.000Z',
      updatedAt: '2025-12-31T23:30:00.000Z',
    },
    households: [],
    consents: [],
    timeline: [],
    legalHolds: [],
    accessGrants: [
      { userName: 'Hanne', reason: 'huisbezoek', until: '2026-03-31', since: '2026-01-01T10:00:00.000Z' },
    ],
    accessLog: [],
  } as unknown as PersonExport;
}

describe("the resident's printable export", () => {
  it("gives a moment's day as it was in Genk, and a calendar day as it is", () => {
    const html = renderExportHtml(anExport(), 'Genk', 'nl');
    expect(html).toContain('<dt>Geregistreerd sinds</dt><dd>1 januari 2026</dd>');
    expect(html).toContain('<dd>20 april 1992</dd>');
    expect(html).toContain('<td>31 maart 2026</td>');
    expect(html).toContain('om 09:00');
  });

  it('speaks the language it is asked in, escaping every value', () => {
    const data = anExport();
    data.person.givenName = '<script>alert(1)</script>';
    const html = renderExportHtml(data, 'As & Genk', 'fr');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Vos données chez As &amp; Genk</h1>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<dd>espagnol</dd>');
  });
});
