import { EXPORT_CATEGORIES, PERSONAL_CLASSES, type ColumnClass, type EraseOptions, type ExportEntry, type PersonRef, type PersonalDataHolder } from './types.js';

/** What the registry is told after an erasure or an export (wired in createApp: audit log, store). */
export interface RegistryHooks {
  /** SQLite: overwrite freed pages and truncate the write-ahead log (store.afterErase). */
  afterErase(): Promise<void>;
  /** The audit entry, without content: who, about whom, rows per table. */
  record(entry: { partnershipId: string; action: 'erase' | 'export'; actor?: string; subject: string; counts: Record<string, number> }): Promise<void>;
}

export interface EraseMemberOptions extends EraseOptions {
  /** The user key of who asked (the person, or the projectleider); absent for retention. */
  actor?: string;
}

/**
 * Every holder of personal data, registered by the feature or service that owns its tables.
 * `mijn gegevens` exports through it, `verwijder mijn gegevens`, a leaver's erasure, a school
 * leaving and the retention job erase through it, and test/store/personalData.test.ts holds
 * the live schema against `columns()`.
 */
export class PersonalDataRegistry {
  private readonly holders: PersonalDataHolder[] = [];

  constructor(private readonly hooks: RegistryHooks) {}

  register(holder: PersonalDataHolder): void {
    for (const table of Object.keys(holder.tables)) {
      const other = this.holders.find((h) => table in h.tables);
      if (other) throw new Error(`Table ${table} is declared by both ${other.name} and ${holder.name}`);
    }
    this.holders.push(holder);
  }

  /** Every declared column with its class. */
  columns(): Map<string, Map<string, ColumnClass>> {
    const out = new Map<string, Map<string, ColumnClass>>();
    for (const h of this.holders) for (const [table, cols] of Object.entries(h.tables)) out.set(table, new Map(Object.entries(cols)));
    return out;
  }

  /** The holder that exports and erases a table, if any. */
  holderOf(table: string): string | undefined {
    return this.holders.find((h) => table in h.tables)?.name;
  }

  /** Tables with a column that holds something about a person. */
  personalTables(): string[] {
    return [...this.columns()].filter(([, cols]) => [...cols.values()].some((c) => PERSONAL_CLASSES.includes(c))).map(([t]) => t);
  }

  /** Everything the bot holds about the person, in category order, with nothing of anyone else. */
  async exportMember(person: PersonRef): Promise<ExportEntry[]> {
    const entries: ExportEntry[] = [];
    for (const h of this.holders) entries.push(...(await h.export(person)));
    const order = (e: ExportEntry) => EXPORT_CATEGORIES.indexOf(e.category);
    return entries.map((e, i) => ({ e, i })).sort((a, b) => order(a.e) - order(b.e) || a.i - b.i).map(({ e }) => e);
  }

  /** Records an export in the audit log (rows per table). */
  async recordExport(person: PersonRef, entries: ExportEntry[], actor = person.userKey): Promise<void> {
    await this.hooks.record({ partnershipId: person.partnershipId, action: 'export', actor, subject: person.userKey, counts: countByTable(entries) });
  }

  /**
   * Erases what the bot holds about one member (art. 17), for `verwijder mijn gegevens`, the
   * projectleider's erasure of a leaver, a school leaving and the retention job (members who
   * left the Team more than RETENTION_LEFT_MEMBERS_DAYS ago: `{ stillInTeam: false, reason:
   * 'retention' }`). Holders run in registration order, the membership rows last; then the
   * audit entry (keyed hash of the person, counts per table) and store.afterErase().
   * Idempotent: a second call finds nothing and changes nothing.
   */
  async eraseMember(person: PersonRef, options: EraseMemberOptions): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const ordered = [...this.holders.filter((h) => !h.last), ...this.holders.filter((h) => h.last)];
    for (const h of ordered) {
      for (const [table, n] of Object.entries(await h.erase(person, options))) if (n > 0) counts[table] = (counts[table] ?? 0) + n;
    }
    await this.hooks.record({ partnershipId: person.partnershipId, action: 'erase', ...(options.actor ? { actor: options.actor } : {}), subject: person.userKey, counts });
    await this.hooks.afterErase();
    return counts;
  }
}

export function countByTable(entries: ExportEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) out[e.table] = (out[e.table] ?? 0) + 1;
  return out;
}
