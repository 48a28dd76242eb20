import { z } from 'zod';

export const RIGHTS_VERBS = {
  download: 'rights.download',
  erase: 'rights.erase',
  cancel: 'rights.cancel',
  leaverAsk: 'rights.leaverAsk',
  leaverErase: 'rights.leaverErase',
} as const;

const pid = z.string().uuid();
export const FORMATS = ['docx', 'json'] as const;

export const downloadSchema = z.object({ pid, format: z.enum(FORMATS) }).strict();
export const eraseSchema = z.object({ pid, confirm: z.literal('yes') }).strict();
export const cancelSchema = z.object({ pid }).strict();
/** The leavers card's choice; the server checks that this person is of the partnership and left the Team. */
export const leaverAskSchema = z.object({ pid, memberId: z.string().uuid() }).strict();
export const leaverEraseSchema = z.object({ pid, memberId: z.string().uuid(), confirm: z.literal('yes') }).strict();

