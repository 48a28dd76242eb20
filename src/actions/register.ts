import { t } from '../i18n/index.js';
import { FORMER_MEMBER } from '../privacy/types.js';
import type { Feature } from '../services.js';
import { byPid } from '../core/router.js';
import type { SummaryActionsSource } from '../reflection/summaryCards.js';
import { ActionsHandlers } from './handlers.js';
import { ActionNudges, OVERDUE_JOB, overduePayload } from './jobs.js';
import { ActionsRepo, type ActionStatus } from './repo.js';
import { actionsPersonalData } from './personalData.js';
import { ACTIONS_ACTIONS as A } from './verbs.js';

/** What app.ts and tests hold of the actieagenda. */
export interface ActionsHandle {
  repo: ActionsRepo;
  nudges: ActionNudges;
  /** The summary's buttons and per-condition lines, given to the reflection (app.ts). */
  summary: SummaryActionsSource;
  /** The actions and their status as the board report lists them (src/report). */
  reportList(partnershipId: string): Promise<Array<{ what: string; owner: string; due: string; status: string }>>;
}

/** Order and words of the status counts on a summary line: "2 acties klaar, 1 open". */
const COUNTED: ActionStatus[] = ['klaar', 'bezig', 'open', 'vervallen'];

/** `acties`, the action form, the owner's card and the overdue nudges (issue 16). */
export const actions: Feature<ActionsHandle> = {
  register({ router: r, services }) {
    const repo = new ActionsRepo(services.store, () => services.clock.now());
    services.personalData.register(actionsPersonalData(repo));
    const nudges = new ActionNudges(services, repo);
    const h = new ActionsHandlers(services, repo, nudges);
    services.jobs.register(OVERDUE_JOB, overduePayload, (p, job) => nudges.nudge(p, job.runAt));

    const byAction = async (data: { actionId: string }) => (await repo.get(data.actionId))?.partnership_id;
    // The list is the partnership's (no one's answers): it stays where it was asked.
    r.addCommand({ words: ['acties'], handle: (ctx, scope, args) => h.command(ctx, scope, args) });
    // The form and an action's card are worked on by one person: from a channel they go to the 1:1 chat.
    const personal = { audience: 'personal', notes: { sent: t.personal.answerSent, unreachable: t.personal.openChat } } as const;
    r.addAction({ verb: A.form.verb, schema: A.form.schema, partnership: byPid, ...personal, handle: (ctx, scope, i) => h.form(scope, i) });
    r.addAction({ verb: A.create.verb, schema: A.create.schema, partnership: byPid, ...personal, handle: (ctx, scope, i) => h.create(scope, i) });
    r.addAction({ verb: A.update.verb, schema: A.update.schema, partnership: byAction, ...personal, handle: (ctx, scope, i) => h.update(scope, i) });
    r.addAction({ verb: A.list.verb, schema: A.list.schema, partnership: byPid, handle: (ctx, scope, i) => h.list(ctx, scope, i) });

    const summary: SummaryActionsSource = async ({ partnershipId, runId, closedAt, attention }) => {
      const linked = await repo.linkedUntil(partnershipId, closedAt);
      const lines: Record<string, string> = {};
      for (const id of new Set(linked.map((a) => a.link_id))) {
        const mine = linked.filter((a) => a.link_id === id);
        const counts = COUNTED.map((s) => [mine.filter((a) => a.status === s).length, t.actions.status[s]!] as [number, string]).filter(([n]) => n > 0);
        lines[id] = t.actions.summaryCounts(counts);
      }
      return {
        lines,
        buttons: [
          ...attention.map((p) => ({ title: t.actions.attentionButton(p.name), action: A.form.button({ pid: partnershipId, runId, link: p.id }) })),
          { title: t.actions.addButton, action: A.form.button({ pid: partnershipId, runId }) },
        ],
      };
    };
    const reportList = async (partnershipId: string) => {
      const [rows, members] = await Promise.all([repo.forPartnership(partnershipId), services.repo.members(partnershipId)]);
      const nameOf = (id: string | null) => (id === null || id === FORMER_MEMBER ? t.actions.nobody : (members.find((m) => m.id === id)?.name ?? t.privacy.formerMember));
      return rows.map((a) => ({ what: a.what, owner: nameOf(a.owner_member_id), due: a.due_date, status: t.actions.status[a.status] ?? a.status }));
    };
    return { repo, nudges, summary, reportList };
  },
};
