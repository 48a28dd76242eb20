import { t } from '../i18n/index.js';
import { escapeMarkdown } from '../core/escape.js';
import { UserError } from '../core/errors.js';
import { maxLengthOf, type ConcreteField } from './fields.js';

export type Value = string | number | null;
export type PartData = Record<string, Value>;

function parseMoney(raw: string): number | undefined {
  const s = raw.trim().replace(/\s|€/g, '');
  if (!/^-?\d+([.,]\d{1,2})?$/.test(s)) return undefined;
  return Number(s.replace(',', '.'));
}

/**
 * Turns a card submit (strings, unset inputs absent) into stored values, or refuses with a
 * Dutch message naming the field. Nothing is partially accepted.
 */
export function parsePart(fields: ConcreteField[], raw: Record<string, string | undefined>): PartData {
  const out: PartData = {};
  for (const field of fields) {
    // A label can name a school (typed in setup); the message is markdown, so the label is escaped there.
    const f = { ...field, label: escapeMarkdown(field.label) };
    const value = raw[f.input]?.trim();
    if (value === undefined || value === '') {
      out[f.key] = null;
      continue;
    }
    switch (f.type) {
      case 'count': {
        if (/^-\d+$/.test(value)) throw new UserError(t.feasibility.errors.negative(f.label));
        if (!/^\d+$/.test(value)) throw new UserError(t.feasibility.errors.notNumber(f.label));
        const n = Number(value);
        if (f.min !== undefined && n < f.min) throw new UserError(t.feasibility.errors.tooSmall(f.label, f.min));
        if (f.max !== undefined && n > f.max) throw new UserError(t.feasibility.errors.tooBig(f.label, f.max));
        out[f.key] = n;
        break;
      }
      case 'money': {
        const n = parseMoney(value);
        if (n === undefined) throw new UserError(t.feasibility.errors.notMoney(f.label));
        if (n < 0) throw new UserError(t.feasibility.errors.negative(f.label));
        if (n > 100_000_000) throw new UserError(t.feasibility.errors.tooBig(f.label, 100_000_000));
        out[f.key] = n;
        break;
      }
      case 'choice':
        if (!f.options?.some((o) => o.value === value)) throw new UserError(t.feasibility.errors.badChoice(f.label));
        out[f.key] = value;
        break;
      case 'date': {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
        const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
        if (!m || !d || d.getUTCDate() !== Number(m[3])) throw new UserError(t.feasibility.errors.notDate(f.label));
        out[f.key] = value;
        break;
      }
      default:
        if (value.length > maxLengthOf(f)) throw new UserError(t.common.tooLong(f.label, maxLengthOf(f)));
        out[f.key] = f.type === 'list' ? value.split(',').map((x) => x.trim()).filter(Boolean).join(', ') : value;
    }
  }
  return out;
}

/** Checks that depend on more than one field; run on save, so a half-filled part is allowed. */
export function checkPart(partId: string, data: PartData): void {
  if (partId === 'ambitie' && data.route === 'geintegreerd-mbo2' && data.leerweg && data.leerweg !== 'basis') {
    throw new UserError(t.feasibility.errors.integratedOnlyBasis);
  }
  if (partId === 'juridisch' && typeof data.crebo === 'string' && !/^\d{5}$/.test(data.crebo)) throw new UserError(t.feasibility.legal.badCrebo);
  if (partId === 'instroom' && typeof data.total === 'number') {
    const sum = Object.entries(data)
      .filter(([k, v]) => k.startsWith('inflow.') && typeof v === 'number')
      .reduce((s, [, v]) => s + (v as number), 0);
    if (sum !== data.total) throw new UserError(t.feasibility.errors.totalMismatch(data.total, sum));
  }
}

/** Answered when every required field has a value. */
export function isComplete(fields: ConcreteField[], data: PartData | undefined): boolean {
  return Boolean(data) && fields.every((f) => !f.required || (data![f.key] !== null && data![f.key] !== undefined));
}
