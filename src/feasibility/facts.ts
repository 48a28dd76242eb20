import { feasibilityContent } from './content/index.js';
import { missingLegalChoices, routeLines } from './legal.js';
import { businessCase, type BusinessCase, type CaseInput, type CaseSchool } from './businessCase.js';
import { workplaces, type Company, type Workplaces } from './workplaces.js';
import { suggestVerdict, type Suggestion } from './verdict.js';
import type { Store } from '../store/db.js';
import type { School } from '../partnership/repo.js';
import { FeasibilityRepo, type PartRow } from './repo.js';
import { inflowProfiles, profilesOf } from './fields.js';
import { yearsOf, type PartData, type Value } from './validate.js';

/**
 * The feasibility study's read interface for other features: the agreement prefills from
 * these facts, and nothing outside this folder needs the feasibility flow itself.
 */

export interface FeasibilityFigures {
  /** Pupils starting every year, over all vo schools and profiles. */
  pupils: number;
  minGroup: number;
  /** The profiles named under Ambitie. */
  profiles: string[];
  /** Per school (`case.schools`) and for the partnership (`case.partnership`), partnership years 1-5. */
  case: BusinessCase;
  /** The first partnership year whose income covers its cost, null if none in five years. */
  firstCoveredYear: number | null;
  /** Pupils in BPV against the companies' places, per partnership year. */
  places: Workplaces;
  conditions: string[];
  suggestion: Suggestion;
}

/** The facts the agreement flow can prefill from (parties, numbers, costs, responsibilities). */
export interface FeasibilityFacts {
  studyVersion: number;
  werkgroepId: string;
  values: Record<string, PartData>;
  figures: FeasibilityFigures;
  companies: Array<{ name: string; places: number | null; supervisors: number | null; hoursPerPupil: number | null }>;
  verdict: string | null;
  /** The content version the study was made with (1: no route design yet). */
  contentVersion: number;
  /** The route's design in plain lines (content v2 on), if Ambitie or Wettelijk en praktisch say something. */
  route?: { route: string; exams: string; team: string; location: string };
}

export interface FeasibilityFactsReader {
  /** The latest study's answers and figures in this partnership, if any. */
  facts(partnershipId: string): Promise<FeasibilityFacts | undefined>;
}

export interface FiguresOptions {
  /** The partnership's schools (names and types); without them the schools are read from the answers' keys. */
  schools?: School[];
  /** Legal choices not yet made under Wettelijk en praktisch (their labels). */
  missingLegal?: string[];
}

const V1_COSTS = ['costTeaching', 'costSupervision', 'costMaterials', 'costLocation', 'costCoordination'];
/** Where a v1 study's costs go: v1 asked them for the route, not per school. */
export const SHARED_COSTS_ID = 'samen';
const MAX_ROWS = 20;

const num = (x: Value | undefined) => (typeof x === 'number' ? x : 0);
const text = (x: Value | undefined) => (typeof x === 'string' ? x : '');

/** The companies of the partners part (v1: places and supervisors; v2: places and hours per pupil). */
export function companiesOf(partners: PartData): FeasibilityFacts['companies'] {
  const out: FeasibilityFacts['companies'] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const name = text(partners[`company.${i}.name`]).trim();
    if (!name) continue;
    const n = (k: string) => (typeof partners[`company.${i}.${k}`] === 'number' ? (partners[`company.${i}.${k}`] as number) : null);
    out.push({ name, places: n('places'), supervisors: n('supervisors'), hoursPerPupil: n('hours') });
  }
  return out;
}

/**
 * The input of the business case from a study's answers. A v2 study has costs per school,
 * development costs, subsidies and transfers. A v1 study is read the same way with what it
 * asked: its costs for the route as a whole (shown as "samen", not per school) and its
 * transfer per pupil per mbo year as a shift from the mbo school to each pupil's vo school.
 */
export function caseInputOf(values: Record<string, PartData>, schools: School[] | undefined): CaseInput {
  const inflowValues = values.instroom ?? {};
  const bc = values.businesscase ?? {};
  const jur = values.juridisch ?? {};
  const profiles = profilesOf(values.ambitie?.profiles);
  const keyed = (prefix: string) =>
    Object.keys({ ...inflowValues, ...bc })
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length).split('.')[0]!);
  const known: CaseSchool[] = schools
    ? schools.filter((s) => s.type !== 'bedrijf').map((s) => ({ id: s.id, name: s.name, type: s.type as 'vo' | 'mbo' }))
    : [...new Set(keyed('inflow.'))].map((id) => ({ id, name: id, type: 'vo' as const }));
  const caseSchools = known.some((s) => s.type === 'mbo') ? known : [...known, { id: 'mbo', name: 'mbo', type: 'mbo' as const }];
  const vo = caseSchools.filter((s) => s.type === 'vo');
  const mbo = caseSchools.find((s) => s.type === 'mbo')!;
  const routeYears = num(jur.routeYears) || num(bc.years) || 4;

  // Per profile when the card asked it per profile (and those answers are there), else per school.
  const inflow = vo.flatMap((s) => {
    const perProfile = inflowProfiles(profiles).map((profile, k) => ({ schoolId: s.id, profile, value: inflowValues[`inflow.${s.id}.p${k}`] }));
    if (perProfile.some((p) => typeof p.value === 'number')) return perProfile.map((p) => ({ schoolId: p.schoolId, profile: p.profile, pupils: num(p.value) }));
    return [{ schoolId: s.id, pupils: num(inflowValues[`inflow.${s.id}`]) }];
  });

  const isV1 = V1_COSTS.some((k) => k in bc) && !Object.keys(bc).some((k) => k.startsWith('cost.'));
  if (isV1) {
    const perYear = V1_COSTS.reduce((s, k) => s + num(bc[k]), 0);
    const transfer = num(bc.transferPerPupil);
    const mboYears = Array.from({ length: Math.max(0, routeYears - 2) }, (_, i) => i + 3);
    return {
      schools: [...caseSchools, { id: SHARED_COSTS_ID, name: SHARED_COSTS_ID, type: 'samen' }],
      inflow,
      routeYears,
      voPerPupil: num(bc.voPerPupil),
      mboPerPupil: num(bc.mboPerPupil),
      mboSchoolId: mbo.id,
      recurring: [{ schoolId: SHARED_COSTS_ID, perYear }],
      oneOff: [],
      subsidies: [],
      transfers: transfer > 0 ? vo.map((s) => ({ from: mbo.id, to: s.id, perPupil: transfer, routeYears: mboYears })) : [],
    };
  }

  const ids = new Set(caseSchools.map((s) => s.id));
  const devYears = yearsOf(bc.devYears);
  const rows = (prefix: string) => Array.from({ length: MAX_ROWS }, (_, i) => i).filter((i) => Object.keys(bc).some((k) => k.startsWith(`${prefix}.${i}.`)));
  return {
    schools: caseSchools,
    inflow,
    routeYears,
    voPerPupil: num(bc.voPerPupil),
    mboPerPupil: num(bc.mboPerPupil),
    mboSchoolId: mbo.id,
    recurring: caseSchools.map((s) => ({ schoolId: s.id, perYear: num(bc[`cost.${s.id}`]) })),
    oneOff: caseSchools.map((s) => ({ schoolId: s.id, amount: num(bc[`devCost.${s.id}`]), years: devYears.length ? devYears : [1] })).filter((c) => c.amount > 0),
    subsidies: rows('subsidies')
      .map((i) => ({ schoolId: text(bc[`subsidies.${i}.school`]), amount: num(bc[`subsidies.${i}.amount`]), years: yearsOf(bc[`subsidies.${i}.years`]) }))
      .filter((s) => ids.has(s.schoolId) && s.amount > 0),
    transfers: rows('transfers')
      .map((i) => ({ from: text(bc[`transfers.${i}.from`]), to: text(bc[`transfers.${i}.to`]), perPupil: num(bc[`transfers.${i}.perPupil`]), routeYears: yearsOf(bc[`transfers.${i}.routeYears`]) }))
      .filter((t) => ids.has(t.from) && ids.has(t.to) && t.from !== t.to && t.perPupil > 0),
  };
}

/** The business case, the workplaces and the suggested verdict from a study's parts. */
/** A study's figures in its own content version: from v2 on, the suggestion also names the legal choices still missing. */
export function studyFigures(study: { content_version: number }, parts: PartRow[], schools?: School[]): FeasibilityFigures {
  const values = Object.fromEntries(parts.map((p) => [p.part_id, p.values]));
  const missingLegal = study.content_version >= 2 ? missingLegalChoices(values, feasibilityContent(study.content_version)) : [];
  return figuresOf(parts, { ...(schools ? { schools } : {}), missingLegal });
}

export function figuresOf(parts: PartRow[], opts: FiguresOptions = {}): FeasibilityFigures {
  const values = Object.fromEntries(parts.map((p) => [p.part_id, p.values]));
  const input = caseInputOf(values, opts.schools);
  const result = businessCase(input);
  const pupils = result.inflowPerYear;
  const companies: Company[] = companiesOf(values.partners ?? {}).map((c) => ({ name: c.name, places: c.places ?? 0, hoursPerPupil: c.hoursPerPupil ?? 0 }));
  // BPV from the route year chosen under Wettelijk en praktisch, route year 1 when not (yet) chosen.
  const places = workplaces({ inflowPerYear: pupils, routeYears: input.routeYears, bpvFromYear: num(values.juridisch?.bpvFromYear) || 1, companies });
  const conditions = text(values.risicos?.conditions)
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const minGroup = num(values.instroom?.minGroup);
  const profiles = profilesOf(values.ambitie?.profiles);
  return {
    pupils,
    minGroup,
    profiles,
    case: result,
    firstCoveredYear: result.firstCoveredYear,
    places,
    conditions,
    suggestion: suggestVerdict({ pupils, minGroup, profiles: profiles.length, coverage: result.partnership.total.coverage, places, missingLegal: opts.missingLegal ?? [], conditions }),
  };
}

/** Whether every part of the study has been answered: only then can it be decided. */
export function allAnswered(parts: PartRow[]): boolean {
  return feasibilityContent().parts.every((p) => parts.find((x) => x.part_id === p.id)?.status === 'beantwoord');
}

export function feasibilityFacts(repo: FeasibilityRepo, schoolsOf?: (partnershipId: string) => Promise<School[]>): FeasibilityFactsReader {
  return {
    async facts(partnershipId) {
      const study = await repo.latestInPartnership(partnershipId);
      if (!study) return undefined;
      const parts = await repo.parts(study.id);
      const values = Object.fromEntries(parts.map((p) => [p.part_id, p.values]));
      const schools = schoolsOf ? await schoolsOf(partnershipId) : undefined;
      const route = study.content_version >= 2 ? routeLines({ ambitie: values.ambitie, juridisch: values.juridisch }) : undefined;
      return {
        studyVersion: study.version,
        werkgroepId: study.werkgroep_id,
        values,
        figures: studyFigures(study, parts, schools),
        companies: companiesOf(values.partners ?? {}),
        verdict: (await repo.decision(study.id))?.verdict ?? null,
        contentVersion: study.content_version,
        ...(route ? { route } : {}),
      };
    },
  };
}

/** The reader over the store, for a feature that reads the study but keeps no repository of it. */
export function feasibilityFactsIn(store: Store, now: () => number, schoolsOf?: (partnershipId: string) => Promise<School[]>): FeasibilityFactsReader {
  return feasibilityFacts(new FeasibilityRepo(store, now), schoolsOf);
}
