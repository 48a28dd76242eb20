import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Card } from '../core/types.js';
import type { MemberView } from '../partnership/repo.js';
import { EXPORT_CATEGORIES, type ExportEntry } from '../privacy/types.js';
import { RIGHTS_ACTIONS as A } from './verbs.js';

/** Per category at most this many lines on the card; the download has everything. */
export const SHOWN_PER_CATEGORY = 3;
const SHOWN_CHARS = 120;

const short = (v: string) => (v.length > SHOWN_CHARS ? `${v.slice(0, SHOWN_CHARS - 1)}…` : v);

/** `mijn gegevens`: per category what the bot holds, a few lines of each, and the two downloads. */
export function overviewCard(pid: string, name: string, entries: ExportEntry[]): Card {
  const categories = EXPORT_CATEGORIES.map((c) => {
    const mine = entries.filter((e) => e.category === c);
    const lines = mine.slice(0, SHOWN_PER_CATEGORY).map((e) => escapeMarkdown(`${e.label}: ${short(e.value.replace(/\s+/g, ' '))}`));
    if (mine.length > SHOWN_PER_CATEGORY) lines.push(t.privacy.more(mine.length - SHOWN_PER_CATEGORY));
    return { line: t.privacy.categoryLine(t.privacy.categories[c], mine.length), entries: lines };
  });
  return renderCard('rights/overview', {
    fallback: t.privacy.overviewTitle,
    title: t.privacy.overviewTitle,
    intro: t.privacy.overviewIntro(escapeMarkdown(name)),
    categories,
    buttons: { word: A.download.button({ pid, format: 'docx' }), json: A.download.button({ pid, format: 'json' }) },
    labels: { word: t.privacy.downloadWord, json: t.privacy.downloadJson },
  });
}

export function downloadCard(pid: string, format: 'docx' | 'json', url: string): Card {
  return renderCard('rights/download', {
    fallback: t.privacy.downloadReady,
    text: t.privacy.downloadReady,
    url,
    buttons: { again: A.download.button({ pid, format }) },
    labels: { open: t.privacy.openLink, again: format === 'docx' ? t.privacy.downloadWord : t.privacy.downloadJson },
  });
}

/** What erasing one's own data does, and the button that does it. */
export function eraseSelfCard(pid: string, stillInTeam: boolean): Card {
  return renderCard('rights/confirm', {
    fallback: t.privacy.eraseTitle,
    title: t.privacy.eraseTitle,
    intro: t.privacy.eraseIntro,
    lines: [...t.privacy.eraseLines, ...(stillInTeam ? [t.privacy.eraseStillInTeam] : [])],
    buttons: { confirm: A.erase.button({ pid, confirm: 'yes' }), cancel: A.cancel.button({ pid }) },
    labels: { confirm: t.privacy.eraseConfirm, cancel: t.privacy.cancel },
  });
}

/** The projectleider's confirmation for a member who left the Team. */
export function eraseLeaverCard(pid: string, leaver: MemberView): Card {
  const name = escapeMarkdown(leaver.name);
  return renderCard('rights/confirm', {
    fallback: t.privacy.leaverTitle(leaver.name),
    title: t.privacy.leaverTitle(name),
    intro: t.privacy.eraseIntro,
    lines: [...t.privacy.eraseLines, t.privacy.leaverLeft(name)],
    buttons: { confirm: A.leaverErase.button({ pid, memberId: leaver.id, confirm: 'yes' }), cancel: A.cancel.button({ pid }) },
    labels: { confirm: t.privacy.leaverConfirm, cancel: t.privacy.cancel },
  });
}

/** People who left the Team, to choose whose data goes. */
export function leaversCard(pid: string, leavers: MemberView[]): Card {
  return renderCard('rights/leavers', {
    fallback: t.privacy.leaversTitle,
    title: t.privacy.leaversTitle,
    intro: t.privacy.leaversIntro,
    // Choice titles are plain text, not markdown.
    leavers: leavers.map((m) => ({ id: m.id, name: m.name })),
    first: leavers[0]?.id ?? '',
    inputs: A.leaverAsk.inputs,
    buttons: { choose: A.leaverAsk.button({ pid }) },
    labels: { who: t.privacy.leaverLabel, choose: t.privacy.leaverChoose },
  });
}
