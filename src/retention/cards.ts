import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Card } from '../core/types.js';
import { ENDING_ACTIONS as A } from './verbs.js';

/** What the projectleider must type to delete the partnership: its name, or a word when it has none. */
export function confirmationWord(name: string | null): string {
  return name?.trim() || t.ending.unnamedWord;
}

/** The confirmation card of `partnerschap verwijderen`: says what goes and asks for the name. */
export function deletePartnershipCard(pid: string, name: string | null): Card {
  const shown = escapeMarkdown(confirmationWord(name));
  return renderCard('retention/delete-partnership', {
    fallback: t.ending.title,
    title: t.ending.title,
    text: t.ending.text(shown),
    typeName: t.ending.typeName(shown),
    inputs: A.confirmDelete.inputs,
    limits: A.confirmDelete.limits,
    buttons: { confirm: A.confirmDelete.button({ pid }) },
    labels: { name: t.ending.nameLabel, required: t.ending.nameRequired, confirm: t.ending.confirm },
  });
}
