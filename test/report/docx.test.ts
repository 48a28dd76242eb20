import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { loadInstrument } from '../../src/reflection/content/index.js';
import { compareRuns, publish, type Publication } from '../../src/reflection/publish.js';
import type { Respondent } from '../../src/reflection/stats.js';
import { reportDocx } from '../../src/report/docx.js';
import type { ReportData } from '../../src/report/data.js';
import { readPng } from '../helpers/png.js';

/**
 * The board report read back with an independent reader (JSZip): its sections and tables, and
 * the charts as PNGs in word/media, each decoded (IHDR and pixels through zlib) to check they
 * are real pictures; and only what the gate published is in it.
 */

const inst = loadInstrument('1');
const VO = { id: 'school-vo', name: 'Vmbo De Schakel', type: 'vo' as const };
const MBO = { id: 'school-mbo', name: 'ROC Noord', type: 'mbo' as const };
const ITEMS = (id: string) => [...inst.conditions, ...inst.domains].find((g) => g.id === id)!.statements.map((s) => s.id);

/** Four vmbo and four mbo docenten; c5 answered by two people only (the gate hides it). */
function people(vo: number, mbo: number): Respondent[] {
  return Array.from({ length: 8 }, (_, i) => {
    const school = i < 4 ? VO : MBO;
    const v = i < 4 ? vo : mbo;
    const answers: Record<string, number | null> = {};
    for (const g of ['c1', 'c2', 'c3', 'c4', 'd1', 'd2', 'd3']) for (const id of ITEMS(g)) answers[id] = v;
    if (i < 2) answers['c5.s1'] = 5;
    answers['a.professioneel.own'] = i < 4 ? 4 : 3;
    answers['a.professioneel.partner'] = 2;
    return { id: `m${i}`, schoolId: school.id, schoolType: school.type, layer: 'professioneel' as const, answers, comments: {} };
  });
}

const options = { perSchool: false, minGroup: 3, names: [], random: () => 0.5 };

function data(current: Publication, previous: Publication): ReportData {
  const diff = compareRuns(previous, current);
  return {
    partnership: 'Leerlab Noord-Holland',
    date: '2027-01-05',
    schools: [VO, MBO],
    run: { seq: 2, closedAt: '5 januari 2027 17:00', publication: current },
    previous: { seq: 1, publication: previous },
    changes: diff.map((d) => ({ id: d.id, name: d.name, before: previous.groups.find((g) => g.id === d.id)!.figure?.mean ?? null, now: current.groups.find((g) => g.id === d.id)!.figure?.mean ?? null, change: d.change })),
    actions: [{ what: 'Stageplaatsen inventariseren', owner: 'Anna de Vries', due: '2027-02-01', status: 'bezig' }],
    feasibility: {
      verdict: null,
      suggested: 'haalbaar-onder-voorwaarden',
      perSchool: false,
      rows: [1, 2, 3, 4].map((year) => ({ label: `jaar ${year}`, cost: 50_000, income: year <= 2 ? 40_000 : 60_000, coverage: year <= 2 ? 80 : 120 })),
      coverage: 100,
      gap: 0,
    },
    agreement: { counts: { leeg: 10, concept: 3, review: 1, akkoord: 0 }, duo: null, missing: ['Nog leeg: Doelen van de route', 'Nog geen akkoord van: ROC Noord'] },
  };
}

const textOf = (xml: string) => xml.replace(/<w:tab\/>/g, '\t').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');

describe('rapport as a Word document', () => {
  const current = publish(inst, people(4, 2), [VO, MBO], options);
  const previous = publish(inst, people(3, 3), [VO, MBO], options);

  it('gate first: c5 was hidden (two answerers), the other seven are shown', () => {
    expect(current.groups.filter((g) => g.figure !== null).map((g) => g.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'd1', 'd2', 'd3']);
    expect(current.byType.map((c) => c.shown)).toEqual([true, true]);
  });

  it('has every section, the tables and the published figures, and nothing the gate hid', async () => {
    const zip = await JSZip.loadAsync(await reportDocx(data(current, previous)));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = textOf(xml);
    for (const heading of [
      'Rapport voor de regiegroep: Leerlab Noord-Holland',
      'Het partnerschap en de scholen',
      'Resultaten van de laatste reflectie',
      'Verandering sinds de vorige reflectie',
      'Het achtje',
      'Acties en hun status',
      'Haalbaarheid',
      'De samenwerkingsovereenkomst',
      'Wat nog ontbreekt',
    ])
      expect(text).toContain(heading);
    // Schools, results, change, achtje, actions, business case, agreement status: seven tables.
    expect(xml.match(/<w:tbl>/g)?.length).toBe(7);
    expect(text).toContain('Reflectie 2, gesloten op 5 januari 2027 17:00: 8 mensen hebben ingevuld.');
    // The words of issue 16: how many people, not "n"; the five condities.
    expect(text).toContain('Onderdeel\nAantal mensen\nGemiddelde\nSpreiding\nVerdeling');
    expect(text).toContain('Vmbo en mbo naast elkaar (gemiddelde per conditie)');
    expect(text).not.toMatch(/voorwaarde(?!n\.)/);
    // c1: 16 answers of 4 and 16 of 2: mean 3,0, spread 1,0; 8 respondents; 16 × 2 and 16 × 4.
    expect(text).toMatch(/Werken aan een gedeelde ambitie\n8\n3,0\n1,0\n1: 0 · 2: 16 · 3: 0 · 4: 16 · 5: 0 · weet ik niet: 0/);
    // c5 had two answerers: hidden, no n, no mean, no distribution.
    expect(text).toMatch(/Ontwerpen van een passend proces\n\n\n\nte weinig antwoorden/);
    expect(text).not.toContain('5: 2');
    // The change since run 1 (3,0 → 3,0 for c1: no change).
    expect(text).toMatch(/Werken aan een gedeelde ambitie\n3,0\n3,0\n0,0/);
    // The achtje: vmbo's own 4,0 good, mbo's own 3,0 warning, between 2,0 attention, other layers hidden.
    expect(text).toMatch(/Professioneel\n4,0 · op orde\n3,0 · let op\n2,0 · aandacht nodig/);
    expect(text).toMatch(/Bestuurlijk\nte weinig antwoorden\nte weinig antwoorden\nte weinig antwoorden/);
    expect(text).toContain('Stageplaatsen inventariseren\nAnna de Vries\n2027-02-01\nbezig');
    expect(text).toContain('Nog geen besluit. Voorstel van de bot op grond van de cijfers: Haalbaar onder voorwaarden.');
    expect(text).toContain('jaar 3\n€ 50.000\n€ 60.000\n120,0%');
    expect(text).toContain('Nog geen akkoord van: ROC Noord');
  });

  it('has four charts as PNGs of 1200 px wide with real pictures in them; the hidden figure has no bar', async () => {
    const zip = await JSZip.loadAsync(await reportDocx(data(current, previous)));
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'));
    expect(media.length).toBe(4);
    const pngs = await Promise.all(media.map(async (f) => readPng(Buffer.from(await zip.file(f)!.async('uint8array')))));
    for (const png of pngs) {
      expect(png.width).toBe(1200);
      // Bars, axes, antialiased labels: far more than a handful of colours.
      expect(png.colours).toBeGreaterThan(50);
    }
    // The distribution chart: 140 px of frame and legend plus 46 per shown row, 7 rows (c5 is hidden): 462.
    expect(pngs.map((p) => p.height).sort((a, b) => a - b)).toEqual([462, 480, 560, 560]);
  });

  it('with too few respondents says so and draws nothing', async () => {
    const tiny = publish(inst, people(4, 2).slice(0, 2), [VO, MBO], options);
    const d = { ...data(tiny, previous), changes: null, feasibility: null, agreement: null };
    const zip = await JSZip.loadAsync(await reportDocx(d));
    const text = textOf(await zip.file('word/document.xml')!.async('string'));
    expect(text).toContain('Te weinig antwoorden om resultaten te tonen (minder dan 3).');
    expect(text).toContain('Er is nog geen haalbaarheidsonderzoek.');
    expect(text).toContain('Er is nog geen overeenkomst begonnen.');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toEqual([]);
  });
});
