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

/** "1, 2", "1 2", "1-3" or "3 t/m 4" as sorted, distinct years; undefined when it is not such a list. */
export function parseYears(raw: string): number[] | undefined {
  const parts = raw
    .trim()
    .replace(/\s*(t\/m|tot en met|–|-)\s*/g, '-')
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (!parts.length) return undefined;
  const years = new Set<number>();
  for (const p of parts) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(p);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return undefined;
    for (let y = a; y <= b; y++) years.add(y);
  }
  return [...years].sort((x, y) => x - y);
}

/** A stored year list ("1, 2") as numbers; empty for anything else. */
export function yearsOf(v: Value | undefined): number[] {
  return typeof v === 'string' ? (parseYears(v) ?? []) : [];
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
      case 'decimal': {
        const n = parseMoney(value);
        if (n === undefined) throw new UserError(t.feasibility.errors.notDecimal(f.label));
        if (n < 0) throw new UserError(t.feasibility.errors.negative(f.label));
        if (f.max !== undefined && n > f.max) throw new UserError(t.feasibility.errors.tooBig(f.label, f.max));
        out[f.key] = n;
        break;
      }
      case 'years': {
        const years = parseYears(value);
        const min = f.min ?? 1;
        const max = f.max ?? 5;
        if (!years || years.some((y) => y < min || y > max)) throw new UserError(t.feasibility.errors.badYears(f.label, min, max));
        out[f.key] = years.join(', ');
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

/**
 * Checks that depend on more than one field; run on save, so a half-filled part is allowed.
 * `fields` are the part's fields as the card shows them now: the inflow total is checked
 * against those only, since the stored answers can hold inflow asked another way (per school
 * before Ambitie named more profiles, or in a version copied from content v1).
 */
export function checkPart(partId: string, data: PartData, fields?: ConcreteField[]): void {
  if (partId === 'ambitie' && data.route === 'geintegreerd-mbo2' && data.leerweg && data.leerweg !== 'basis') {
    throw new UserError(t.feasibility.errors.integratedOnlyBasis);
  }
  if (partId === 'juridisch' && typeof data.crebo === 'string' && !/^\d{5}$/.test(data.crebo)) throw new UserError(t.feasibility.legal.badCrebo);
  if (partId === 'businesscase') checkRows(data);

  if (partId === 'instroom' && typeof data.total === 'number') {
    const shown = fields ? new Set(fields.map((f) => f.key)) : undefined;
    const sum = Object.entries(data)
      .filter(([k, v]) => k.startsWith('inflow.') && (!shown || shown.has(k)) && typeof v === 'number')
      .reduce((s, [, v]) => s + (v as number), 0);
    if (sum !== data.total) throw new UserError(t.feasibility.errors.totalMismatch(data.total, sum));
  }
}

/** A subsidy or a transfer row is all or nothing, and a transfer goes from one school to another. */
function checkRows(data: PartData): void {
  const rows = new Map<string, Record<string, Value>>();
  for (const [k, v] of Object.entries(data)) {
    const m = /^(subsidies|transfers)\.(\d+)\.(\w+)$/.exec(k);
    if (!m) continue;
    const row = rows.get(`${m[1]}.${m[2]}`) ?? {};
    row[m[3]!] = v;
    rows.set(`${m[1]}.${m[2]}`, row);
  }
  const filled = (v: Value | undefined) => v !== null && v !== undefined && v !== '';
  for (const [id, row] of rows) {
    const [kind, i] = id.split('.');
    const n = Number(i) + 1;
    const values = Object.values(row);
    if (!values.some(filled) || values.every(filled)) {
      if (kind === 'transfers' && values.every(filled) && row.from === row.to) throw new UserError(t.feasibility.errors.transferSameSchool(n));
      continue;
    }
    throw new UserError(kind === 'subsidies' ? t.feasibility.errors.subsidyIncomplete(n) : t.feasibility.errors.transferIncomplete(n));
  }
}

/** Answered when every required field has a value. */
export function isComplete(fields: ConcreteField[], data: PartData | undefined): boolean {
  return Boolean(data) && fields.every((f) => !f.required || (data![f.key] !== null && data![f.key] !== undefined));
}
