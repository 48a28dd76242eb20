import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Card } from '../core/types.js';
import type { School, Werkgroep } from '../partnership/repo.js';
import { formatDateTime, isoDate } from '../time/amsterdam.js';
import { DONT_KNOW, LAYERS, type InstrumentView, type Layer } from './model.js';
import type { Progress, Run, StoredAnswer } from './repo.js';
import { ITEM_INPUTS, REFLECTION_ACTIONS as A } from './verbs.js';

export function startCard(p: { pid: string; lists: string; werkgroepen: Werkgroep[]; now: number; minGroup: number }): Card {
  return renderCard('reflection/start', {
    fallback: t.reflection.startTitle,
    title: t.reflection.startTitle,
    intro: `${t.reflection.startIntro} ${t.reflection.minGroupNote(p.minGroup)}`,
    inputs: A.start.inputs,
    buttons: { start: A.start.button({ pid: p.pid, lists: p.lists }) },
    date: isoDate(p.now + 14 * 24 * 3600_000),
    groups: [{ title: t.reflection.wholePartnership, value: 'all' }, ...p.werkgroepen.map((w, i) => ({ title: t.reflection.werkgroep(w.name), value: `w${i}` }))],
    labels: {
      who: t.reflection.whoLabel,
      date: t.reflection.deadlineDate,
      time: t.reflection.deadlineTime,
      perSchool: t.reflection.perSchoolLabel,
      nudges: t.reflection.nudgesLabel,
      start: t.reflection.startButton,
    },
  });
}

export function scopeName(run: Run, werkgroepen: Werkgroep[]): string {
  const w = run.werkgroep_id ? werkgroepen.find((x) => x.id === run.werkgroep_id) : undefined;
  return w ? t.reflection.werkgroep(w.name) : t.reflection.wholePartnership;
}

/** The shared channel card: rendered from the database every time, so any process can update it. */
export function progressCard(run: Run, progress: Progress, schools: School[], werkgroepen: Werkgroep[]): Card {
  const open = run.status === 'open';
  const names = new Map(schools.map((s) => [s.id, s.name]));
  const schoolLines = progress.perSchool
    .map((s) => ({ name: s.schoolId ? (names.get(s.schoolId) ?? t.reflection.noSchool) : t.reflection.noSchool, ...s }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    .map((s) => t.reflection.schoolLine(escapeMarkdown(s.name), s.answered, s.invited));
  return renderCard('reflection/progress', {
    fallback: open ? t.reflection.startedTitle : t.reflection.closedTitle,
    title: open ? t.reflection.startedTitle : t.reflection.closedTitle,
    text: t.reflection.startedText(escapeMarkdown(scopeName(run, werkgroepen)), formatDateTime(Number(run.deadline_at))),
    progress: t.reflection.progressLine(progress.answered, progress.invited),
    schools: schoolLines,
    buttons: { open: A.open.button({ runId: run.id }) },
    open,
    labels: { fillIn: t.reflection.fillIn },
  });
}

export function partCard(p: {
  run: Run;
  instrument: InstrumentView;
  part: number;
  answers: StoredAnswer[];
  askSchool: boolean;
  askLayer: boolean;
  schools: School[];
}): Card {
  const part = p.instrument.parts[p.part]!;
  const byItem = new Map(p.answers.map((a) => [a.itemId, a]));
  const last = p.part === p.instrument.parts.length - 1;
  const button = { runId: p.run.id, part: p.part, v: p.instrument.version };
  return renderCard('reflection/part', {
    fallback: part.title,
    title: t.reflection.partTitle(p.part + 1, p.instrument.parts.length, part.title),
    intro: part.intro ?? '',
    part: p.part,
    inputs: A.part.inputs,
    limits: A.part.limits,
    buttons: {
      prev: A.part.button({ ...button, nav: 'prev' }),
      next: A.part.button({ ...button, nav: 'next' }),
      later: A.part.button({ ...button, nav: 'later' }),
    },
    askSchool: p.askSchool,
    askLayer: p.askLayer,
    schoolChoices: [...p.schools.map((s, i) => ({ title: s.name, value: `s${i}` })), { title: t.reflection.noSchool, value: 'none' }],
    layerChoices: LAYERS.map((l) => ({ title: t.reflection.layerChoice(t.reflection.layers[l], t.reflection.layerHints[l]), value: l })),
    scaleChoices: [...t.reflection.scale.map((title, i) => ({ title: `${i + 1} ${title}`, value: String(i + 1) })), { title: t.reflection.dontKnow, value: String(DONT_KNOW) }],
    items: part.items.map((item, i) => {
      const a = byItem.get(item.id);
      const value = item.kind === 'comment' ? (a?.text ?? '') : a ? String(a.value ?? DONT_KNOW) : '';
      return { kind: item.kind, id: ITEM_INPUTS.id(i), text: item.text, value };
    }),
    labels: {
      profileSchool: t.reflection.profileSchool,
      profileLayer: t.reflection.profileLayer,
      choose: t.reflection.choose,
      commentPlaceholder: t.reflection.commentPlaceholder,
      previous: t.reflection.previous,
      next: last ? t.reflection.toOverview : t.reflection.saveNext,
      later: t.reflection.later,
    },
  });
}

const OVERVIEW_TEXT_LIMIT = 160;

export function overviewCard(p: { run: Run; instrument: InstrumentView; answers: StoredAnswer[] }): Card {
  const byItem = new Map(p.answers.map((a) => [a.itemId, a]));
  return renderCard('reflection/overview', {
    fallback: t.reflection.overviewTitle,
    title: t.reflection.overviewTitle,
    intro: t.reflection.overviewIntro,
    buttons: { send: A.send.button({ runId: p.run.id, v: p.instrument.version }) },
    open: p.run.status === 'open',
    parts: p.instrument.parts.map((part, index) => ({
      title: part.title,
      button: t.reflection.change(part.title),
      action: A.part.button({ runId: p.run.id, part: index, v: p.instrument.version, nav: 'open' }),
      answers: part.items.map((item) => {
        const a = byItem.get(item.id);
        let answer: string = t.reflection.notAnswered;
        if (a && item.kind === 'comment') {
          // Long comments are cut here to keep the card small; the part card shows them whole.
          const text = a.text ?? '';
          answer = escapeMarkdown(text.length > OVERVIEW_TEXT_LIMIT ? `${text.slice(0, OVERVIEW_TEXT_LIMIT)}…` : text);
        } else if (a) {
          answer = a.value === null ? t.reflection.dontKnow : `${a.value} ${t.reflection.scale[a.value - 1]}`;
        }
        return { question: item.text, answer };
      }),
    })),
    labels: { send: t.reflection.send },
  });
}

export type { Layer };
