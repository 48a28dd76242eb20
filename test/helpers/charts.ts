import fs from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';

const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as new (o: object) => import('ajv').default;

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../cards/common/charts.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
const validateChart = ajv.compile(schema);

type Json = Record<string, unknown>;

/** Every element in a card whose type starts with "Chart.", wherever it sits. */
export function chartElements(card: unknown): Json[] {
  const found: Json[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (typeof o.type === 'string' && o.type.startsWith('Chart.')) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The schema's complaints about each chart in the card, empty when all are valid. */
export function chartErrors(card: unknown): string[] {
  return chartElements(card).flatMap((c) => {
    const ok: boolean = validateChart(c);
    return ok ? [] : [`${String(c.type)}: ${ajv.errorsText(validateChart.errors)}`];
  });
}

/**
 * Renders the card with the official renderer and returns the text it shows. Needs a DOM: call
 * it from a test file that runs in vitest's jsdom environment (`// @vitest-environment jsdom`,
 * jsdom 26 as installed).
 */
export async function renderWithAdaptiveCards(card: unknown): Promise<{ text: string; html: string; warnings: string[] }> {
  // The DOM types are not in this project's lib (Node only): the few used are typed here.
  type El = { textContent: string | null; outerHTML: string };
  const g = globalThis as unknown as { document?: { body: { replaceChildren(e: unknown): void } }; HTMLElement?: { prototype: object } };
  const document = g.document;
  const HTMLElement = g.HTMLElement;
  if (!document || !HTMLElement) throw new Error('renderWithAdaptiveCards needs the jsdom test environment');
  // jsdom has no innerText, which the renderer uses for plain text: map it to textContent.
  if (!Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'innerText')) {
    Object.defineProperty(HTMLElement.prototype, 'innerText', {
      get(this: El) {
        return this.textContent ?? '';
      },
      set(this: El, value: string) {
        this.textContent = value;
      },
      configurable: true,
    });
  }
  const AC = await import('adaptivecards');
  const adaptive = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptive.parse(card as object, context);
  const warnings: string[] = [];
  for (let i = 0; i < context.eventCount; i++) warnings.push(context.getEventAt(i).message);
  const element = adaptive.render() as unknown as El | undefined;
  if (!element) throw new Error('adaptivecards rendered nothing');
  document.body.replaceChildren(element);
  return { text: element.textContent ?? '', html: element.outerHTML, warnings };
}
