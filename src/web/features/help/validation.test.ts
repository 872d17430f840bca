import { describe, expect, it } from 'vitest';
import { needInputSchema, publicNeedInputSchema } from '../../../shared/help.schemas.ts';
import { check } from './validation.ts';

/** The public form as a resident leaves it: the fields under test come from each case. */
const askBody = (change: Record<string, unknown>) => ({
  tenant: 'genk',
  name: 'Mevrouw A.',
  phone: '089 12 34 56',
  areaId: '',
  helpType: 'errands',
  description: 'Boodschappen op zaterdag',
  timing: { kind: 'moment', date: '', start: 600, end: 660 },
  consentGiven: true,
  ...change,
});

describe('field messages on the help forms', () => {
  it('asks to choose a neighbourhood when none is chosen', () => {
    expect(check(publicNeedInputSchema, askBody({})).errors.areaId).toBe('help.errors.chooseArea');
    expect(check(publicNeedInputSchema, askBody({ helpType: '' })).errors.helpType).toBe(
      'help.errors.chooseType',
    );
    const staff = check(needInputSchema, {
      requester: { name: 'Meneer B.' },
      helpType: 'errands',
      description: 'Boodschappen',
      timing: { kind: 'window', range: { from: '2099-01-01', to: '2099-01-10' } },
    });
    expect(staff.errors.areaId).toBe('help.errors.chooseArea');
  });

  it('says a date is needed when the date is empty, and that it does not exist when it does not', () => {
    expect(check(publicNeedInputSchema, askBody({})).errors['timing.date']).toBe('help.errors.dateMissing');
    const unreal = askBody({ timing: { kind: 'moment', date: '2099-02-30', start: 600, end: 660 } });
    expect(check(publicNeedInputSchema, unreal).errors['timing.date']).toBe('help.errors.date');
  });

  it('says a short phone number looks incomplete, and an empty one is required', () => {
    expect(check(publicNeedInputSchema, askBody({ phone: 'abc' })).errors.phone).toBe(
      'help.errors.phoneShort',
    );
    expect(check(publicNeedInputSchema, askBody({ phone: '  ' })).errors.phone).toBe('errors.required');
  });
});
