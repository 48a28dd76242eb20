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
import { HOLIDAY_ACTIONS as A, MAX_HOLIDAY_NAME, REMINDER_ACTIONS, type HolidayInput } from './verbs.js';

export { MAX_HOLIDAY_NAME };

/** Own days a partnership can add; more would not fit on the card. */
export const MAX_OWN_HOLIDAYS = 30;

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
    r.addAction({ verb: A.show.verb, schema: A.show.schema, partnership: byPid, handle: (ctx, scope) => this.show(scoped(scope)) });
    r.addAction({ verb: A.region.verb, schema: A.region.schema, partnership: byPid, handle: (ctx, scope, i) => this.setRegion(scoped(scope), i.region) });
    r.addAction({ verb: A.add.verb, schema: A.add.schema, partnership: byPid, handle: (ctx, scope, i) => this.add(scoped(scope), i) });
    r.addAction({ verb: A.remove.verb, schema: A.remove.schema, partnership: byPid, handle: (ctx, scope, i) => this.remove(scoped(scope), i.key) });
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
        holidays: views.map((v) => ({ remove: A.remove.button({ pid, key: v.key }), line: h.line(escapeMarkdown(v.name), day(v.from), day(v.to), v.own) })),
        inputs: A.add.inputs,
        limits: A.add.limits,
        buttons: { region: A.region.button({ pid }), add: A.add.button({ pid }), back: REMINDER_ACTIONS.list.button({ pid }) },
        labels: h.labels,
      }),
    };
  }

  private async setRegion(scope: Scope, region: HolidayInput['region']): Promise<ActionResult> {
    if (!region) throw new UserError(t.holidays.errors.region);
    await this.services.calendar.setRegion(scope.partnership.id, region === 'none' ? null : region);
    return this.show(scope, t.holidays.regionSaved);
  }

  private async add(scope: Scope, i: HolidayInput): Promise<ActionResult> {
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
