import { describe, expect, it } from 'vitest';
import { overviewCard } from '../../src/feasibility/cards.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { figuresOf } from '../../src/feasibility/facts.js';
import type { Decision, PartRow, Study } from '../../src/feasibility/repo.js';

// The overview card is a function of plain data: no store, no bot.
const study = { id: '5a4f3c1e-0000-4000-8000-000000000001', partnership_id: 'p-1', werkgroep_id: 'w-1', version: 1, status: 'open', nudges: 0 } as Study;
const rows = (status: (partId: string) => PartRow['status']) =>
  feasibilityContent().parts.map((p) => ({ study_id: study.id, part_id: p.id, status: status(p.id), owner_member_id: null, due_date: null, updated_by: null, updated_at: null, revision: 1, values: {} }) as unknown as PartRow);
const render = (parts: PartRow[], decision?: Decision) => overviewCard({ study, werkgroepName: 'Zorg & Welzijn', parts, members: [], decision, figures: figuresOf(parts) });
const actionTitles = (card: Record<string, unknown>) => (card.actions as Array<{ title: string }>).map((a) => a.title);

describe('feasibility overview card', () => {
  it('offers the decision only once every part is answered', () => {
    expect(actionTitles(render(rows(() => 'beantwoord')))).toEqual(['Besluit nemen', 'Eigenaren en data', 'Nieuwe versie']);
    expect(actionTitles(render(rows((id) => (id === 'risicos' ? 'bezig' : 'beantwoord'))))).toEqual(['Eigenaren en data', 'Nieuwe versie']);
  });

  it('no longer offers it once decided, and shows the decision instead of the suggestion', () => {
    const decision = { study_id: study.id, verdict: 'haalbaar', suggested: 'niet-haalbaar', reasons: 'Genoeg *belangstelling*', conditions: '', decided_by: 'm-1', decided_at: 0 } as Decision;
    const card = render(rows(() => 'beantwoord'), decision);
    expect(actionTitles(card)).toEqual(['Eigenaren en data', 'Nieuwe versie']);
    const texts = JSON.stringify(card);
    expect(texts).toContain('Besluit van de werkgroep');
    expect(texts).toContain('Genoeg \\\\*belangstelling\\\\*');
    expect(texts).not.toContain('Voorstel van de bot');
  });
});
