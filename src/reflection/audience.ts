import { t } from '../i18n/index.js';
import type { MemberView, PartnershipRepo } from '../partnership/repo.js';
import { formatDateTime } from '../time/amsterdam.js';
import type { ReflectionRepo, Run } from './repo.js';

/**
 * The reflection's read interface for reminders: open runs, and who has not answered yet.
 * Reminders aimed at non-responders read only this, never the reflection flow.
 */
export interface OpenRunAudience {
  openRuns(partnershipId: string): Promise<Array<{ id: string; label: string; deadlineAt: number }>>;
  run(runId: string): Promise<{ partnershipId: string; open: boolean; deadlineAt: number; nonResponders: MemberView[] } | undefined>;
}

/** Invited members of a run who have not sent their answers. */
export async function nonResponders(partnerships: PartnershipRepo, runs: ReflectionRepo, run: Run): Promise<MemberView[]> {
  const members = await partnerships.members(run.partnership_id);
  const open = new Set((await runs.invites(run.id)).filter((i) => i.submitted_at === null).map((i) => i.member_id));
  return members.filter((m) => open.has(m.id));
}

export function openRunAudience(partnerships: PartnershipRepo, runs: ReflectionRepo): OpenRunAudience {
  return {
    openRuns: async (partnershipId) => {
      const werkgroepen = await partnerships.werkgroepen(partnershipId);
      return (await runs.openRuns(partnershipId)).map((run) => ({
        id: run.id,
        label: t.reminders.runTarget(run.seq, werkgroepen.find((w) => w.id === run.werkgroep_id)?.name ?? t.reflection.wholePartnership, formatDateTime(Number(run.deadline_at))),
        deadlineAt: Number(run.deadline_at),
      }));
    },
    run: async (runId) => {
      const run = await runs.get(runId);
      if (!run) return undefined;
      return { partnershipId: run.partnership_id, open: run.status === 'open', deadlineAt: Number(run.deadline_at), nonResponders: await nonResponders(partnerships, runs, run) };
    },
  };
}
