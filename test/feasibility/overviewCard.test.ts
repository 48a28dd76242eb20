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

describe('feasibility overview card and content versions (issue 15)', () => {
  const v = (partId: string, values: Record<string, string | number | null>) => (r: PartRow) => (r.part_id === partId ? ({ ...r, values } as PartRow) : r);

  it('a study made with v1 shows what is new in v2 and how to move; a v2 study does not', () => {
    const v1 = { ...study, content_version: 1 } as Study;
    const parts = rows(() => 'beantwoord');
    const old = JSON.stringify(overviewCard({ study: v1, werkgroepName: 'Zorg', parts, members: [], decision: undefined, figures: figuresOf(parts) }));
    expect(old).toContain('"text":"Nieuw in versie 2"');
    expect(old).toContain('Kies **Nieuwe versie** om over te stappen: de antwoorden gaan mee, nieuwe vragen staan open.');
    const current = JSON.stringify(overviewCard({ study: { ...study, content_version: 2 } as Study, werkgroepName: 'Zorg', parts, members: [], decision: undefined, figures: figuresOf(parts) }));
    expect(current).not.toContain('Nieuw in versie 2');
  });

  it('a route design that no longer fits Ambitie: the part needs a new answer, with the rule, and no decision is offered', () => {
    const v2 = { ...study, content_version: 2 } as Study;
    const parts = rows(() => 'beantwoord')
      .map(v('ambitie', { route: 'doorlopend-mbo3', leerweg: 'kader' }))
      .map(v('juridisch', { routeYears: 5, vmboExams: 'geen', vmboExamYear: null, mboExamFromYear: 1, bpvFromYear: 1 }));
    const card = overviewCard({ study: v2, werkgroepName: 'Zorg', parts, members: [], decision: undefined, figures: figuresOf(parts) });
    const json = JSON.stringify(card);
    expect(json).toContain('**Wettelijk en praktisch**: nieuw antwoord nodig · eigenaar: nog niemand · klaar op: geen datum');
    expect(json).toContain('Past niet meer bij Ambitie: Alleen in de geïntegreerde route (vmbo-basis naar mbo 2) mogen leerlingen enkele of geen vmbo-examens doen.');
    expect(actionTitles(card)).toEqual(['Eigenaren en data', 'Nieuwe versie']);
    expect(json).not.toContain('Voorstel van de bot');
    // Without a problem there is no warning line at all.
    const fine = overviewCard({ study: v2, werkgroepName: 'Zorg', parts: parts.map(v('juridisch', { routeYears: 5, vmboExams: 'alle', vmboExamYear: 2 })), members: [], decision: undefined, figures: figuresOf(parts) });
    expect(JSON.stringify(fine)).not.toContain('Past niet meer bij Ambitie');
    expect(JSON.stringify(fine)).not.toContain('"color":"Attention"');
    expect(actionTitles(fine)).toEqual(['Besluit nemen', 'Eigenaren en data', 'Nieuwe versie']);
  });
});
