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
import { holidayFiles, holidayKey, REGIONS } from '../calendar/holidays/index.js';
import { holidayViewsOf, holidayYears, type PartnershipSettings } from '../calendar/calendar.js';
import type { Holiday } from '../calendar/schedule.js';
import type { School } from '../partnership/repo.js';
import { OPTIONAL_HOLIDAYS, publicHolidays } from '../calendar/publicHolidays.js';
import { HOLIDAY_ACTIONS as A, MAX_HOLIDAY_NAME, REMINDER_ACTIONS, type HolidayInput } from './verbs.js';

export { MAX_HOLIDAY_NAME };

/** Own days a partnership can add; more would not fit on the card. */
export const MAX_OWN_HOLIDAYS = 30;
/** Own weeks per mbo school (a school year has about ten holidays and study days). */
export const MAX_SCHOOL_HOLIDAYS = 20;
/** Own weeks of mbo schools shown on the card (the earliest to come), so it stays under 28 KB. */
export const MAX_SCHOOL_LINES = 20;
/** How many lines a too-big card drops before it is rendered again. */
const LINES_DROPPED_PER_TRY = 3;
/** Public holidays listed on the card: those of the coming year. */
const PUBLIC_AHEAD_DAYS = 365;

const dateFormat = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const day = (iso: string) => dateFormat.format(new Date(`${iso}T12:00:00Z`));
const weekday = (iso: string) => ![0, 6].includes(new Date(`${iso}T12:00:00Z`).getUTCDay());

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
    r.addAction({ verb: A.optional.verb, schema: A.optional.schema, partnership: byPid, handle: (ctx, scope, i) => this.setOptional(scoped(scope), i) });
    r.addAction({ verb: A.schoolAdd.verb, schema: A.schoolAdd.schema, partnership: byPid, handle: (ctx, scope, i) => this.addForSchool(scoped(scope), i) });
    r.addAction({ verb: A.schoolRemove.verb, schema: A.schoolRemove.schema, partnership: byPid, handle: (ctx, scope, i) => this.removeForSchool(scoped(scope), i.schoolId, i.key) });
  }

  /** The partnership's mbo schools: only they set their own holidays. */
  private async mboSchools(pid: string) {
    return (await this.services.repo.schools(pid)).filter((s) => s.type === 'mbo');
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
    const yearAhead = isoDate(this.services.clock.now() + PUBLIC_AHEAD_DAYS * 86_400_000);
    const feestdagen = (await publicHolidays(holidayYears(this.services.clock.now()), settings.optional)).filter((f) => f.from >= today && f.from <= yearAhead && weekday(f.from));
    const mbo = await this.mboSchools(pid);
    const schoolWeeks = mbo.flatMap((school) => (settings.schoolWeeks[school.id] ?? []).filter((w) => w.to >= today).map((w) => ({ school, w }))).sort((a, b) => a.w.from.localeCompare(b.w.from));
    const allSchoolLines = schoolWeeks.map(({ school, w }) => ({ remove: A.schoolRemove.button({ pid, schoolId: school.id, key: holidayKey(w) }), line: h.schoolLine(escapeMarkdown(school.name), escapeMarkdown(w.name), day(w.from), day(w.to)) }));
    const allLines = views.map((v) => ({ remove: A.remove.button({ pid, key: v.key }), line: h.line(escapeMarkdown(v.name), day(v.from), day(v.to), v.own, v.kind) }));
    // The earliest to come are listed; when long names would make the card too big for Teams
    // (28 KB), the latest are left out and counted, a few at a time, until it fits.
    let shown = allLines.length;
    let schoolShown = Math.min(allSchoolLines.length, MAX_SCHOOL_LINES);
    for (;;) {
      try {
        return { card: this.render(scope, notice, settings, years, feestdagen, mbo, allLines.slice(0, shown), allLines.length - shown, allSchoolLines.slice(0, schoolShown), allSchoolLines.length - schoolShown) };
      } catch (err) {
        if (!(err instanceof Error && /over the \d+ limit/.test(err.message)) || shown + schoolShown === 0) throw err;
        if (shown >= schoolShown) shown = Math.max(0, shown - LINES_DROPPED_PER_TRY);
        else schoolShown = Math.max(0, schoolShown - LINES_DROPPED_PER_TRY);
      }
    }
  }

  private render(
    scope: Scope,
    notice: string,
    settings: PartnershipSettings,
    years: string,
    feestdagen: Holiday[],
    mbo: School[],
    lines: Array<{ remove: unknown; line: string }>,
    hidden: number,
    schoolLines: Array<{ remove: unknown; line: string }>,
    schoolHidden: number,
  ) {
    const h = t.holidays;
    const pid = scope.partnership.id;
    return renderCard('reminders/holidays', {
      fallback: h.title,
      title: h.title,
      intro: [notice, settings.region ? h.intro(h.regions[settings.region]!) : h.noRegion].filter(Boolean).join('\n\n'),
      source: h.source(years),
      region: settings.region ?? 'none',
      regions: [...REGIONS.map((value) => ({ value, title: h.regions[value]! })), { value: 'none', title: h.regions.none! }],
      empty: lines.length || hidden ? '' : h.empty,
      holidays: lines,
      more: hidden ? h.more(hidden) : '',
      publicIntro: h.publicIntro,
      publicNext: h.publicNext(feestdagen.map((f) => `${f.name} ${day(f.from)}`).join(', ')),
      goedeVrijdag: settings.optional.includes('goedeVrijdag') ? 'true' : 'false',
      bevrijdingsdag: settings.optional.includes('bevrijdingsdag') ? 'true' : 'false',
      hasMbo: mbo.length > 0,
      schoolIntro: h.schoolIntro,
      schools: mbo.map((school) => ({ value: school.id, title: school.name })),
      firstSchool: mbo[0]?.id ?? '',
      schoolEmpty: schoolLines.length || schoolHidden ? '' : h.schoolEmpty,
      schoolMore: schoolHidden ? h.schoolMore(schoolHidden) : '',
      schoolHolidays: schoolLines,
      inputs: A.add.inputs,
      limits: A.add.limits,
      buttons: {
        region: A.region.button({ pid }),
        add: A.add.button({ pid }),
        optional: A.optional.button({ pid }),
        schoolAdd: A.schoolAdd.button({ pid }),
        back: REMINDER_ACTIONS.list.button({ pid }),
      },
      labels: { ...h.labels, publicHeading: h.publicHeading, schoolHeading: h.schoolHeading },
    });
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

  private async setOptional(scope: Scope, i: HolidayInput): Promise<ActionResult> {
    // An unset toggle is left out by Teams: it counts as off.
    await this.services.calendar.setOptional(scope.partnership.id, OPTIONAL_HOLIDAYS.filter((o) => i[o] === 'true'));
    return this.show(scope, t.holidays.optionalSaved);
  }

  private async addForSchool(scope: Scope, i: HolidayInput): Promise<ActionResult> {
    const pid = scope.partnership.id;
    // The school id comes from the card: it must be one of this partnership's mbo schools.
    const school = (await this.mboSchools(pid)).find((s) => s.id === i.school);
    if (!school) throw new UserError(t.holidays.errors.school);
    const name = i.schoolName?.trim();
    if (!name) throw new UserError(t.holidays.errors.name);
    const from = i.schoolFrom ?? '';
    const to = i.schoolTo || from;
    if (parseLocalDateTime(from) === undefined || parseLocalDateTime(to) === undefined) throw new UserError(t.holidays.errors.date);
    if (to < from) throw new UserError(t.holidays.errors.order);
    if (((await this.services.calendar.settings(pid)).schoolWeeks[school.id] ?? []).length >= MAX_SCHOOL_HOLIDAYS) throw new UserError(t.holidays.errors.schoolTooMany(MAX_SCHOOL_HOLIDAYS));
    await this.services.calendar.addSchoolHoliday(pid, school.id, { name, from, to });
    return this.show(scope, t.holidays.schoolAdded(escapeMarkdown(name), escapeMarkdown(school.name)));
  }

  private async removeForSchool(scope: Scope, schoolId: string, key: string): Promise<ActionResult> {
    const pid = scope.partnership.id;
    if (!(await this.mboSchools(pid)).some((s) => s.id === schoolId) || !(await this.services.calendar.removeSchoolHoliday(pid, schoolId, key))) throw new UserError(t.holidays.errors.schoolGone);
    return this.show(scope, t.holidays.removed);
  }

  private async remove(scope: Scope, key: string): Promise<ActionResult> {
    if (!(await this.services.calendar.removeHoliday(scope.partnership.id, key))) throw new UserError(t.holidays.errors.gone);
    return this.show(scope, t.holidays.removed);
  }
}
