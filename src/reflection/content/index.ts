import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InstrumentPartView, InstrumentView } from '../model.js';
import { instrumentSchema, type Instrument } from './schema.js';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, Instrument>();

/** Every shipped version; a new file v2.json becomes the latest without touching old runs. */
export function instrumentVersions(): string[] {
  return fs
    .readdirSync(DIR)
    .map((f) => /^v(\d+)\.json$/.exec(f)?.[1])
    .filter((v): v is string => Boolean(v))
    .sort((a, b) => Number(a) - Number(b));
}

export function latestInstrumentVersion(): string {
  return instrumentVersions().at(-1)!;
}

export function loadInstrument(version: string): Instrument {
  let inst = cache.get(version);
  if (!inst) {
    if (!/^\d+$/.test(version)) throw new Error(`bad instrument version ${version}`);
    inst = instrumentSchema.parse(JSON.parse(fs.readFileSync(path.join(DIR, `v${version}.json`), 'utf8')));
    cache.set(version, inst);
  }
  return inst;
}

export const commentIds = (groupId: string) => ({ good: `${groupId}.good`, change: `${groupId}.change` });
export const achtjeIds = (layer: string) => ({ own: `a.${layer}.own`, partner: `a.${layer}.partner` });

/** The instrument as cards: one part per condition (with its two open questions), per domain, and the achtje. */
export function instrumentView(version: string): InstrumentView {
  const inst = loadInstrument(version);
  const groupPart = (g: Instrument['conditions'][number], withComments: boolean): InstrumentPartView => ({
    id: g.id,
    title: g.name,
    items: [
      ...g.statements.map((s) => ({ id: s.id, kind: 'scale' as const, text: s.text })),
      ...(withComments
        ? [
            { id: commentIds(g.id).good, kind: 'comment' as const, text: inst.comments.good.replace('{name}', g.name.toLowerCase()) },
            { id: commentIds(g.id).change, kind: 'comment' as const, text: inst.comments.change.replace('{name}', g.name.toLowerCase()) },
          ]
        : []),
    ],
  });
  return {
    version: inst.version,
    parts: [
      ...inst.conditions.map((c) => groupPart(c, true)),
      ...inst.domains.map((d) => groupPart(d, false)),
      {
        id: 'achtje',
        title: 'Het achtje: afstemming binnen en tussen de scholen',
        items: inst.achtje.layers.flatMap((l) => [
          { id: achtjeIds(l.id).own, kind: 'scale' as const, text: l.own },
          { id: achtjeIds(l.id).partner, kind: 'scale' as const, text: l.partner },
        ]),
      },
    ],
  };
}
