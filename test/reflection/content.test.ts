import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instrumentSchema } from '../../src/reflection/content/schema.js';
import { instrumentVersions, instrumentView, loadInstrument } from '../../src/reflection/content/index.js';

// The source texts live in shared/ beside the checkout (as on every machine and in CI).
const SEEDS = process.env.SEEDS_DIR ?? path.resolve(__dirname, '../../../shared/seeds');

function seedLines(file: string): string[] {
  return fs.readFileSync(path.join(SEEDS, file), 'utf8').split('\n');
}

/** Words of five letters or more, lower case, without punctuation. */
const words = (s: string) => (s.toLowerCase().match(/[a-zà-ÿ]{5,}/g) ?? []).filter((w) => !['binnen', 'mijn', 'school', 'scholen'].includes(w));

describe('reflection instrument content', () => {
  it('v1 validates and has five conditions, three domains and the achtje, in nine cards', () => {
    expect(instrumentVersions()).toContain('1');
    const inst = loadInstrument('1');
    expect(inst.conditions.map((c) => c.name)).toEqual([
      'Werken aan een gedeelde ambitie',
      'Recht doen aan belangen',
      'Aandacht voor persoonlijke relaties',
      'Het professioneel organiseren van de samenwerking',
      'Ontwerpen van een passend proces',
    ]);
    expect(inst.domains.map((d) => d.name)).toEqual(['Inhoud', 'Samenwerking', 'Verankering']);
    expect(instrumentView('1').parts.map((p) => p.items.length)).toEqual([6, 6, 6, 6, 5, 3, 3, 4, 6]);
  });

  it('rejects content that breaks the rules', () => {
    const raw = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../src/reflection/content/v1.json'), 'utf8'));
    expect(instrumentSchema.safeParse(raw).success).toBe(true);
    const twoStatements = structuredClone(raw);
    twoStatements.conditions[0].statements = twoStatements.conditions[0].statements.slice(0, 2);
    expect(instrumentSchema.safeParse(twoStatements).success).toBe(false);
    const duplicate = structuredClone(raw);
    duplicate.conditions[1].statements[0].id = 'c1.s1';
    expect(instrumentSchema.safeParse(duplicate).success).toBe(false);
  });

  it('every citation points at a line of the seed that says something the item says', () => {
    const inst = loadInstrument('1');
    const cited: Array<{ text: string; source: { seed: string; line: number } }> = [
      ...[...inst.conditions, ...inst.domains].flatMap((g) => [
        { text: g.name, source: g.source },
        ...g.statements.map((s) => ({ text: s.text, source: s.source })),
      ]),
    ];
    for (const c of cited) {
      const lines = seedLines(c.source.seed);
      expect(c.source.line).toBeLessThanOrEqual(lines.length);
      const near = lines.slice(Math.max(0, c.source.line - 4), c.source.line + 3).join(' ').toLowerCase();
      const hit = words(c.text).some((w) => near.includes(w.slice(0, 6)));
      expect(hit, `${c.text} @ ${c.source.line}`).toBe(true);
    }
  });
});
