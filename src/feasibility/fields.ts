import type { School } from '../partnership/repo.js';
import type { FieldDef } from './content/schema.js';

/**
 * A part's fields as card inputs. Some fields expand with the partnership's setup: one
 * inflow field per vmbo school, a few rows of companies. `key` is how the value is stored
 * (by school id, so a renamed or reordered school keeps its number); `input` is the short
 * card input id.
 */
/** Longest answer of a text field without its own `max`: the card's maxLength and parsePart's limit. */
export const MAX_FIELD_TEXT = 2000;

/** The card's maxLength of a field: its own limit for text, the general one for the rest (numbers, amounts). */
export function maxLengthOf(f: ConcreteField): number {
  return (f.type === 'text' || f.type === 'list') && f.max !== undefined ? f.max : MAX_FIELD_TEXT;
}

export interface ConcreteField {
  input: string;
  key: string;
  type: 'text' | 'list' | 'choice' | 'count' | 'money' | 'date' | 'decimal' | 'years';
  label: string;
  required: boolean;
  min?: number;
  max?: number;
  options?: Array<{ value: string; title: string }>;
}

/** What else a part's fields depend on: the profiles named under Ambitie, the page of a paged part (all rows when absent). */
export interface FieldContext {
  profiles?: string[];
  page?: number;
  /** The study's content version (v1 studies keep v1's questions); the newest when absent. */
  contentVersion?: number;
}

/** Largest partnership year a subsidy or development cost can name (the case covers five years). */
export const CASE_YEARS = 5;
/** Largest route year a transfer can name. */
export const MAX_ROUTE_YEARS = 6;
/** Most profiles one inflow card asks per school. */
export const MAX_PROFILES = 6;

/** The profiles typed under Ambitie ("Horeca, Techniek"). */
export function profilesOf(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** The profiles the inflow is asked per: two to six of them; with one, or more than six, inflow is asked per school. */
export function inflowProfiles(profiles: string[] | undefined): string[] {
  return profiles && profiles.length > 1 && profiles.length <= MAX_PROFILES ? profiles : [];
}

/** How many cards a part has: companies five to a card, other fields on the card their `page` names. */
export function pageCount(fields: FieldDef[]): number {
  return Math.max(1, ...fields.map((f) => (f.type === 'workplaces' ? Math.ceil((f.rows ?? 5) / (f.pageSize ?? 5)) : (f.page ?? 0) + 1)));
}

/** The first and last row (1-based) a page of a paged field shows. */
export function pageRows(f: FieldDef, page: number): { first: number; last: number } {
  const size = f.pageSize ?? f.rows ?? 5;
  return { first: page * size + 1, last: Math.min(f.rows ?? 5, (page + 1) * size) };
}

export function expandFields(fields: FieldDef[], schools: School[], ctx: FieldContext = {}): ConcreteField[] {
  const out: ConcreteField[] = [];
  const caseSchools = schools.filter((s) => s.type !== 'bedrijf');
  // An empty choice first, so a row can be emptied again (an empty value is stored as no answer).
  const schoolOptions = [{ value: '', title: '(geen)' }, ...caseSchools.map((s) => ({ value: s.id, title: s.name }))];
  const yearRange = (max: number) => ({ min: 1, max });
  for (const f of fields) {
    // One card of a part split over cards: only the fields on that card (companies: that card's rows).
    if (ctx.page !== undefined && f.type !== 'workplaces' && (f.page ?? 0) !== ctx.page) continue;
    if (f.type === 'perVoSchool') {
      const profiles = f.perProfile ? inflowProfiles(ctx.profiles) : [];
      schools
        .filter((s) => s.type === 'vo')
        .forEach((s, i) => {
          const label = f.label.replace('{school}', s.name);
          if (!profiles.length) out.push({ input: `${f.id}_${i}`, key: `${f.id}.${s.id}`, type: 'count', label, required: Boolean(f.required), min: f.min, max: f.max });
          else profiles.forEach((profile, k) => out.push({ input: `${f.id}_${i}_${k}`, key: `${f.id}.${s.id}.p${k}`, type: 'count', label: `${label}, ${profile}`, required: Boolean(f.required), min: f.min, max: f.max }));
        });
    } else if (f.type === 'perSchool') {
      caseSchools.forEach((s, i) => out.push({ input: `${f.id}_${i}`, key: `${f.id}.${s.id}`, type: 'money', label: f.label.replace('{school}', s.name), required: Boolean(f.required) }));
    } else if (f.type === 'yearList') {
      out.push({ input: f.id, key: f.id, type: 'years', label: f.label, required: Boolean(f.required), ...yearRange(f.max ?? CASE_YEARS) });
    } else if (f.type === 'subsidies') {
      for (let i = 0; i < (f.rows ?? 2); i++) {
        const label = f.label.replace('{n}', String(i + 1));
        out.push({ input: `${f.id}${i}_school`, key: `${f.id}.${i}.school`, type: 'choice', label: `${label}: voor welke school`, required: false, options: schoolOptions });
        out.push({ input: `${f.id}${i}_amount`, key: `${f.id}.${i}.amount`, type: 'money', label: `${label}: bedrag per jaar (€)`, required: false });
        out.push({ input: `${f.id}${i}_years`, key: `${f.id}.${i}.years`, type: 'years', label: `${label}: in welke jaren van het partnerschap, bijvoorbeeld 1, 2`, required: false, ...yearRange(CASE_YEARS) });
      }
    } else if (f.type === 'transfers') {
      for (let i = 0; i < (f.rows ?? 2); i++) {
        const label = f.label.replace('{n}', String(i + 1));
        out.push({ input: `${f.id}${i}_from`, key: `${f.id}.${i}.from`, type: 'choice', label: `${label}: van school`, required: false, options: schoolOptions });
        out.push({ input: `${f.id}${i}_to`, key: `${f.id}.${i}.to`, type: 'choice', label: `${label}: naar school`, required: false, options: schoolOptions });
        out.push({ input: `${f.id}${i}_pupil`, key: `${f.id}.${i}.perPupil`, type: 'money', label: `${label}: bedrag per leerling per jaar (€)`, required: false });
        out.push({ input: `${f.id}${i}_years`, key: `${f.id}.${i}.routeYears`, type: 'years', label: `${label}: in welke jaren van de route, bijvoorbeeld 3, 4`, required: false, ...yearRange(MAX_ROUTE_YEARS) });
      }
    } else if (f.type === 'workplaces') {
      const all = { first: 1, last: f.rows ?? 5 };
      const { first, last } = ctx.page === undefined ? all : pageRows(f, ctx.page);
      for (let n = first; n <= last; n++) {
        const i = n - 1;
        const label = f.label.replace('{n}', String(n));
        out.push({ input: `c${i}_name`, key: `company.${i}.name`, type: 'text', label: `${label}: naam`, required: false, max: 100 });
        out.push({ input: `c${i}_places`, key: `company.${i}.places`, type: 'count', label: `${label}: BPV-plekken per jaar`, required: false, min: 0, max: 1000 });
        out.push({ input: `c${i}_hours`, key: `company.${i}.hours`, type: 'decimal', label: `${label}: uren begeleiding per leerling per week`, required: false, min: 0, max: 40 });
      }
    } else if (f.type === 'companies') {
      for (let i = 0; i < (f.rows ?? 3); i++) {
        const label = f.label.replace('{n}', String(i + 1));
        out.push({ input: `c${i}_name`, key: `company.${i}.name`, type: 'text', label: `${label}: naam`, required: false, max: 100 });
        out.push({ input: `c${i}_places`, key: `company.${i}.places`, type: 'count', label: `${label}: plekken per jaar`, required: false, min: 0, max: 1000 });
        out.push({ input: `c${i}_sup`, key: `company.${i}.supervisors`, type: 'count', label: `${label}: begeleiders`, required: false, min: 0, max: 1000 });
      }
    } else {
      out.push({ input: f.id, key: f.id, type: f.type, label: f.label, required: Boolean(f.required), min: f.min, max: f.max, options: f.options });
    }
  }
  return out;
}
