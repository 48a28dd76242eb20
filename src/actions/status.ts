import type { Store } from '../store/db.js';
import { isoDate } from '../time/amsterdam.js';
import { ActionsRepo, isActive } from './repo.js';

/**
 * The read interface other features use (reminders' target "who has an overdue action"):
 * the member ids of the owners of actions still open or bezig after their date.
 */
export function overdueOwners(store: Store, now: () => number): (partnershipId: string) => Promise<string[]> {
  const repo = new ActionsRepo(store, now);
  return async (partnershipId) => {
    const today = isoDate(now());
    const actions = await repo.forPartnership(partnershipId);
    return [...new Set(actions.filter((a) => isActive(a.status) && a.due_date < today && a.owner_member_id).map((a) => a.owner_member_id!))];
  };
}
