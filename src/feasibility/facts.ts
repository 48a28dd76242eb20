import { feasibilityContent } from './content/index.js';
import { routeLines } from './legal.js';
import { businessCase, suggestVerdict, type BusinessCase, type Suggestion } from './businessCase.js';
import type { Store } from '../store/db.js';
import { FeasibilityRepo, type PartRow } from './repo.js';
import type { PartData, Value } from './validate.js';

/**
 * The feasibility study's read interface for other features: the agreement prefills from
 * these facts, and nothing outside this folder needs the feasibility flow itself.
 */

export interface FeasibilityFigures {
  pupils: number;
  minGroup: number;
  case: BusinessCase;
  conditions: string[];
  suggestion: Suggestion;
}

/** The facts the agreement flow can prefill from (parties, numbers, costs, responsibilities). */
export interface FeasibilityFacts {
  studyVersion: number;
  werkgroepId: string;
  values: Record<string, PartData>;
  figures: FeasibilityFigures;
  companies: Array<{ name: string; places: number | null; supervisors: number | null }>;
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

/** The business case and suggested verdict from a study's parts. */
export function figuresOf(parts: PartRow[]): FeasibilityFigures {
  const v = (partId: string) => parts.find((p) => p.part_id === partId)?.values ?? {};
  const num = (x: Value | undefined) => (typeof x === 'number' ? x : 0);
  const inflow = v('instroom');
  const pupils = Object.entries(inflow).filter(([k]) => k.startsWith('inflow.')).reduce((s, [, x]) => s + num(x), 0);
  const bc = v('businesscase');
  const costPerYear = ['costTeaching', 'costSupervision', 'costMaterials', 'costLocation', 'costCoordination'].reduce((s, k) => s + num(bc[k]), 0);
  const years = num(bc.years) || 4;
  const result = businessCase({ pupils, years, costPerYear, voPerPupil: num(bc.voPerPupil), mboPerPupil: num(bc.mboPerPupil), transferPerPupil: num(bc.transferPerPupil) });
  const conditions = String(v('risicos').conditions ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const minGroup = num(inflow.minGroup);
  return { pupils, minGroup, case: result, conditions, suggestion: suggestVerdict({ pupils, minGroup, coverage: result.coverage, conditions }) };
}

/** Whether every part of the study has been answered: only then can it be decided. */
export function allAnswered(parts: PartRow[]): boolean {
  return feasibilityContent().parts.every((p) => parts.find((x) => x.part_id === p.id)?.status === 'beantwoord');
}

export function feasibilityFacts(repo: FeasibilityRepo): FeasibilityFactsReader {
  return {
    async facts(partnershipId) {
      const study = await repo.latestInPartnership(partnershipId);
      if (!study) return undefined;
      const parts = await repo.parts(study.id);
      const values = Object.fromEntries(parts.map((p) => [p.part_id, p.values]));
      const partners = values.partners ?? {};
      const companies = [0, 1, 2]
        .map((i) => ({ name: String(partners[`company.${i}.name`] ?? ''), places: (partners[`company.${i}.places`] as number | null) ?? null, supervisors: (partners[`company.${i}.supervisors`] as number | null) ?? null }))
        .filter((c) => c.name);
      const route = study.content_version >= 2 ? routeLines({ ambitie: values.ambitie, juridisch: values.juridisch }) : undefined;
      return { studyVersion: study.version, werkgroepId: study.werkgroep_id, values, figures: figuresOf(parts), companies, verdict: (await repo.decision(study.id))?.verdict ?? null, contentVersion: study.content_version, ...(route ? { route } : {}) };
    },
  };
}

/** The reader over the store, for a feature that reads the study but keeps no repository of it. */
export function feasibilityFactsIn(store: Store, now: () => number): FeasibilityFactsReader {
  return feasibilityFacts(new FeasibilityRepo(store, now));
}
