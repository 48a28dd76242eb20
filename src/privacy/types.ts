/**
 * The personal-data registry's vocabulary (issue 14, AVG art. 15, 17, 20). Every column of
 * every table is classified, so a test can hold the live schema against it and a new table
 * cannot be forgotten by export or erase.
 */

/**
 * What a column holds about a person:
 * - 'personal-id': an id that points to one person (member id, user key, Teams or Entra id,
 *   e-mail, the id of their 1:1 chat);
 * - 'name': a person's display name;
 * - 'member-text': something a member wrote or answered (answers, comments, texts);
 * - 'none': nothing about a person (ids of partnerships, runs, schools; timestamps; figures;
 *   keyed hashes in the audit log, see src/audit/personalData.ts for why those count as none).
 */
export type ColumnClass = 'personal-id' | 'name' | 'member-text' | 'none';

export const PERSONAL_CLASSES: readonly ColumnClass[] = ['personal-id', 'name', 'member-text'];

/** Table name → column name → class. */
export type TableColumns = Record<string, Record<string, ColumnClass>>;

/** The person an export or an erasure is about: one member row of one partnership. */
export interface PersonRef {
  /** members.id, the id the feature tables store. */
  id: string;
  partnershipId: string;
  userKey: string;
  teamsUserId: string;
  aadObjectId: string | null;
  name: string;
}

/** Why an erasure runs; recorded in the audit log's counts only as the action, never content. */
export type EraseReason = 'self' | 'projectleider' | 'school-left' | 'retention';

export interface EraseOptions {
  /**
   * Still in the Team: the member row keeps what membership needs (Teams ids, display name,
   * roles, school, werkgroepen). Left: that row goes too.
   */
  stillInTeam: boolean;
  reason: EraseReason;
}

/** The categories `mijn gegevens` shows, in this order. */
export const EXPORT_CATEGORIES = ['membership', 'reflection', 'texts', 'comments', 'tasks', 'optouts', 'messages', 'downloads'] as const;
export type ExportCategory = (typeof EXPORT_CATEGORIES)[number];

/** One thing the bot holds about the person, readable as it is shown ("label: value"). */
export interface ExportEntry {
  category: ExportCategory;
  /** The table it comes from, for the JSON and the counts. */
  table: string;
  /** What it is, in Dutch, e.g. "Reflectie 2, vraag c1.s1". */
  label: string;
  /** The person's own value or text; never someone else's. */
  value: string;
  /** When, in epoch ms, if known. */
  at?: number | null;
}

/**
 * One place that stores something about members: it declares its tables' columns, exports
 * what it holds about one person and erases it. The SQL stays in the repositories; a holder
 * only calls them.
 */
export interface PersonalDataHolder {
  /** For messages and for the order of erasure. */
  name: string;
  tables: TableColumns;
  /** Erased after every other holder (the membership rows: others read the member first). */
  last?: boolean;
  export(person: PersonRef): Promise<ExportEntry[]>;
  /** Deletes or anonymises the person's rows; returns rows changed per table. */
  erase(person: PersonRef, options: EraseOptions): Promise<Record<string, number>>;
}

/**
 * The value that replaces a member id in texts that stay with the partnership (studies,
 * agreement sections, comments, decisions): views render it as "oud-lid". Not a uuid, so no
 * card input can ever name it.
 */
export const FORMER_MEMBER = 'oud-lid';
