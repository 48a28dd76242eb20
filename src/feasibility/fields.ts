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
  type: 'text' | 'list' | 'choice' | 'count' | 'money' | 'date';
  label: string;
  required: boolean;
  min?: number;
  max?: number;
  options?: Array<{ value: string; title: string }>;
}

export function expandFields(fields: FieldDef[], schools: School[]): ConcreteField[] {
  const out: ConcreteField[] = [];
  for (const f of fields) {
    if (f.type === 'perVoSchool') {
      schools
        .filter((s) => s.type === 'vo')
        .forEach((s, i) => out.push({ input: `${f.id}_${i}`, key: `${f.id}.${s.id}`, type: 'count', label: f.label.replace('{school}', s.name), required: Boolean(f.required), min: f.min, max: f.max }));
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
