import type { Store } from '../store/db.js';
import { HandledActivities } from '../store/handledActivities.js';
import type { Clock } from '../clock.js';
import { JobRepo } from '../jobs/repo.js';
import { SlotRepo } from '../delivery/repo.js';

export type Counts = Record<string, number>;

const n = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0);

/**
 * Deleting a whole partnership (its Team removed the bot longer ago than the grace period, or
 * the projectleider typed `partnerschap verwijderen`). Every table of src/store/schema.ts is
 * here or says why not:
 * - by partnership_id (most cascade from partnerships too; deleted explicitly to count them):
 *   schools, members, member_roles, werkgroepen, werkgroep_members, reflection_runs/invites/
 *   answers, feasibility_studies/parts/changes/decisions, agreements/sections/section_versions/
 *   comments/approvals, reminders, partnership_settings, nudge_optouts (no foreign key),
 *   conversation_refs (channels; 1:1 chats of people in no other partnership);
 * - by what names the partnership: reminder_slots (its reminders, purposes naming its runs,
 *   studies or conversations), jobs (payload or dedupe key naming its ids), handled_activities
 *   (its channels and their threads, and the removed 1:1 chats);
 * - kept: audit_log (no personal data; gets a 'partnership-delete' entry), app_secrets and
 *   tenant_turns (not about a partnership).
 */
export class PartnershipEraser {
  private readonly handled: HandledActivities;
  private readonly jobs: JobRepo;
  private readonly slots: SlotRepo;

  constructor(
    private readonly store: Store,
    clock: Clock,
  ) {
    this.handled = new HandledActivities(store, clock);
    this.jobs = new JobRepo(store);
    this.slots = new SlotRepo(store);
  }

  private get db() {
    return this.store.db;
  }

  /** Partnerships whose Team removed the bot before `removedBefore` and that were not reinstalled. */
  async removedBefore(removedBefore: number): Promise<string[]> {
    const rows = await this.db.selectFrom('partnerships').select('id').where('status', '=', 'inactive').where('removed_at', 'is not', null).where('removed_at', '<', removedBefore).execute();
    return rows.map((r) => r.id);
  }

  /** Deletes everything of the partnership; returns the rows per table. */
  async deleteAll(partnershipId: string): Promise<Counts> {
    const db = this.db;
    const ids = async (table: 'reflection_runs' | 'feasibility_studies' | 'agreements' | 'reminders' | 'werkgroepen' | 'members') =>
      (await db.selectFrom(table).select('id').where('partnership_id', '=', partnershipId).execute()).map((r) => r.id);
    const [runs, studies, agreements, reminders, werkgroepen, members] = await Promise.all([
      ids('reflection_runs'),
      ids('feasibility_studies'),
      ids('agreements'),
      ids('reminders'),
      ids('werkgroepen'),
      ids('members'),
    ]);
    const refs = await db.selectFrom('conversation_refs').select(['conversation_id', 'kind']).where('partnership_id', '=', partnershipId).execute();
    // 1:1 chats of people on this partnership's roster and no other: they go with it. A person
    // who is in another partnership keeps their chat, no longer tied to this one.
    const userKeys = (await db.selectFrom('members').select('user_key').where('partnership_id', '=', partnershipId).execute()).map((r) => r.user_key);
    const elsewhere = new Set(
      userKeys.length ? (await db.selectFrom('members').select('user_key').where('user_key', 'in', userKeys).where('partnership_id', '!=', partnershipId).execute()).map((r) => r.user_key) : [],
    );
    const onlyHere = userKeys.filter((k) => !elsewhere.has(k));
    const personal = onlyHere.length
      ? (
          await db
            .selectFrom('conversation_refs')
            .select('conversation_id')
            .where('kind', '=', 'personal')
            .where((eb) => eb.or([eb('user_aad_id', 'in', onlyHere), eb('user_id', 'in', onlyHere)]))
            .execute()
        ).map((r) => r.conversation_id)
      : [];
    const channelIds = refs.filter((r) => r.kind !== 'personal').map((r) => r.conversation_id);
    const named = [partnershipId, ...runs, ...studies, ...agreements, ...reminders, ...werkgroepen, ...members, ...channelIds, ...personal];

    const counts: Counts = {};
    counts.reminder_slots = await this.slots.deleteNaming(reminders, named);
    counts.jobs = await this.jobs.deleteNaming(named);
    counts.handled_activities = await this.handled.forgetConversations([...channelIds, ...personal]);
    await db.transaction().execute(async (tx) => {
      const inList = <T extends string>(list: T[]) => (list.length ? list : ['']);
      counts.reflection_answers = n(await tx.deleteFrom('reflection_answers').where('run_id', 'in', inList(runs)).executeTakeFirst());
      counts.reflection_invites = n(await tx.deleteFrom('reflection_invites').where('run_id', 'in', inList(runs)).executeTakeFirst());
      counts.reflection_runs = n(await tx.deleteFrom('reflection_runs').where('partnership_id', '=', partnershipId).executeTakeFirst());
      counts.feasibility_changes = n(await tx.deleteFrom('feasibility_changes').where('study_id', 'in', inList(studies)).executeTakeFirst());
      counts.feasibility_decisions = n(await tx.deleteFrom('feasibility_decisions').where('study_id', 'in', inList(studies)).executeTakeFirst());
      counts.feasibility_parts = n(await tx.deleteFrom('feasibility_parts').where('study_id', 'in', inList(studies)).executeTakeFirst());
      counts.feasibility_studies = n(await tx.deleteFrom('feasibility_studies').where('partnership_id', '=', partnershipId).executeTakeFirst());
      counts.agreement_approvals = n(await tx.deleteFrom('agreement_approvals').where('agreement_id', 'in', inList(agreements)).executeTakeFirst());
      counts.agreement_comments = n(await tx.deleteFrom('agreement_comments').where('agreement_id', 'in', inList(agreements)).executeTakeFirst());
      counts.agreement_section_versions = n(await tx.deleteFrom('agreement_section_versions').where('agreement_id', 'in', inList(agreements)).executeTakeFirst());
      counts.agreement_sections = n(await tx.deleteFrom('agreement_sections').where('agreement_id', 'in', inList(agreements)).executeTakeFirst());
      counts.agreements = n(await tx.deleteFrom('agreements').where('partnership_id', '=', partnershipId).executeTakeFirst());
      counts.reminders = n(await tx.deleteFrom('reminders').where('partnership_id', '=', partnershipId).executeTakeFirst());
      counts.nudge_optouts = n(await tx.deleteFrom('nudge_optouts').where('partnership_id', '=', partnershipId).executeTakeFirst());
      counts.partnership_settings = n(await tx.deleteFrom('partnership_settings').where('partnership_id', '=', partnershipId).executeTakeFirst());
      counts.werkgroep_members = n(await tx.deleteFrom('werkgroep_members').where((eb) => eb.or([eb('werkgroep_id', 'in', inList(werkgroepen)), eb('member_id', 'in', inList(members))])).executeTakeFirst());
      counts.member_roles = n(await tx.deleteFrom('member_roles').where((eb) => eb.or([eb('partnership_id', '=', partnershipId), eb('member_id', 'in', inList(members))])).executeTakeFirst());
      counts.werkgroepen = n(await tx.deleteFrom('werkgroepen').where('partnership_id', '=', partnershipId).executeTakeFirst());
      counts.members = n(await tx.deleteFrom('members').where('partnership_id', '=', partnershipId).executeTakeFirst());
      counts.schools = n(await tx.deleteFrom('schools').where('partnership_id', '=', partnershipId).executeTakeFirst());
      counts.conversation_refs = n(
        await tx
          .deleteFrom('conversation_refs')
          .where((eb) => eb.or([eb('partnership_id', '=', partnershipId), eb('conversation_id', 'in', inList(personal))]))
          .where((eb) => eb.or([eb('kind', '!=', 'personal'), eb('conversation_id', 'in', inList(personal))]))
          .executeTakeFirst(),
      );
      // 1:1 chats of people who stay in another partnership: kept, no longer tied to this one.
      await tx.updateTable('conversation_refs').set({ partnership_id: null }).where('partnership_id', '=', partnershipId).execute();
      counts.partnerships = n(await tx.deleteFrom('partnerships').where('id', '=', partnershipId).executeTakeFirst());
    });
    return counts;
  }
}
