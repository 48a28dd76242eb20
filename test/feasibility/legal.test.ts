import { describe, expect, it } from 'vitest';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { fittingYears, legalProblems, missingLegalChoices, problemText } from '../../src/feasibility/legal.js';
import type { PartData } from '../../src/feasibility/validate.js';

const v2 = feasibilityContent(2);
const v1 = feasibilityContent(1);

/** A lawful doorlopende route kader → mbo 3: 5 route years, regular exams, mbo exams from year 2, BPV from year 1. */
const ambitie: PartData = { profiles: 'Zorg en welzijn', route: 'doorlopend-mbo3', leerweg: 'kader' };
const juridisch: PartData = {
  mboOpleiding: 'Verzorgende IG',
  crebo: '25655',
  routeYears: 5,
  shortening: 0,
  vmboExams: 'alle',
  vmboExamYear: 2,
  mboExamFromYear: 2,
  bpvFromYear: 1,
  teambevoegdheid: 'ja',
  teamParts: 'loopbaanoriëntatie en burgerschap',
  location: 'gemengd',
  overstap: 'Vmbo-diploma kader op het vmbo.',
  responsibilities: 'Vo: vmbo. Mbo: mbo.',
};
const problems = (a: PartData, j: PartData) => legalProblems(v2, { ambitie: a, juridisch: j });

describe('the route design as the law allows it (content v2)', () => {
  it('the regular vmbo years 3-4 plus the mbo programme: mbo 2 4 years, mbo 3 5, mbo 4 5 or 6', () => {
    expect(fittingYears(v2.legal!, 'mbo2')).toEqual([4]);
    expect(fittingYears(v2.legal!, 'mbo3')).toEqual([5]);
    expect(fittingYears(v2.legal!, 'mbo4')).toEqual([5, 6]);
  });

  it('allows the lawful design, and a shortening of one year', () => {
    expect(problems(ambitie, juridisch)).toEqual([]);
    expect(problems(ambitie, { ...juridisch, routeYears: 4, shortening: 1 })).toEqual([]);
    expect(problems({ ...ambitie, route: 'doorlopend-mbo4' }, { ...juridisch, routeYears: 6 })).toEqual([]);
    expect(problems({ ...ambitie, route: 'doorlopend-mbo4' }, { ...juridisch, routeYears: 4, shortening: 1 })).toEqual([]);
    // Exams postponed to route year 3 (vmbo year 5) is the latest the law allows.
    expect(problems(ambitie, { ...juridisch, vmboExamYear: 3 })).toEqual([]);
    // The geïntegreerde route bb → mbo 2 may take some or no vmbo exams.
    const integrated = { ...ambitie, route: 'geintegreerd-mbo2', leerweg: 'basis' };
    expect(problems(integrated, { ...juridisch, routeYears: 4, vmboExams: 'geen', vmboExamYear: null })).toEqual([]);
    expect(problems(integrated, { ...juridisch, routeYears: 4, vmboExams: 'enkele' })).toEqual([]);
  });

  it('refuses a shortening of 2 years, with the rule and the seed sentence', () => {
    const p = problems(ambitie, { ...juridisch, routeYears: 3, shortening: 2 });
    expect(p.map((x) => x.field)).toEqual(['shortening']);
    expect(problemText(v2, p[0]!)).toBe(
      'Een route verkorten kan met hoogstens 1 jaar, niet met 2. De bron: "Door het ontwikkelen van een gecombineerd programma kan bovendien onnodige overlap worden voorkomen, waardoor er ruimte ontstaat om de opleiding te verkorten met maximaal één jaar." (bron 003, regel 206).',
    );
  });

  it('refuses route years that do not fit the level', () => {
    const p = problems(ambitie, { ...juridisch, routeYears: 4 });
    expect(p.map((x) => x.text)).toEqual(['Een route naar mbo 3 duurt vmbo leerjaar 3 en 4 plus de mbo-opleiding: 5 leerjaren, niet 4.']);
    expect(problems({ ...ambitie, route: 'doorlopend-mbo4' }, { ...juridisch, routeYears: 3, shortening: 1 }).map((x) => x.text)).toEqual([
      'Een route naar mbo 4 duurt vmbo leerjaar 3 en 4 plus de mbo-opleiding, min 1 jaar verkorting: 4 of 5 leerjaren, niet 3.',
    ]);
    expect(problems({ ...ambitie, route: 'doorlopend-mbo2' }, { ...juridisch, routeYears: 5 }).map((x) => x.rule)).toEqual(['routeYears']);
  });

  it('refuses vmbo exams postponed past route year 3', () => {
    const p = problems({ ...ambitie, route: 'doorlopend-mbo4' }, { ...juridisch, routeYears: 6, vmboExamYear: 4 });
    expect(p.map((x) => x.text)).toEqual(['Het vmbo-examen kan tot en met routejaar 3, niet in routejaar 4.']);
    expect(problemText(v2, p[0]!)).toContain('"De wet biedt daarnaast de mogelijkheid voor het afnemen van vmbo-examens t/m het derde jaar van de route." (bron 003, regel 222)');
  });

  it('refuses no or some vmbo exams in a kb or in a doorlopend bb route', () => {
    expect(problems(ambitie, { ...juridisch, vmboExams: 'geen' }).map((x) => x.text)).toEqual([
      'Alleen in de geïntegreerde route (vmbo-basis naar mbo 2) mogen leerlingen enkele of geen vmbo-examens doen. In deze doorlopende route naar mbo 3 doen ze alle vmbo-examens.',
    ]);
    const doorlopendBb = { ...ambitie, route: 'doorlopend-mbo2', leerweg: 'basis' };
    expect(problems(doorlopendBb, { ...juridisch, routeYears: 4, vmboExams: 'enkele' }).map((x) => x.rule)).toEqual(['examsStay']);
    expect(problems(doorlopendBb, { ...juridisch, routeYears: 4, vmboExams: 'geen' }).map((x) => x.rule)).toEqual(['examsStay']);
  });

  it('refuses mbo exams or BPV before route year 1, and after the route', () => {
    expect(problems(ambitie, { ...juridisch, mboExamFromYear: 0 }).map((x) => x.text)).toEqual(['Beginnen met mbo-examens kan vanaf routejaar 1 (vmbo leerjaar 3), niet in routejaar 0.']);
    expect(problems(ambitie, { ...juridisch, bpvFromYear: 0 }).map((x) => x.text)).toEqual(['Beginnen met de BPV kan vanaf routejaar 1 (vmbo leerjaar 3), niet in routejaar 0.']);
    expect(problems(ambitie, { ...juridisch, mboExamFromYear: 6 }).map((x) => x.text)).toEqual(['De route duurt 5 leerjaren; routejaar 6 voor mbo-examens valt daarbuiten.']);
  });

  it('a change under Ambitie can make a saved design unlawful: the same rules, read with the new route', () => {
    const integrated = { ...ambitie, route: 'geintegreerd-mbo2', leerweg: 'basis' };
    const saved = { ...juridisch, routeYears: 4, vmboExams: 'geen', vmboExamYear: null };
    expect(problems(integrated, saved)).toEqual([]);
    // The werkgroep moves to a doorlopende route to mbo 3 from kader: no vmbo exams and 4 years no longer fit.
    expect(problems(ambitie, saved).map((x) => x.rule)).toEqual(['routeYears', 'examsStay']);
  });

  it('v1 has no route design, so no rules and no missing legal choices', () => {
    expect(legalProblems(v1, { ambitie, juridisch: { exam: 'geen' } })).toEqual([]);
    expect(missingLegalChoices({ ambitie, juridisch: {} }, v1)).toEqual([]);
  });

  it('missingLegalChoices names, in Dutch, what is missing or needs a new answer', () => {
    expect(missingLegalChoices({ ambitie, juridisch })).toEqual([]);
    expect(missingLegalChoices({ ambitie: {}, juridisch: {} })).toEqual([
      'Welke route?',
      'Vanuit welke vmbo-leerweg?',
      'Welke mbo-opleiding (naam)?',
      'Hoeveel leerjaren duurt de hele route?',
      'Welke vmbo-examens doen leerlingen?',
      'Vanaf welk routejaar doen leerlingen mbo-examens?',
      'Vanaf welk routejaar gaan leerlingen op beroepspraktijkvorming (BPV)?',
      'Geven vmbo en mbo (een deel van) het programma met één team (teambevoegdheid)?',
      'Waar krijgen leerlingen les?',
      'Overstapoptie: welk diploma kan een leerling die de route verlaat nog halen, en waar?',
      'Wie is verantwoordelijk voor onderwijs, examens en diploma (vo en mbo)?',
    ]);
    // Teambevoegdheid yes needs its programme parts; exams need their year unless there are none.
    expect(missingLegalChoices({ ambitie, juridisch: { ...juridisch, teamParts: null, vmboExamYear: null } })).toEqual([
      'In welk routejaar ronden leerlingen het vmbo-examen af? (2 is gewoon, in vmbo leerjaar 4; uitstellen kan tot en met 3)',
      'Zo ja: voor welke vak- of sectoroverstijgende programmaonderdelen?',
    ]);
    expect(missingLegalChoices({ ambitie, juridisch: { ...juridisch, vmboExams: 'geen' } })).toEqual(['Welke vmbo-examens doen leerlingen? (nieuw antwoord nodig)']);
  });
});
