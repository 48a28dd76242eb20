import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { expandFields, type ConcreteField } from '../../src/feasibility/fields.js';
import { checkPart, parsePart } from '../../src/feasibility/validate.js';
import type { School } from '../../src/partnership/repo.js';
import { useInstalledBot } from '../helpers/installedBot.js';
import { execute, textsOf, type User } from '../helpers/teams.js';
import { CARD_LIMIT, invokeAnswerSize, MESSAGE_LIMIT, postRaw } from '../helpers/teamsSize.js';

/**
 * The largest feasibility study a partnership can make: ten schools with long names (seven
 * vmbo, so seven inflow fields) and every field of every part filled to the limit the content
 * and the validator allow, saved as Teams sends it. Every part card and the overview, as they
 * come back over HTTP, stay within Teams' limits and show every long text unchanged.
 */
const h = useInstalledBot();
const docent: User = { id: '29:fz-docent', aadObjectId: 'aad-fz-docent', name: 'Docent met een lange naam' };
// Content v1 over HTTP (studies made before v2 keep it); v2's cards at their maximum, page by
// page, are in contentV2.test.ts.
const content = feasibilityContent(1);
let studyId = '';
let schools: School[] = [];

/** A text of exactly `length` characters, unique per field so a mix-up shows. */
const longText = (length: number, seed: string) => `${seed}:`.padEnd(length, 'é');

/** The largest value each field accepts, as the card's input would send it. */
function largest(field: ConcreteField): string {
  // A crebo is five digits (the check after parsing refuses anything else).
  if (field.input === 'crebo') return '12345';
  switch (field.type) {
    case 'text':
    case 'list':
      return longText(field.max ?? 2000, field.input);
    case 'count':
      return String(field.max);
    case 'money':
      // The validator's cap is 100,000,000; the longest amount under it has cents.
      return '99999999,99';
    case 'choice':
      return field.options!.reduce((a, b) => (b.title.length > a.title.length ? b : a)).value;
    case 'date':
      return '2027-06-30';
    case 'decimal':
      return String(field.max);
    case 'years':
      // Every year the field allows, as a user lists them.
      return Array.from({ length: field.max! - field.min! + 1 }, (_, i) => String(field.min! + i)).join(', ');
  }
}

function inputsFor(partId: string): Record<string, string> {
  const fields = expandFields(content.parts.find((p) => p.id === partId)!.fields, schools);
  const inputs = Object.fromEntries(fields.map((f) => [f.input, largest(f)]));
  // The total must be the sum of the inflow per school (checkPart refuses anything else), so it
  // is the largest total a user can save: seven schools at their maximum.
  if (partId === 'instroom') inputs.total = String(fields.filter((f) => f.input.startsWith('inflow_')).reduce((s, f) => s + f.max!, 0));
  // The longest route (geïntegreerd) is allowed only from the basis leerweg.
  if (partId === 'ambitie' && inputs.route === 'geintegreerd-mbo2') inputs.leerweg = 'basis';
  // A transfer moves funding from one school to another: the two must differ.
  for (const f of fields.filter((x) => /^transfers\d+_to$/.test(x.input))) {
    const from = inputs[f.input.replace(/_to$/, '_from')];
    inputs[f.input] = f.options!.find((o) => o.value && o.value !== from)!.value;
  }
  checkPart(partId, parsePart(fields, inputs));
  return inputs;
}

/** Posts an invoke and measures the answer exactly as it came back over HTTP. */
async function invoke(verb: string, data: Record<string, unknown>, inputs: Record<string, string> = {}) {
  const res = await postRaw(h.bot.messagesUrl, execute(h.w(), docent, verb, data, inputs));
  expect(res.status).toBe(200);
  return { ...res, size: invokeAnswerSize(res.raw), card: res.body.value };
}

/** Input values of a card by input id. */
function inputsOf(card: unknown): Array<{ id: string; maxLength?: unknown }> {
  const out: Array<{ id: string; maxLength?: unknown }> = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') out.push(n);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

function inputValues(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') out[n.id] = n.value;
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

beforeAll(async () => {
  const { repo } = h.bot.app.services;
  schools = await repo.replaceSchools(h.pid, Array.from({ length: 10 }, (_, i) => ({ name: `${'Vmbo-school '.repeat(8)}${i}`, type: i < 7 ? ('vo' as const) : ('mbo' as const) })));
  const [wg] = await repo.replaceWerkgroepen(h.pid, [{ name: 'Werkgroep', channelId: null, channelName: null }]);
  const [m] = await h.addMembers([{ user: docent, roles: ['docent'], werkgroepIds: [wg!.id] }]);
  studyId = (await h.bot.app.feasibility.repo.create({ partnershipId: h.pid, werkgroepId: wg!.id, memberId: m!, partIds: content.parts.map((x) => x.id), contentVersion: 1 })).id;
});

describe('feasibility cards with every field at its maximum', () => {
  it('the values used are the largest the validator accepts: one character or unit more is refused', () => {
    for (const part of content.parts) {
      const fields = expandFields(part.fields, schools);
      const inputs = inputsFor(part.id);
      expect(() => parsePart(fields, inputs)).not.toThrow();
      // Every text at its maximum length and every number at its maximum (the total is the sum above).
      const atMax = fields.filter((x) => (x.type === 'text' || x.type === 'list' ? inputs[x.input]!.length === (x.max ?? 2000) : x.type === 'count' && x.input !== 'total'));
      expect(atMax.length).toBe(fields.filter((x) => x.type === 'text' || x.type === 'list' || (x.type === 'count' && x.input !== 'total')).length);
      for (const f of atMax) {
        const more = f.type === 'count' ? String(Number(inputs[f.input]) + 1) : `${inputs[f.input]}x`;
        expect(() => parsePart(fields, { ...inputs, [f.input]: more }), `${part.id}.${f.input}`).toThrow();
      }
    }
  });

  it('every part card, saved full and opened again, is within 28 KB per card and 80 KB per answer and shows every value unchanged', async () => {
    expect(content.parts.map((p) => p.id)).toEqual(['ambitie', 'instroom', 'businesscase', 'partners', 'juridisch', 'risicos']);
    for (const part of content.parts) {
      const inputs = inputsFor(part.id);
      const opened = await invoke('feasibility.open', { studyId, part: part.id });
      const save = (opened.body.value.actions as Array<{ title: string; data: Record<string, unknown> }>).find((a) => a.title === 'Opslaan')!;
      const saved = await invoke('feasibility.save', save.data, inputs);
      expect(saved.body.type, JSON.stringify(saved.body.value).slice(0, 300)).toBe('application/vnd.microsoft.card.adaptive');

      const card = await invoke('feasibility.open', { studyId, part: part.id });
      expect(card.size.cards).toHaveLength(1);
      expect(card.size.cards[0]).toBeLessThan(CARD_LIMIT);
      expect(card.size.message).toBeLessThan(MESSAGE_LIMIT);
      expect(textsOf(card.card)[0]).toBe(`${part.title} (versie 1)`);
      // By value: what the card shows in each input is what was saved (a list tidied as stored).
      const shown = inputValues(card.card);
      const expected = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, k === 'profiles' ? v.split(',').map((x) => x.trim()).join(', ') : v]));
      expect(shown).toEqual(expected);
      // Each text field's maxLength on the card is the length the validator takes (a company name 100, the rest 2000).
      const fields = expandFields(part.fields, schools).filter((f) => f.type === 'text' || f.type === 'list');
      const maxLengths = Object.fromEntries(inputsOf(card.card).filter((i) => fields.some((f) => f.input === i.id)).map((i) => [i.id, i.maxLength]));
      expect(maxLengths).toEqual(Object.fromEntries(fields.map((f) => [f.input, f.max ?? 2000])));
    }
    expect(inputsOf((await invoke('feasibility.open', { studyId, part: 'partners' })).card).find((i) => i.id === 'c0_name')?.maxLength).toBe(100);
    const overview = await invoke('feasibility.overview', { studyId });
    expect(overview.size.cards[0]).toBeLessThan(CARD_LIMIT);
    expect(overview.size.message).toBeLessThan(MESSAGE_LIMIT);
    const texts = textsOf(overview.card);
    expect(texts[0]).toBe('Haalbaarheidsonderzoek Werkgroep (versie 1)');
    expect(texts.filter((x) => x.endsWith(': beantwoord · eigenaar: nog niemand · klaar op: geen datum'))).toHaveLength(6);
    // 7 schools x 1,000 pupils a year, six route years; costs 5 x 99,999,999.99 = 500,000,000 a year (rounded);
    // V = 99,999,999.99 per pupil for vo (route years 1-2) and mbo (3-6). Year 3: 21,000 pupils in the route,
    // vo 14,000 x V = 1,399,999,999,860 plus mbo 7,000 x V = 699,999,999,930 = 2,099,999,999,790 (the transfer moves
    // money between the schools, it adds nothing). Five years: V x (7,000 + 4 x 14,000 + 7,000 + 14,000 + 21,000)
    // = V x 105,000 = 10,499,999,998,950 of 2,500,000,000: 419,999.99999958% shown as 420.000,0%.
    expect(texts).toContain('Instroom 7000 leerlingen per jaar; minimale groep 100; route van 6 jaar. Elk jaar start een nieuw cohort; vo-bekostiging in routejaar 1 en 2, daarna mbo-bekostiging.');
    expect(texts).toContain('Jaar 3 (21000 leerlingen in de route): kosten € 500.000.000, inkomsten € 2.099.999.999.790, saldo € 2.099.499.999.790, dekking 420.000,0%');
    expect(texts).toContain('Vijf jaar samen: kosten € 2.500.000.000, inkomsten € 10.499.999.998.950, saldo € 10.497.499.998.950, dekking 420.000,0%.');

  });
});
