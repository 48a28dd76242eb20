import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionData, cardInputs, cardTexts, createTurnHarness, person, type TurnHarness } from '../helpers/turnHarness.js';
import { textsOf } from '../helpers/teams.js';
import { withLanguage } from '../../src/i18n/index.js';

const sanne = person(1, 'Sanne de Vries');
const pieter = person(2, 'Pieter Bakker');

/**
 * Issue 16: werkgroepen have a kind (docentwerkgroep, schoolleiderswerkgroep,
 * regiegroep-overleg), chosen on the setup card and shown in voortgang; the setup card also
 * holds the partnership's language. Inputs as Teams sends them: strings, unset ones left out.
 */
describe('werkgroep kinds and the partnership language at setup', () => {
  let h: TurnHarness;
  beforeEach(async () => {
    h = await createTurnHarness();
    h.roster = [sanne, pieter];
  });
  afterEach(async () => h.close());

  async function throughBasics(extra: Record<string, string> = {}) {
    const basics = await h.text(sanne, 'instellen');
    // The language choice shows the stored one, Dutch.
    expect(cardInputs(basics).language).toBe('nl');
    const pid = actionData(basics, 'Opslaan en verder').data.pid as string;
    const werkgroepen = await h.action(sanne, 'setup.basics', { pid, name: 'Leerlab', s0_name: 'Vmbo De Schakel', s0_type: 'vo', ...extra });
    return { pid, werkgroepen };
  }

  it('stores the kind chosen per werkgroep and shows it in voortgang', async () => {
    const { pid, werkgroepen } = await throughBasics();
    // Every row offers the three kinds, docentwerkgroep unless chosen otherwise.
    expect(cardInputs(werkgroepen).w0_kind).toBe('docentwerkgroep');
    await h.action(sanne, 'setup.werkgroepen', {
      pid,
      w0_name: 'Zorg',
      w0_kind: 'docentwerkgroep',
      w1_name: 'Schoolleiders',
      w1_kind: 'schoolleiderswerkgroep',
      w2_name: 'Regiegroep',
      w2_kind: 'regiegroep',
      w3_name: 'Techniek',
    });
    const stored = await h.app.services.repo.werkgroepen(pid);
    expect(stored.map((w) => [w.name, w.kind])).toEqual([
      ['Zorg', 'docentwerkgroep'],
      ['Schoolleiders', 'schoolleiderswerkgroep'],
      ['Regiegroep', 'regiegroep'],
      ['Techniek', 'docentwerkgroep'],
    ]);
    const texts = textsOf(await h.app.progress.card(pid, false));
    expect(texts).toEqual(
      expect.arrayContaining([
        'Zorg – docentwerkgroep: nog geen haalbaarheidsonderzoek.',
        'Schoolleiders – schoolleiderswerkgroep: nog geen haalbaarheidsonderzoek.',
        'Regiegroep – regiegroep-overleg: nog geen haalbaarheidsonderzoek.',
        'Techniek – docentwerkgroep: nog geen haalbaarheidsonderzoek.',
      ]),
    );
    // Opening the werkgroepen card again shows the stored kinds.
    const again = await h.action(sanne, 'setup.basics', { pid, name: 'Leerlab', s0_name: 'Vmbo De Schakel', s0_type: 'vo' });
    expect([cardInputs(again).w0_kind, cardInputs(again).w1_kind, cardInputs(again).w2_kind]).toEqual(['docentwerkgroep', 'schoolleiderswerkgroep', 'regiegroep']);
    // In English the kind is named in English.
    const english = withLanguage('en', () => h.app.progress.card(pid, false));
    expect(textsOf(await english)).toContain("Schoolleiders – school leaders' working group: no feasibility study yet.");
  });

  it('refuses a kind that is not on the card and changes nothing', async () => {
    const { pid } = await throughBasics();
    await h.action(sanne, 'setup.werkgroepen', { pid, w0_name: 'Zorg', w0_kind: 'schoolleiderswerkgroep' });
    expect(await h.action(sanne, 'setup.werkgroepen', { pid, w0_name: 'Zorg', w0_kind: 'bestuur' })).toEqual({
      message: 'Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.',
    });
    expect((await h.app.services.repo.werkgroepen(pid)).map((w) => w.kind)).toEqual(['schoolleiderswerkgroep']);
  });

  it('the partnership language chosen on the basics card is stored, and the next card is in it', async () => {
    const { pid, werkgroepen } = await throughBasics({ language: 'en' });
    expect((await h.app.services.repo.get(pid))?.language).toBe('en');
    expect(cardTexts(werkgroepen)[0]).toBe('Working groups (step 3 of 3)');
    // A channel turn now speaks English; the card offers English back as the stored choice.
    const basics = await h.text(sanne, 'instellen');
    expect(cardTexts(basics)[0]).toBe('Set up the partnership (step 1 of 3)');
    expect(cardInputs(basics).language).toBe('en');
    // A language that is not offered is refused and changes nothing. The card's data is
    // checked before the partnership is known, so that refusal is in Dutch.
    expect(await h.action(sanne, 'setup.basics', { pid, name: 'Leerlab', s0_name: 'Vmbo De Schakel', s0_type: 'vo', language: 'fr' })).toEqual({
      message: 'Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.',
    });
    expect((await h.app.services.repo.get(pid))?.language).toBe('en');
  });
});
