import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { escapeMarkdown, firstLine } from '../core/escape.js';
import { byPid, message } from '../core/router.js';
import type { Router, Scope, Services } from '../services.js';
import type { ActionResult, Card } from '../core/types.js';
import { renderCard } from '../cards/render.js';
import { requireRole } from '../partnership/guard.js';
import { PERMISSIONS } from '../partnership/roles.js';
import { formatDateTime, isoDate, parseLocalDateTime } from '../time/amsterdam.js';
import { deadlineNudgeTime, nextOccurrence, nextOutsideHolidays, teacherFriendly, type Rule } from '../calendar/schedule.js';
import type { Reminder, Reminders } from './service.js';

import { HOLIDAY_ACTIONS, MAX_REMINDER_TEXT, NTHS, REMINDER_ACTIONS as A, REMINDER_VERBS, type CreateInput } from './verbs.js';

export { MAX_REMINDER_TEXT, REMINDER_VERBS };

/** Reminders shown on the list card; more would not fit in 28 KB. */
export const MAX_LISTED = 20;

export function describeRule(rule: Rule): string {
  const r = t.reminders;
  if (rule.kind === 'once') {
    const at = parseLocalDateTime(rule.date, rule.time);
    return r.once(at ? formatDateTime(at) : `${rule.date} ${rule.time}`);
  }
  if (rule.kind === 'weekly') {
    const [y, m, d] = rule.start.split('-').map(Number) as [number, number, number];
    const wd = new Date(Date.UTC(y, m - 1, d, 12)).getUTCDay();
    return r.weekly(r.weekdays[(wd + 6) % 7]!, rule.time, rule.everyWeeks);
  }
  return r.monthly(r.nths[String(rule.nth)]!, r.weekdays[rule.weekday - 1]!, rule.time);
}

/** `herinneringen`: the regiegroep and projectleider plan reminders on cards. */
export class ReminderHandlers {
  constructor(
    private readonly services: Services,
    private readonly reminders: Reminders,
  ) {}

  register(r: Router): void {
    // Toggle and remove name a reminder; its partnership is the scope the router checks.
    const reminderPartnership = async (data: { reminderId: string }) => {
      const reminder = await this.reminders.get(data.reminderId);
      if (!reminder || reminder.status === 'deleted') throw new UserError(t.reminders.errors.gone);
      return reminder.partnership_id;
    };
    r.addCommand({ words: ['herinneringen'], handle: (ctx, scope) => this.list(scope) });
    r.addAction({ verb: A.list.verb, schema: A.list.schema, partnership: byPid, handle: (ctx, scope) => this.list(scope) });
    r.addAction({ verb: A.newCard.verb, schema: A.newCard.schema, partnership: byPid, handle: (ctx, scope) => this.newCard(scope) });
    r.addAction({ verb: A.create.verb, schema: A.create.schema, partnership: byPid, handle: (ctx, scope, i) => this.create(scope, i) });
    r.addAction({ verb: A.toggle.verb, schema: A.toggle.schema, partnership: reminderPartnership, handle: (ctx, scope, i) => this.change(scope, i.reminderId, 'toggle') });
    r.addAction({ verb: A.remove.verb, schema: A.remove.schema, partnership: reminderPartnership, handle: (ctx, scope, i) => this.change(scope, i.reminderId, 'remove') });
  }

  private async list(scope: Scope): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.reminders, t.reminders.who);
    const items = await this.reminders.list(scope.partnership.id);
    return { card: await this.listCard(scope.partnership.id, items) };
  }

  private async listCard(partnershipId: string, items: Reminder[]): Promise<Card> {
    const holidays = await this.services.calendar.holidays(partnershipId);
    const channelNames = new Map((await this.services.repo.werkgroepen(partnershipId)).filter((w) => w.channel_id).map((w) => [w.channel_id!, w.channel_name ?? w.name]));
    const targetText = (r: Reminder) => (r.target === 'channel' && r.target_ref && channelNames.has(r.target_ref) ? t.reminders.werkgroepTarget(escapeMarkdown(channelNames.get(r.target_ref)!)) : t.reminders.targets[r.target]!);
    return renderCard('reminders/list', {
      fallback: t.reminders.title,
      title: t.reminders.title,
      empty: items.length ? '' : t.reminders.none,
      more: items.length > MAX_LISTED ? t.reminders.more(items.length - MAX_LISTED) : '',
      reminders: items.slice(0, MAX_LISTED).map((r) => {
        const rule = JSON.parse(r.rule) as Rule;
        const next = r.next_at ? formatDateTime(nextOutsideHolidays(rule, Number(r.next_at), holidays)) : t.reminders.noNext;
        return { toggle: A.toggle.button({ reminderId: r.id }), remove: A.remove.button({ reminderId: r.id }), line: t.reminders.line(escapeMarkdown(firstLine(r.text, 80)), describeRule(rule), targetText(r), next, r.status), toggleTitle: r.status === 'paused' ? t.reminders.resume : t.reminders.pause };
      }),
      buttons: { new: A.newCard.button({ pid: partnershipId }), holidays: HOLIDAY_ACTIONS.show.button({ pid: partnershipId }) },
      labels: { new: t.reminders.newButton, remove: t.reminders.remove, holidays: t.holidays.title },
    });
  }

  private async newCard(scope: Scope): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.reminders, t.reminders.who);
    const r = t.reminders;
    const runs = (await this.reminders.audience?.openRuns(scope.partnership.id)) ?? [];
    const channels = (await this.services.repo.werkgroepen(scope.partnership.id)).filter((w) => w.channel_id);
    return {
      card: renderCard('reminders/create', {
        fallback: r.createTitle,
        title: r.createTitle,
        inputs: A.create.inputs,
        limits: A.create.limits,
        date: isoDate(this.services.clock.now() + 86_400_000),
        templates: Object.entries(r.templates).map(([value, title]) => ({ value, title })),
        kinds: Object.entries(r.kinds).map(([value, title]) => ({ value, title })),
        weekdays: r.weekdays.map((title, i) => ({ title, value: String(i + 1) })),
        nths: NTHS.map((value) => ({ value, title: r.nths[value]! })),
        targets: [
          ...['channel', 'regiegroep', 'actionOwners'].map((value) => ({ value, title: r.targets[value]! })),
          ...channels.map((w) => ({ value: `wg:${w.id}`, title: r.werkgroepTarget(w.channel_name ?? w.name) })),
          ...runs.map((run) => ({ value: `run:${run.id}`, title: run.label }))],
        buttons: { save: A.create.button({ pid: scope.partnership.id }), back: A.list.button({ pid: scope.partnership.id }) },
        labels: { template: r.templateLabel, text: r.textLabel, kind: r.kindLabel, date: r.dateLabel, time: r.timeLabel, every: r.everyLabel, weekday: r.weekdayLabel, nth: r.nthLabel, target: r.targetLabel, save: r.save, back: r.back },
      }),
    };
  }

  private async create(scope: Scope, i: CreateInput): Promise<ActionResult> {
    const member = requireRole(scope, PERMISSIONS.reminders, t.reminders.who);
    const template = i.template ?? 'meeting';
    const text = i.text?.trim() || t.reminders.templateTexts[template];
    if (!text) throw new UserError(t.reminders.errors.textRequired);
    const date = i.date ?? '';
    const time = i.time ?? '09:00';
    if (parseLocalDateTime(date, time) === undefined) throw new UserError(t.reminders.errors.badDate);
    const kind = i.kind ?? 'weekly';
    const rule: Rule =
      kind === 'once'
        ? { kind, date, time }
        : kind === 'weekly'
          ? { kind, start: date, time, everyWeeks: Number(i.every ?? '1') }
          : { kind, start: date, time, weekday: Number(i.weekday ?? '1'), nth: Number(i.nth ?? '1') as 1 | 2 | 3 | 4 | -1 };
    const now = this.services.clock.now();
    const next = nextOccurrence(rule, now);
    if (next === undefined) throw new UserError(t.reminders.errors.noNext);
    const target = i.target ?? 'channel';
    const holidays = await this.services.calendar.holidays(scope.partnership.id);
    // What the user is told is the first time it really goes out: past holidays, and for
    // teachers past evenings and weekends.
    let first = nextOutsideHolidays(rule, next, holidays);
    if (target.startsWith('run:')) {
      const runId = target.slice(4);
      const run = await this.reminders.audience?.run(runId);
      if (!run || run.partnershipId !== scope.partnership.id || !run.open) throw new UserError(t.reminders.errors.runClosed);
      const at = deadlineNudgeTime(first, run.deadlineAt, holidays);
      if (at === undefined) throw new UserError(t.reminders.errors.afterDeadline);
      first = at;
      await this.reminders.create({ partnershipId: scope.partnership.id, createdBy: member.id, rule, target: 'nonresponders', targetRef: runId, text, teacherNudge: true });
    } else if (target.startsWith('wg:')) {
      // The channel comes from the stored werkgroep, never from the card.
      const werkgroep = (await this.services.repo.werkgroepen(scope.partnership.id)).find((w) => w.id === target.slice(3));
      if (!werkgroep?.channel_id) throw new UserError(t.reminders.errors.noChannel);
      await this.reminders.create({ partnershipId: scope.partnership.id, createdBy: member.id, rule, target: 'channel', targetRef: werkgroep.channel_id, text });
    } else if (target === 'actionOwners') {
      // Personal, like a nudge: never in the evening, at a weekend or in a holiday.
      first = teacherFriendly(first, holidays);
      await this.reminders.create({ partnershipId: scope.partnership.id, createdBy: member.id, rule, target, text, teacherNudge: true });
    } else {
      await this.reminders.create({ partnershipId: scope.partnership.id, createdBy: member.id, rule, target: target as 'channel' | 'regiegroep', text });
    }
    const moved = first === next ? '' : target.startsWith('run:') || target === 'actionOwners' ? 'teacher' : 'holiday';
    return message(t.reminders.created(formatDateTime(first), moved));
  }

  private async change(scope: Scope, id: string, what: 'toggle' | 'remove'): Promise<ActionResult> {
    const reminder = await this.reminders.get(id);
    if (!reminder || reminder.status === 'deleted' || reminder.partnership_id !== scope.partnership.id) throw new UserError(t.reminders.errors.gone);
    requireRole(scope, PERMISSIONS.reminders, t.reminders.who);
    if (what === 'remove') await this.reminders.remove(id);
    else if (reminder.status === 'paused') await this.reminders.resume(id);
    else await this.reminders.pause(id);
    return { card: await this.listCard(reminder.partnership_id, await this.reminders.list(reminder.partnership_id)) };
  }
}
