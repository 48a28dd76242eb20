import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { ReflectionRepo } from '../../src/reflection/repo.js';
import { instrumentView } from '../../src/reflection/content/index.js';
import { todayInAmsterdam } from './dates.js';
import { choose, click, fillText, openConversation, pickDate, postWithMention, setUpPartnership, usePlayground, waitForCard } from './playground.js';

const pg = usePlayground('actions');
const DAY_MS = 86_400_000;

/**
 * Issue 16 in the Playground: from a reflection summary's point of attention the projectleider
 * makes an action, and its owner (she herself: the Playground has one signed-in user) finds it
 * in the personal chat and updates it there. The three answers are written into the bot's
 * store beforehand (the reflection browser test clicks through the questions already), so the
 * run reaches the minimum group size of 3 and the summary has points of attention.
 */
describe('actions in the Agents Playground', () => {
  it('a reflection with three respondents closes with points of attention', async () => {
    // Rows by name: Ahmed, Fatima, Kees, Marloes, Pieter, Sanne. Fatima, Pieter and Sanne are docent too.
    await setUpPartnership(pg.page, {
      roles: async (roles) => {
        for (const row of [1, 4, 5]) await choose(pg.page, roles, /Rollen/, ['Docent'], row);
      },
    });
    await postWithMention(pg.page, 'reflectie');
    await click(await waitForCard(pg.page, 'Reflectie starten'), 'Start de reflectie');
    expect(await (await waitForCard(pg.page, 'Reflectie gestart')).textContent()).toContain('0 van 3 hebben ingevuld.');

    // The three answer (written into the store as the 1:1 cards would): conditions 1 and 2 high, 4 and 5 low.
    const store = await openStore({ kind: 'sqlite', file: `${pg.stack.dataDir}/leerlab.db` }, { migrate: false });
    try {
      const reflection = new ReflectionRepo(store, () => Date.now());
      const run = (await store.db.selectFrom('reflection_runs').select('id').executeTakeFirstOrThrow()).id;
      const invites = await store.db.selectFrom('reflection_invites').select('member_id').where('run_id', '=', run).execute();
      const school = (await store.db.selectFrom('schools').select('id').where('type', '=', 'vo').executeTakeFirstOrThrow()).id;
      expect(invites).toHaveLength(3);
      const values = [5, 4, 3, 2, 2, 3, 4, 4];
      for (const { member_id } of invites) {
        await reflection.setProfile(run, member_id, { schoolId: school, layer: 'professioneel' });
        const answers = instrumentView('1').parts.slice(0, 8).flatMap((part, k) => part.items.filter((i) => i.kind === 'scale').map((i) => ({ itemId: i.id, value: values[k]!, text: null })));
        await reflection.saveAnswers(run, member_id, answers);
        await reflection.markSubmitted(run, member_id);
      }
    } finally {
      await store.close();
    }

    await postWithMention(pg.page, 'reflectie sluiten');
    const summary = await waitForCard(pg.page, 'Uitslag reflectie 1', 20_000);
    expect(await summary.textContent()).toContain('Aandachtspunten');
    expect(await summary.getByRole('button', { name: 'Actie: Het professioneel organiseren van de samenwerking', exact: true }).count()).toBe(1);
    expect(await summary.getByRole('button', { name: 'Actie toevoegen', exact: true }).count()).toBe(1);
  });

  it('from a point of attention the projectleider makes an action; as its owner she sees it in the personal chat', async () => {
    await click(await waitForCard(pg.page, 'Uitslag reflectie 1'), 'Actie: Het professioneel organiseren van de samenwerking');
    await openConversation(pg.page, 'Personal Chat');
    // The bot's greeting opens this chat; its arrival re-renders the conversation, so wait for it first.
    await pg.page.getByText('Hallo! Ik ben Leerlab').first().waitFor({ timeout: 15_000 });
    const form = await waitForCard(pg.page, 'Nieuwe actie');
    await choose(pg.page, form, /Wie is eigenaar/, ['Sanne de Vries']);
    const due = new Date(Date.parse(`${todayInAmsterdam()}T12:00:00Z`) + 14 * DAY_MS).toISOString().slice(0, 10);
    await pickDate(pg.page, form, /Klaar op/, due);
    await fillText(form, /Wat gaan jullie doen/, 'Vaste overlegmomenten van de werkgroep plannen');
    await click(form, 'Actie opslaan');

    const mine = await waitForCard(pg.page, 'Jij bent de eigenaar');
    const text = (await mine.textContent()) ?? '';
    expect(text).toContain('Jouw actie');
    expect(text).toContain('Vaste overlegmomenten van de werkgroep plannen');
    expect(text).toContain(`Klaar op: ${due}`);
    expect(text).toContain('Hoort bij: Conditie: Het professioneel organiseren van de samenwerking');

    await choose(pg.page, mine, /Status/, ['bezig']);
    await fillText(mine, /Notitie/, 'Eerste overleg staat in de agenda.');
    await click(mine, 'Bijwerken');
    const updated = await waitForCard(pg.page, 'Bijgewerkt.');
    expect(await updated.textContent()).toContain('Status: bezig');
    expect(await updated.textContent()).toContain('Eerste overleg staat in de agenda.');
  });

  it('acties in the channel lists it', async () => {
    await openConversation(pg.page, 'General');
    await postWithMention(pg.page, 'acties');
    const list = await waitForCard(pg.page, 'Actieagenda');
    expect(await list.textContent()).toContain('Vaste overlegmomenten van de werkgroep plannen');
    expect(await list.textContent()).toContain('bezig');
  });
});
