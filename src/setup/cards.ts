import { t } from '../i18n/index.js';
import { expandCard, MAX_CARD_BYTES, renderCard, utf16Bytes } from '../cards/render.js';
import { escapeMarkdown } from '../core/escape.js';
import { RUN_COMMAND } from '../core/router.js';
import type { Card, TeamChannel } from '../core/types.js';
import type { MemberView, School, Werkgroep } from '../partnership/repo.js';
import { ROLES, WERKGROEP_KINDS, werkgroepKindOf } from '../partnership/roles.js';
import { listsStamp } from '../partnership/stamp.js';
import { MAX_SCHOOLS, MAX_WERKGROEPEN, MEMBER_INPUTS, MEMBERS_PER_PAGE, SCHOOL_INPUTS, SETUP_ACTIONS as A, WERKGROEP_INPUTS } from './schemas.js';

export function basicsCard(p: { pid: string; name: string | null; schools: School[]; language?: string; notice?: string }): Card {
  const schools = Array.from({ length: MAX_SCHOOLS }, (_, i) => ({
    ids: SCHOOL_INPUTS.ids(i),
    label: t.setup.schoolLabel(i + 1),
    name: p.schools[i]?.name ?? '',
    type: p.schools[i]?.type ?? '',
  }));
  return renderCard('setup/basics', {
    fallback: t.setup.basicsTitle,
    title: t.setup.basicsTitle,
    notice: p.notice ?? '',
    intro: t.setup.basicsIntro,
    inputs: A.basics.inputs,
    buttons: { save: A.basics.button({ pid: p.pid }) },
    name: p.name ?? '',
    language: p.language === 'en' ? 'en' : 'nl',
    schools,
    limits: A.basics.limits,
    labels: {
      name: t.setup.nameLabel,
      namePlaceholder: t.setup.namePlaceholder,
      nameRequired: t.setup.errors.nameRequired,
      schoolPlaceholder: t.setup.schoolPlaceholder,
      type: t.setup.schoolTypeLabel,
      vo: t.schoolTypes.vo,
      mbo: t.schoolTypes.mbo,
      bedrijf: t.schoolTypes.bedrijf,
      language: t.setup.languageLabel,
      nl: t.setup.languages.nl,
      en: t.setup.languages.en,
      save: t.setup.basicsSave,
    },
  });
}

export function werkgroepenCard(p: { pid: string; werkgroepen: Werkgroep[]; channels: TeamChannel[] }): Card {
  const werkgroepen = Array.from({ length: MAX_WERKGROEPEN }, (_, i) => ({
    ids: WERKGROEP_INPUTS.ids(i),
    label: t.setup.werkgroepLabel(i + 1),
    name: p.werkgroepen[i]?.name ?? '',
    channel: p.werkgroepen[i]?.channel_id ?? '',
    kind: p.werkgroepen[i] ? werkgroepKindOf(p.werkgroepen[i]!.kind) : 'docentwerkgroep',
  }));
  return renderCard('setup/werkgroepen', {
    fallback: t.setup.werkgroepenTitle,
    title: t.setup.werkgroepenTitle,
    intro: t.setup.werkgroepenIntro,
    buttons: { save: A.werkgroepen.button({ pid: p.pid }) },
    werkgroepen,
    limits: A.werkgroepen.limits,
    channels: p.channels,
    labels: { channel: t.setup.channelLabel, kind: t.setup.werkgroepKindLabel, save: t.setup.basicsSave },
    kinds: WERKGROEP_KINDS.map((k) => ({ title: t.setup.werkgroepKinds[k], value: k })),
  });
}

/**
 * How many members fit on one card. Every row repeats the school and werkgroep choices,
 * so the cost of a row is measured by rendering one and two rows of a worst-case member.
 */
export function membersPerPage(schools: School[], werkgroepen: Werkgroep[]): number {
  const worst = (n: number): MemberView[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      partnershipId: '',
      userKey: '',
      teamsUserId: '',
      aadObjectId: null,
      name: 'W'.repeat(120),
      schoolId: schools[0]?.id ?? null,
      inTeam: true,
      roles: ['regiegroep', 'projectleider', 'schoolleider', 'docent'],
      werkgroepIds: werkgroepen.map((w) => w.id),
    }));
  const size = (n: number) => utf16Bytes(expandCard('setup/members', membersCardData({ pid: '00000000-0000-4000-8000-000000000000', page: 99, pages: 99, members: worst(n), schools, werkgroepen })));
  const one = size(1);
  const perRow = size(2) - one;
  const fit = Math.floor((MAX_CARD_BYTES - (one - perRow)) / perRow);
  return Math.max(1, Math.min(MEMBERS_PER_PAGE, fit));
}

export function membersCard(p: Parameters<typeof membersCardData>[0]): Card {
  return renderCard('setup/members', membersCardData(p));
}

function membersCardData(p: {
  pid: string;
  page: number;
  pages: number;
  members: MemberView[];
  schools: School[];
  werkgroepen: Werkgroep[];
}): Record<string, unknown> {
  const button = { pid: p.pid, page: p.page, ids: p.members.map((m) => m.id).join(','), lists: listsStamp(p.schools, p.werkgroepen) };
  return {
    fallback: t.setup.membersTitle(p.page, p.pages),
    title: t.setup.membersTitle(p.page, p.pages),
    intro: t.setup.membersIntro,
    page: p.page,
    pages: p.pages,
    buttons: { prev: A.members.button({ ...button, nav: 'prev' }), next: A.members.button({ ...button, nav: 'next' }), done: A.members.button({ ...button, nav: 'done' }) },
    members: p.members.map((m, i) => ({
      ids: MEMBER_INPUTS.ids(i),
      name: escapeMarkdown(m.name),
      roles: m.roles.join(','),
      school: schoolIndex(p.schools, m.schoolId),
      werkgroepen: m.werkgroepIds.map((id) => `w${p.werkgroepen.findIndex((w) => w.id === id)}`).filter((v) => v !== 'w-1').join(','),
    })),
    roleChoices: ROLES.map((r) => ({ title: t.roles[r], value: r })),
    // Choices carry short positional values ("s0", "w2") because every row repeats them;
    // `lists` (in the buttons' data) lets the server check that the lists did not change since the card was made.
    schoolChoices: [{ title: t.setup.noSchool, value: 'none' }, ...p.schools.map((s, i) => ({ title: s.name, value: `s${i}` }))],
    hasWerkgroepen: p.werkgroepen.length > 0,
    werkgroepChoices: p.werkgroepen.map((w, i) => ({ title: w.name, value: `w${i}` })),
    labels: {
      roles: t.setup.rolesLabel,
      school: t.setup.schoolFieldLabel,
      werkgroepen: t.setup.werkgroepenFieldLabel,
      previous: t.setup.previous,
      next: t.setup.nextPage,
      done: t.setup.finish,
    },
  };
}

function schoolIndex(schools: School[], id: string | null): string {
  const i = id ? schools.findIndex((s) => s.id === id) : -1;
  return i >= 0 ? `s${i}` : 'none';
}

export function doneCard(p: { name: string; schools: number; members: number; werkgroepen: number }): Card {
  return renderCard('setup/done', {
    fallback: t.setup.doneTitle,
    title: t.setup.doneTitle,
    text: t.setup.doneText(escapeMarkdown(p.name), p.schools, p.members, p.werkgroepen),
    labels: { change: t.setup.changeAgain, help: t.install.buttonHelp },
    buttons: { change: RUN_COMMAND.button({ command: 'instellen' }), help: RUN_COMMAND.button({ command: 'help' }) },
  });
}

/** Most people offered on the successor card; fewer when long names would make it too heavy. */
export const MAX_SUCCESSOR_CHOICES = 100;

/**
 * The regiegroep's 1:1 card to choose the next projectleider from the current members. People
 * who already hold a role come first; a very large Team is cut to what fits in one card.
 * Choice titles are plain text (not markdown), so names go in as they are.
 */
export function successorCard(p: { pid: string; members: MemberView[] }): Card {
  const ordered = [...p.members].sort((a, b) => Number(b.roles.length > 0) - Number(a.roles.length > 0) || a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
  const data = (n: number) => ({
    fallback: t.setup.successorTitle,
    title: t.setup.successorTitle,
    text: t.setup.successorText,
    form: true,
    inputs: A.successor.inputs,
    buttons: { choose: A.successor.button({ pid: p.pid }) },
    choices: ordered.slice(0, n).map((m) => ({ title: m.name, value: m.id })),
    more: n < ordered.length ? t.setup.successorMore(n, ordered.length) : '',
    labels: { member: t.setup.successorLabel, required: t.setup.successorRequired, choose: t.setup.successorChoose },
  });
  let n = Math.min(ordered.length, MAX_SUCCESSOR_CHOICES);
  while (n > 1 && utf16Bytes(expandCard('setup/successor', data(n))) > MAX_CARD_BYTES) n--;
  return renderCard('setup/successor', data(n));
}

/** What the successor card turns into once someone is chosen (by this click or an earlier one). */
export function successorDoneCard(text: string): Card {
  return renderCard('setup/successor', {
    fallback: t.setup.successorDoneTitle,
    title: t.setup.successorDoneTitle,
    text,
    form: false,
    choices: [],
    more: '',
    labels: {},
  });
}
