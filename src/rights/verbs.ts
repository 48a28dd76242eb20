import { z } from 'zod';
import { defineAction } from '../core/action.js';

export const RIGHTS_VERBS = {
  download: 'rights.download',
  erase: 'rights.erase',
  cancel: 'rights.cancel',
  leaverAsk: 'rights.leaverAsk',
  leaverErase: 'rights.leaverErase',
} as const;

const pid = z.string().uuid();
const memberId = z.string().uuid();
const confirm = z.literal('yes');
export const FORMATS = ['docx', 'json'] as const;

export const RIGHTS_ACTIONS = {
  /** Both buttons of `mijn gegevens` and the download card's fresh link. */
  download: defineAction({ verb: RIGHTS_VERBS.download, data: { pid, format: z.enum(FORMATS) } }),
  erase: defineAction({ verb: RIGHTS_VERBS.erase, data: { pid, confirm } }),
  cancel: defineAction({ verb: RIGHTS_VERBS.cancel, data: { pid } }),
  /** The leavers card's choice; the server checks that this person is of the partnership and left the Team. */
  leaverAsk: defineAction({ verb: RIGHTS_VERBS.leaverAsk, data: { pid }, inputs: { memberId } }),
  leaverErase: defineAction({ verb: RIGHTS_VERBS.leaverErase, data: { pid, memberId, confirm } }),
};
