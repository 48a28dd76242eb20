import { z } from 'zod';
import { defineAction } from '../core/action.js';

export const REPORT_VERBS = { download: 'report.download' } as const;

export const REPORT_ACTIONS = {
  /** The report card's button: a fresh signed link on every click. The server checks the report is of this partnership. */
  download: defineAction({ verb: REPORT_VERBS.download, data: { pid: z.string().uuid(), reportId: z.string().uuid() } }),
};
