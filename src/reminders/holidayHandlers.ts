import { z } from 'zod';
import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { escapeMarkdown } from '../core/escape.js';
import { byPid } from '../core/router.js';
import type { Router, Scope, Services } from '../services.js';
import type { ActionResult } from '../core/types.js';
import { renderCard } from '../cards/render.js';
import { requireRole } from '../partnership/guard.js';
import { PERMISSIONS } from '../partnership/roles.js';
import { isoDate, parseLocalDateTime } from '../time/amsterdam.js';
import { holidayFiles, REGIONS } from '../calendar/holidays/index.js';
import { holidayViewsOf } from '../calendar/calendar.js';
import { HOLIDAY_VERBS, REMINDER_VERBS } from './verbs.js';

const pid = z.string().uuid();
/** Own days a partnership can add; more would not fit on the card. */
export const MAX_OWN_HOLIDAYS = 30;
/** Longest name of an own holiday: the card's maxLength and the schema's limit. */
export const MAX_HOLIDAY_NAME = 80;
// Action.Execute sends every input on the card with every button, so each schema knows them.
export const holidayCardInputs = {
  region: z.enum(['none', ...REGIONS]).optional(),
  name: z.string().max(MAX_HOLIDAY_NAME).optional(),
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
};
const showSchema = z.object({ pid, ...holidayCardInputs }).strict();
const removeSchema = z.object({ pid, key: z.string().regex(/^\d{4}-\d{2}-\d{2}\|\d{4}-\d{2}-\d{2}$/), ...holidayCardInputs }).strict();

const dateFormat = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const day = (iso: string) => dateFormat.format(new Date(`${iso}T12:00:00Z`));

/** `vakanties`: the projectleider or regiegroep picks the holiday region and edits the list. */
export class HolidayHandlers {
  constructor(
    private readonly services: Services,
  ) {}

  register(r: Router): void {
    // Every card action needs the role; `scoped` checks it before the handler runs.
    const scoped = (scope: Scope) => {
      requireRole(scope, PERMISSIONS.reminders, t.reminders.who);
      return scope;
    };
    r.addCommand({ words: ['vakanties'], handle: (ctx, scope) => this.show(scope) });
    r.addAction({ verb: HOLIDAY_VERBS.show, schema: showSchema, partnership: byPid, handle: (ctx, scope) => this.show(scoped(scope)) });
    r.addAction({ verb: HOLIDAY_VERBS.region, schema: showSchema, partnership: byPid, handle: (ctx, scope, i) => this.setRegion(scoped(scope), i.region) });
    r.addAction({ verb: HOLIDAY_VERBS.add, schema: showSchema, partnership: byPid, handle: (ctx, scope, i) => this.add(scoped(scope), i) });
    r.addAction({ verb: HOLIDAY_VERBS.remove, schema: removeSchema, partnership: byPid, handle: (ctx, scope, i) => this.remove(scoped(scope), i.key) });
  }

  private async show(scope: Scope, notice = ''): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.reminders, t.reminders.who);
    const h = t.holidays;
    const { calendar } = this.services;
    const pid = scope.partnership.id;
    const settings = await calendar.settings(pid);
    // Past holidays no longer matter for reminders; the card lists what is still to come.
    const today = isoDate(this.services.clock.now());
    const views = holidayViewsOf(settings).filter((v) => v.to >= today);
    const years = holidayFiles().map((f) => f.schoolYear).join(', ');
    return {
      card: renderCard('reminders/holidays', {
        fallback: h.title,
        title: h.title,
        intro: [notice, settings.region ? h.intro(h.regions[settings.region]!) : h.noRegion].filter(Boolean).join('\n\n'),
        source: h.source(years),
        region: settings.region ?? 'none',
        regions: [...REGIONS.map((value) => ({ value, title: h.regions[value]! })), { value: 'none', title: h.regions.none! }],
        empty: views.length ? '' : h.empty,
        holidays: views.map((v) => ({ key: v.key, line: h.line(escapeMarkdown(v.name), day(v.from), day(v.to), v.own) })),
        pid,
        limits: { name: MAX_HOLIDAY_NAME },
        verbs: { ...HOLIDAY_VERBS, back: REMINDER_VERBS.list },
        labels: h.labels,
      }),
    };
  }

  private async setRegion(scope: Scope, region: z.infer<typeof showSchema>['region']): Promise<ActionResult> {
    if (!region) throw new UserError(t.holidays.errors.region);
    await this.services.calendar.setRegion(scope.partnership.id, region === 'none' ? null : region);
    return this.show(scope, t.holidays.regionSaved);
  }

  private async add(scope: Scope, i: z.infer<typeof showSchema>): Promise<ActionResult> {
    const name = i.name?.trim();
    if (!name) throw new UserError(t.holidays.errors.name);
    const from = i.from ?? '';
    const to = i.to || from;
    if (parseLocalDateTime(from) === undefined || parseLocalDateTime(to) === undefined) throw new UserError(t.holidays.errors.date);
    if (to < from) throw new UserError(t.holidays.errors.order);
    if ((await this.services.calendar.settings(scope.partnership.id)).added.length >= MAX_OWN_HOLIDAYS) throw new UserError(t.holidays.errors.tooMany(MAX_OWN_HOLIDAYS));
    await this.services.calendar.addHoliday(scope.partnership.id, { name, from, to });
    return this.show(scope, t.holidays.added(escapeMarkdown(name)));
  }

  private async remove(scope: Scope, key: string): Promise<ActionResult> {
    if (!(await this.services.calendar.removeHoliday(scope.partnership.id, key))) throw new UserError(t.holidays.errors.gone);
    return this.show(scope, t.holidays.removed);
  }
}
