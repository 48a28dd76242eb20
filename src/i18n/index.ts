import { AsyncLocalStorage } from 'node:async_hooks';
import { nl, type Catalogue } from './nl.js';
import { en } from './en.js';

/**
 * The language is a setting, not the activity's locale: the Agents Playground sends en-US on
 * every activity and proactive channel messages carry none. A partnership has a default
 * (Dutch unless changed on the setup card), used for what goes to its channels; a person may
 * choose their own (`taal engels` / `taal nederlands`) for what goes to their 1:1 chat.
 *
 * The router runs each turn's handler inside `withLanguage` (src/core/router.ts picks which
 * language from where the answer goes); jobs run inside the language of their partnership.
 * Outside any of those (module load, tests) the language is Dutch.
 */
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';

const CATALOGUES: Record<Language, Catalogue> = { nl, en };
const current = new AsyncLocalStorage<Language>();

export function isLanguage(value: unknown): value is Language {
  return value === 'nl' || value === 'en';
}

/** The language of the work in progress: the turn's, the proactive send's, or Dutch. */
export function currentLanguage(): Language {
  return current.getStore() ?? DEFAULT_LANGUAGE;
}

/** Runs `fn` (and everything it starts, awaited or not) in `language`. */
export function withLanguage<T>(language: string | null | undefined, fn: () => T): T {
  return current.run(isLanguage(language) ? language : DEFAULT_LANGUAGE, fn);
}

/** The catalogue of a language, for code that must name one (tests, a card for another person). */
export function catalogueOf(language: Language): Catalogue {
  return CATALOGUES[language];
}

/**
 * A view on a part of the current catalogue: every property read goes to the catalogue of
 * the language in force at that moment, so a holder made once (at registration) still speaks
 * the language of the turn that uses it.
 */
export function view<T extends object>(pick: (c: Catalogue) => T): T {
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(pick(CATALOGUES[currentLanguage()]), key),
    has: (_target, key) => Reflect.has(pick(CATALOGUES[currentLanguage()]), key),
    ownKeys: () => Reflect.ownKeys(pick(CATALOGUES[currentLanguage()])),
    getOwnPropertyDescriptor: (_target, key) => {
      const d = Reflect.getOwnPropertyDescriptor(pick(CATALOGUES[currentLanguage()]), key);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}

/**
 * The active catalogue: `t.help.title` reads the current language's text at the moment it is
 * read. Keep reading it where the text is used; a text copied into a module-level constant
 * stays in the language of module load (Dutch).
 */
export const t: Catalogue = view((c) => c);

export type { Catalogue };
