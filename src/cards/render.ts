import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as templating from 'adaptivecards-templating';
import type { Card } from '../core/types.js';
import { currentLanguage, t } from '../i18n/index.js';

/**
 * Cards are JSON templates under cards/<flow>/<name>.json plus data. User text only ever
 * enters as template data, so it can never change the card's structure.
 */

const CARDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cards');
const cache = new Map<string, object>();
const templates = new Map<string, InstanceType<TemplateCtor>>();

type TemplateCtor = new (payload: object) => { expand(context: { $root: unknown }): unknown };
const Template: TemplateCtor =
  (templating as unknown as { Template?: TemplateCtor }).Template ??
  (templating as unknown as { default: { Template: TemplateCtor } }).default.Template;

export function loadTemplate(name: string): object {
  let tpl = cache.get(name);
  if (!tpl) {
    tpl = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as object;
    cache.set(name, tpl);
  }
  return tpl;
}

export const CARD_VERSION = '1.5';
/** Our own ceiling per card (Teams allows about 100 KB per message; we stay far below). */
export const MAX_CARD_BYTES = 28 * 1024;
export const MAX_MESSAGE_BYTES = 80 * 1024;

/** Size as Teams counts it: UTF-16 code units, two bytes each. */
export function utf16Bytes(value: unknown): number {
  return JSON.stringify(value).length * 2;
}

/** Expands a template without the size check; for measuring. */
export function expandCard(name: string, data: Record<string, unknown>): Card {
  let template = templates.get(name);
  if (!template) {
    template = new Template(loadTemplate(name));
    templates.set(name, template);
  }
  const expanded = template.expand({ $root: data }) as Card;
  const card: Card = {
    ...expanded,
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
  };
  if (typeof card.fallbackText !== 'string') card.fallbackText = t.common.cardFallback;
  return card;
}

/** Recently rendered cards by template and data, as JSON. */
const rendered = new Map<string, string>();
const RENDERED_MAX = 256;
/** Data longer than this (a voortgang card, a summary) rarely comes twice and is not kept. */
const RENDERED_MAX_KEY = 8 * 1024;

function keyOf(name: string, data: Record<string, unknown>): string | undefined {
  try {
    // The language is part of the key: the default fallback text is in it, and so may be
    // anything a template adds that is not in its data.
    return `${currentLanguage()}\u0000${name}\u0000${JSON.stringify(data)}`;
  } catch {
    return undefined; // data JSON cannot hold (a cycle, a bigint): rendered every time
  }
}

/**
 * Expands a template with its size checked. Expansion evaluates every `${…}` through
 * adaptive-expressions, which costs more than the rest of a help turn's work; the same
 * template with the same data always gives the same card (our templates call no clock or
 * random functions), so a card asked for again (help for the same roles, the same question
 * page) is a copy of the one kept. Each caller gets its own copy.
 */
export function renderCard(name: string, data: Record<string, unknown>): Card {
  const key = keyOf(name, data);
  const kept = key === undefined ? undefined : rendered.get(key);
  if (key !== undefined && kept !== undefined) {
    rendered.delete(key);
    rendered.set(key, kept);
    return JSON.parse(kept) as Card;
  }
  const card = expandCard(name, data);
  const json = JSON.stringify(card);
  // The same count as utf16Bytes: UTF-16 code units, two bytes each.
  const size = json.length * 2;
  if (size > MAX_CARD_BYTES) throw new Error(`Card ${name} is ${size} bytes, over the ${MAX_CARD_BYTES} limit`);
  if (key !== undefined && key.length <= RENDERED_MAX_KEY) {
    if (rendered.size >= RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, json);
  }
  return card;
}
