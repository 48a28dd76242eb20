import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import { escapeMarkdown } from '../bot/escape.js';
import { VERBS } from '../bot/router.js';
import type { Card, TeamChannel } from '../bot/types.js';
import type { MemberView, School, Werkgroep } from '../partnership/repo.js';
import { ROLES } from '../partnership/roles.js';
import { MAX_SCHOOLS, MAX_WERKGROEPEN, SETUP_VERBS } from './schemas.js';

export function basicsCard(p: { pid: string; name: string | null; schools: School[]; notice?: string }): Card {
  const schools = Array.from({ length: MAX_SCHOOLS }, (_, i) => ({
    label: t.setup.schoolLabel(i + 1),
    name: p.schools[i]?.name ?? '',
    type: p.schools[i]?.type ?? '',
  }));
  return renderCard('setup/basics', {
    fallback: t.setup.basicsTitle,
    title: t.setup.basicsTitle,
    notice: p.notice ?? '',
    intro: t.setup.basicsIntro,
    verb: SETUP_VERBS.basics,
    pid: p.pid,
    name: p.name ?? '',
    schools,
    labels: {
      name: t.setup.nameLabel,
      namePlaceholder: t.setup.namePlaceholder,
      nameRequired: t.setup.errors.nameRequired,
      schoolPlaceholder: t.setup.schoolPlaceholder,
      type: t.setup.schoolTypeLabel,
      vo: t.schoolTypes.vo,
      mbo: t.schoolTypes.mbo,
      bedrijf: t.schoolTypes.bedrijf,
      save: t.setup.basicsSave,
    },
  });
}

export function werkgroepenCard(p: { pid: string; werkgroepen: Werkgroep[]; channels: TeamChannel[] }): Card {
  const werkgroepen = Array.from({ length: MAX_WERKGROEPEN }, (_, i) => ({
    label: t.setup.werkgroepLabel(i + 1),
    name: p.werkgroepen[i]?.name ?? '',
    channel: p.werkgroepen[i]?.channel_id ?? '',
  }));
  return renderCard('setup/werkgroepen', {
    fallback: t.setup.werkgroepenTitle,
    title: t.setup.werkgroepenTitle,
    intro: t.setup.werkgroepenIntro,
    verb: SETUP_VERBS.werkgroepen,
    pid: p.pid,
    werkgroepen,
    channels: p.channels,
    labels: { channel: t.setup.channelLabel, save: t.setup.basicsSave },
  });
}

export function membersCard(p: {
  pid: string;
  page: number;
  pages: number;
  members: MemberView[];
  schools: School[];
  werkgroepen: Werkgroep[];
}): Card {
  return renderCard('setup/members', {
    fallback: t.setup.membersTitle(p.page, p.pages),
    title: t.setup.membersTitle(p.page, p.pages),
    intro: t.setup.membersIntro,
    verb: SETUP_VERBS.members,
    pid: p.pid,
    page: p.page,
    pages: p.pages,
    ids: p.members.map((m) => m.id).join(','),
    members: p.members.map((m) => ({
      name: escapeMarkdown(m.name),
      roles: m.roles.join(','),
      school: m.schoolId ?? 'none',
      werkgroepen: m.werkgroepIds.join(','),
    })),
    roleChoices: ROLES.map((r) => ({ title: t.roles[r], value: r })),
    schoolChoices: [{ title: t.setup.noSchool, value: 'none' }, ...p.schools.map((s) => ({ title: s.name, value: s.id }))],
    hasWerkgroepen: p.werkgroepen.length > 0,
    werkgroepChoices: p.werkgroepen.map((w) => ({ title: w.name, value: w.id })),
    labels: {
      roles: t.setup.rolesLabel,
      school: t.setup.schoolFieldLabel,
      werkgroepen: t.setup.werkgroepenFieldLabel,
      previous: t.setup.previous,
      next: t.setup.nextPage,
      done: t.setup.finish,
    },
  });
}

export function doneCard(p: { name: string; schools: number; members: number; werkgroepen: number }): Card {
  return renderCard('setup/done', {
    fallback: t.setup.doneTitle,
    title: t.setup.doneTitle,
    text: t.setup.doneText(escapeMarkdown(p.name), p.schools, p.members, p.werkgroepen),
    verb: VERBS.runCommand,
    buttons: { change: t.setup.changeAgain, help: t.install.buttonHelp },
  });
}
