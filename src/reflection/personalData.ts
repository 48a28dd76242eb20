import { t, view } from '../i18n/index.js';
import { FORMER_MEMBER, type PersonalDataHolder } from '../privacy/types.js';
import type { ReflectionChannel } from './channel.js';
import type { ReflectionRepo } from './repo.js';

/**
 * A member's reflection answers and comments, their invitations, and the runs they started.
 * Erasing deletes answers and invitations: a closed run's summary, CSV and trend read the
 * figures frozen at close (reflection_runs.summary_json), so they stay byte for byte the same;
 * an open run no longer counts the person and its channel card is refreshed.
 */
export function reflectionPersonalData(repo: ReflectionRepo, channel: ReflectionChannel): PersonalDataHolder {
  const L = view((c) => c.privacy.labels);
  return {
    name: 'reflection',
    tables: {
      // summary_json holds only the published aggregates of the gate (src/reflection/publish.ts).
      reflection_runs: { id: 'none', partnership_id: 'none', seq: 'none', instrument_version: 'none', werkgroep_id: 'none', per_school: 'none', deadline_at: 'none', status: 'none', created_by: 'personal-id', created_at: 'none', closed_at: 'none', channel_conversation_id: 'none', channel_activity_id: 'none', summary_json: 'none', nudges: 'none', min_group: 'none', participation_json: 'none' },
      reflection_invites: { run_id: 'none', member_id: 'personal-id', school_id: 'none', layer: 'none', profile_asked: 'none', submitted_at: 'none', updated_at: 'none' },
      reflection_answers: { run_id: 'none', member_id: 'personal-id', item_id: 'none', value: 'member-text', text: 'member-text', updated_at: 'none' },
    },
    async export(p) {
      const rows = await repo.personalRows(p.id);
      return [
        ...rows.answers.map((a) => ({
          category: 'reflection' as const,
          table: 'reflection_answers',
          label: L.answer(Number(a.seq), a.item_id),
          value: a.text ?? (a.value === null ? t.privacy.dontKnow : String(a.value)),
          at: Number(a.updated_at),
        })),
        ...rows.invites.map((i) => ({
          category: 'reflection' as const,
          table: 'reflection_invites',
          label: L.invite(Number(i.seq)),
          value: [i.submitted_at === null ? t.privacy.notSent : t.privacy.sent, i.layer ?? ''].filter(Boolean).join(', '),
          at: Number(i.updated_at),
        })),
        ...rows.started.map((r) => ({ category: 'tasks' as const, table: 'reflection_runs', label: L.runStarted(Number(r.seq)), value: t.privacy.yes, at: Number(r.created_at) })),
      ];
    },
    async erase(p) {
      const { counts, runIds } = await repo.erasePerson(p.id, FORMER_MEMBER);
      for (const id of new Set(runIds)) {
        const run = await repo.get(id);
        if (run?.status === 'open') await channel.requestProgressUpdate(run);
      }
      return counts;
    },
  };
}
