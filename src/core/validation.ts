import { z } from 'zod';
import { t } from '../i18n/index.js';

/**
 * Card inputs arrive as strings and unset inputs are left out (that is how Teams and the
 * Playground send them). These helpers coerce and carry Dutch messages; a message made
 * with nlMessage is shown to the user, any other failure gets the generic "could not process".
 */

const NL = 'nl:';

/** Marks a validation message as user-facing Dutch text (zod's own messages are English). */
export function nlMessage(message: string) {
  return { message: NL + message };
}

/** A trimmed optional text; empty means absent. */
export const optionalText = (max: number, field: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v),
    z.string().max(max, nlMessage(t.common.tooLong(field, max))).optional(),
  );

/** "a,b,c" (how a multi-select ChoiceSet sends its value) to a list of unique strings. */
export const commaList = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : typeof v === 'string' ? [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))] : v),
    z.array(item),
  );

/** A positive integer sent as a string, as in card data. */
export const intString = z.coerce.number().int().min(0).max(1_000_000);

export function userMessageOf(error: z.ZodError): string {
  const marked = error.issues.find((i) => i.message.startsWith(NL));
  return marked ? marked.message.slice(NL.length) : t.common.badInput;
}
