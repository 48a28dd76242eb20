import { describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { buttonsOf, execute, personalMessage, post, textsOf, type User } from '../helpers/teams.js';

/**
 * Issue 14: a school leaves the partnership in `instellen`. Its people's personal data is
 * erased as with "verwijder mijn gegevens", after a card that names how many people it concerns.
 */
const h = useInstalledBot();
const person = (n: number, name: string): User => ({ id: `29:leave-${n}`, aadObjectId: `aad-leave-${n}`, name });
const pl = person(1, 'Sanne de Vries');
const brug = [person(2, 'Pieter Bakker'), person(3, 'Fatima el Amrani')];
const roc = person(4, 'Kees Jansen');

describe('a school leaves the partnership', () => {
  it('asks first, naming how many people it concerns; then erases their data and the school', async () => {
    const { repo, store, audit } = h.bot.app.services;
    const [vmbo, mbo] = await repo.replaceSchools(h.pid, [
      { name: 'Vmbo De Brug', type: 'vo' },
      { name: 'ROC Noord', type: 'mbo' },
    ]);
    await h.addMembers([{ user: pl, roles: ['projectleider'] }, ...brug.map((user) => ({ user, roles: ['docent' as const], schoolId: vmbo!.id })), { user: roc, roles: ['docent'], schoolId: mbo!.id }]);
    for (const u of [...brug, roc]) await post(h.bot.messagesUrl, personalMessage(h.w(), u, 'geen herinneringen'));
    expect(await store.db.selectFrom('nudge_optouts').select('user_key').execute()).toHaveLength(3);

    const keepRoc = { pid: h.pid, name: 'Leerlab Noord', s0_name: 'ROC Noord', s0_type: 'mbo' };
    const card = (await h.invoke(execute(h.w(), pl, 'setup.basics', keepRoc))).value;
    expect(textsOf(card)[0]).toBe('Een school verlaat het partnerschap');
    expect(textsOf(card)[1]).toBe(
      'Vmbo De Brug gaat uit het partnerschap. Van 2 mensen van die school worden de gegevens verwijderd, zoals bij "verwijder mijn gegevens". Wie nog in het Team zit, blijft lid zonder school.',
    );
    // Nothing has changed yet.
    expect((await repo.schools(h.pid)).map((s) => s.name)).toEqual(['Vmbo De Brug', 'ROC Noord']);
    const yes = buttonsOf(card).find((b) => b.title === 'Ja, verwijder de school en deze gegevens')!;
    expect(yes.data).toEqual({ ...keepRoc, confirm: 'yes' });

    // Only the projectleider may confirm (the server checks, whatever the card says).
    expect((await h.invoke(execute(h.w(), roc, yes.verb!, yes.data))).value).toBe('Dit mag alleen de projectleider van dit partnerschap.');
    expect((await repo.schools(h.pid)).map((s) => s.name)).toEqual(['Vmbo De Brug', 'ROC Noord']);

    const next = (await h.invoke(execute(h.w(), pl, yes.verb!, yes.data))).value;
    expect(textsOf(next)[0]).toBe('Werkgroepen (stap 2 van 3)');
    expect((await repo.schools(h.pid)).map((s) => s.name)).toEqual(['ROC Noord']);
    // Their opt-outs are gone, Kees's stays; they are still in the Team, without a school.
    expect((await store.db.selectFrom('nudge_optouts').select('user_key').execute()).map((r) => r.user_key)).toEqual([roc.aadObjectId]);
    for (const u of brug) {
      const m = await repo.member(h.pid, u.aadObjectId);
      expect([m?.inTeam, m?.schoolId, m?.roles]).toEqual([true, null, ['docent']]);
      expect(await audit.wasSubject(u.aadObjectId, 'erase')).toBe(true);
    }
    expect(await audit.wasSubject(roc.aadObjectId, 'erase')).toBe(false);
  });
});
