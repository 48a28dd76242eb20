import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import { escapeMarkdown, firstLine } from '../core/escape.js';
import type { Card } from '../core/types.js';
import { formatDateTime } from '../time/amsterdam.js';
import { FORMER_MEMBER } from '../privacy/types.js';
import { isActive, type Action, type ActionNote } from './repo.js';
import { ACTIONS_ACTIONS as A } from './verbs.js';

/** A condition or domain of the reflection content an action can be linked to. */
export interface LinkTarget {
  id: string;
  kind: 'condition' | 'domain';
  name: string;
}

/** The list card names this many actions; the rest are counted (cards stay under 28 KB). */
export const MAX_LIST_LINES = 40;
/** The list shows the first line of an action's text, at most this long; its card has all of it. */
export const MAX_LIST_WHAT = 120;

const linkTitle = (l: LinkTarget) => (l.kind === 'condition' ? t.actions.conditionsGroup(l.name) : t.actions.domainsGroup(l.name));
const statusText = (s: string) => t.actions.status[s] ?? s;

/** Overdue: still open or bezig after its date (dates are YYYY-MM-DD, so they compare as text). */
export const isOverdue = (a: Pick<Action, 'status' | 'due_date'>, today: string) => isActive(a.status) && a.due_date < today;

/** The form offers at most this many owners (name order), so it stays under 28 KB. */
export const MAX_OWNER_CHOICES = 100;

/** The form the projectleider or the regiegroep makes an action on. */
export function formCard(p: {
  pid: string;
  runId?: string;
  members: Array<{ id: string; name: string }>;
  links: LinkTarget[];
  values?: { what?: string; owner?: string; due?: string; link?: string };
  notice?: string;
}): Card {
  return renderCard('actions/form', {
    fallback: t.actions.formTitle,
    title: t.actions.formTitle,
    intro: t.actions.formIntro,
    notice: p.notice ?? '',
    inputs: A.create.inputs,
    limits: A.create.limits,
    values: { what: p.values?.what ?? '', owner: p.values?.owner ?? '', due: p.values?.due ?? '', link: p.values?.link ?? '' },
    members: p.members.slice(0, MAX_OWNER_CHOICES).map((m) => ({ title: m.name, value: m.id })),
    links: p.links.map((l) => ({ title: linkTitle(l), value: l.id })),
    buttons: { save: A.create.button({ pid: p.pid, ...(p.runId ? { runId: p.runId } : {}) }) },
    labels: { what: t.actions.whatLabel, owner: t.actions.ownerLabel, due: t.actions.dueLabel, link: t.actions.linkLabel, save: t.actions.saveButton },
  });
}

/** One action as its owner sees it in the 1:1 chat, with the status and a note to update when allowed. */
export function actionCard(p: { action: Action; owner: string; link: LinkTarget | undefined; notes: Array<ActionNote & { author: string }>; canUpdate: boolean; today: string; notice?: string; forOwner: boolean }): Card {
  const a = p.action;
  const overdue = isOverdue(a, p.today);
  return renderCard('actions/action', {
    fallback: `${t.actions.actionTitle}: ${a.what}`,
    title: p.forOwner ? t.actions.ownerTitle : t.actions.actionTitle,
    notice: p.notice ?? '',
    what: escapeMarkdown(a.what),
    facts: [
      t.actions.ownerLine(escapeMarkdown(p.owner)),
      t.actions.dueLine(overdue ? `${a.due_date} (${t.actions.overdue})` : a.due_date),
      t.actions.statusLine(statusText(a.status)),
      ...(p.link ? [t.actions.linkLine(linkTitle(p.link))] : []),
    ],
    notes: p.notes.map((n) => t.actions.noteLine(escapeMarkdown(n.author), formatDateTime(Number(n.created_at)), escapeMarkdown(n.text))),
    canUpdate: p.canUpdate,
    status: a.status,
    statuses: (['open', 'bezig', 'klaar', 'vervallen'] as const).map((s) => ({ title: statusText(s), value: s })),
    inputs: A.update.inputs,
    limits: A.update.limits,
    buttons: { update: A.update.button({ actionId: a.id }) },
    labels: { notes: t.actions.notesHeading, status: t.actions.statusLabel, note: t.actions.noteLabel, update: t.actions.updateButton },
  });
}

const ORDER: Record<string, number> = { open: 0, bezig: 0, klaar: 1, vervallen: 2 };

/**
 * The actieagenda: still to do first (overdue marked, earliest date first), then done and
 * dropped ones. `werkgroep` filters on the owner's werkgroepen.
 */
export function listCard(p: {
  pid: string;
  partnershipName: string;
  actions: Action[];
  members: Array<{ id: string; name: string; werkgroepIds: string[] }>;
  werkgroepen: Array<{ id: string; name: string }>;
  werkgroepId: string | null;
  today: string;
}): Card {
  const byId = new Map(p.members.map((m) => [m.id, m]));
  const werkgroep = p.werkgroepen.find((w) => w.id === p.werkgroepId);
  const shown = p.actions
    .filter((a) => !werkgroep || (a.owner_member_id && byId.get(a.owner_member_id)?.werkgroepIds.includes(werkgroep.id)))
    .sort((x, y) => ORDER[x.status]! - ORDER[y.status]! || x.due_date.localeCompare(y.due_date) || Number(x.created_at) - Number(y.created_at));
  const ownerName = (a: Action) => (a.owner_member_id === null || a.owner_member_id === FORMER_MEMBER ? t.actions.nobody : (byId.get(a.owner_member_id)?.name ?? t.privacy.formerMember));
  const line = (a: Action) =>
    t.actions.line(escapeMarkdown(firstLine(a.what, MAX_LIST_WHAT)), escapeMarkdown(ownerName(a)), a.due_date, isOverdue(a, p.today) ? `${statusText(a.status)}, **${t.actions.overdue}**` : statusText(a.status));
  const todo = shown.filter((a) => isActive(a.status));
  const rest = shown.filter((a) => !isActive(a.status));
  const lines: Array<{ heading: string; lines: string[] }> = [];
  let budget = MAX_LIST_LINES;
  let hidden = 0;
  for (const [heading, list] of [[t.actions.todoHeading, todo], [t.actions.doneHeading, rest]] as const) {
    const take = list.slice(0, Math.max(0, budget));
    budget -= take.length;
    hidden += list.length - take.length;
    if (take.length) lines.push({ heading, lines: take.map(line) });
  }
  if (hidden) lines.push({ heading: '', lines: [t.actions.moreLines(hidden)] });
  const overdue = todo.filter((a) => isOverdue(a, p.today)).length;
  const name = escapeMarkdown(p.partnershipName);
  return renderCard('actions/list', {
    fallback: t.actions.listTitle(p.partnershipName),
    title: werkgroep ? t.actions.listTitleWerkgroep(name, escapeMarkdown(werkgroep.name)) : t.actions.listTitle(name),
    intro: shown.length ? t.actions.listIntro(todo.length, overdue) : werkgroep ? t.actions.noActionsWerkgroep : t.actions.noActions,
    sections: lines,
    filters: [
      ...(werkgroep ? [{ title: t.actions.allButton, action: A.list.button({ pid: p.pid }) }] : []),
      ...p.werkgroepen.filter((w) => w.id !== werkgroep?.id).map((w) => ({ title: t.actions.werkgroepButton(w.name), action: A.list.button({ pid: p.pid, wg: w.id }) })),
      { title: t.actions.addButton, action: A.form.button({ pid: p.pid }) },
    ],
  });
}
