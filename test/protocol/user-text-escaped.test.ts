import { beforeAll, describe, expect, it } from 'vitest';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { expandFields } from '../../src/feasibility/fields.js';
import { parsePart } from '../../src/feasibility/validate.js';
import { agreementContent } from '../../src/agreement/content/index.js';
import { revisionStamp } from '../../src/agreement/state.js';
import { ReminderRepo } from '../../src/reminders/repo.js';
import { reportUnreachable } from '../../src/reminders/unreachable.js';
import type { School } from '../../src/partnership/repo.js';
import { useInstalledBot } from '../helpers/installedBot.js';
import { BOT, buttonsOf, execute, TENANT_ID, textsOf, type User } from '../helpers/teams.js';

/**
 * Names and texts people type (member names, school names, holiday names) come back on
 * cards and in messages as typed: Teams markdown in them is escaped with core/escape.ts, so
 * "*Jan* [x](http://evil)" shows as those characters, never as bold text or a link.
 */
const EVIL = '*Jan* [x](http://evil)';
const SHOWN = '\\*Jan\\* \\[x\\]\\(http://evil\\)';

const h = useInstalledBot();
const sanne: User = { id: '29:esc-1', aadObjectId: 'aad-esc-1', name: 'Sanne de Vries' }; // projectleider
const jan: User = { id: '29:esc-2', aadObjectId: 'aad-esc-2', name: EVIL }; // schoolleider of the school named EVIL
const toChat = (who: User) => `a:personal-${who.id}`;

async function setUp() {
  const { repo } = h.bot.app.services;
  const [school] = await repo.replaceSchools(h.pid, [{ name: EVIL, type: 'vo' }]);
  const [wg] = await repo.replaceWerkgroepen(h.pid, [{ name: 'Werkgroep zorg', channelId: null, channelName: null }]);
  const [sanneId, janId] = await h.addMembers([
    { user: sanne, roles: ['projectleider'], werkgroepIds: [wg!.id] },
    { user: jan, roles: ['schoolleider'], schoolId: school!.id, werkgroepIds: [wg!.id] },
  ]);
  return { school: school!, werkgroepId: wg!.id, sanneId: sanneId!, janId: janId! };
}

let ids: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  ids = await setUp();
});

describe('user text shown back on cards and in messages is escaped', () => {
  it('agreement: the school in the missing list and in the approval message', async () => {
    const repo = h.bot.app.agreement.repo;
    const agreement = await repo.ensure(h.pid, agreementContent().sections.map((x) => x.id));
    const overview = await h.invoke(execute(h.w(), sanne, 'agreement.overview', { agreementId: agreement.id }));
    expect(textsOf(overview.value)).toContain(`- Nog geen akkoord van: ${SHOWN}`);

    await repo.update(agreement.id, { status: 'review' });
    const stamp = revisionStamp(await repo.sections(agreement.id));
    const approved = await h.invoke(execute(h.w({ where: 'personal' }), jan, 'agreement.decide', { agreementId: agreement.id, schoolId: ids.school.id, decision: 'approved', stamp }));
    expect(approved.value).toBe(`Akkoord voor ${SHOWN} is vastgelegd.`);
  });

  it('feasibility: the member who saved first in the conflict notice, and the school in a refused field', async () => {
    const f = h.bot.app.feasibility.repo;
    const study = await f.create({ partnershipId: h.pid, werkgroepId: ids.werkgroepId, memberId: ids.sanneId, partIds: feasibilityContent().parts.map((x) => x.id) });
    const opened = await h.invoke(execute(h.w(), sanne, 'feasibility.open', { studyId: study.id, part: 'risicos' }));
    const data = buttonsOf(opened.value).find((b) => b.title === 'Opslaan')!.data;
    await f.save(study.id, 'risicos', 0, { risks: 'Personeelstekort.' }, 'bezig', ids.janId);
    const refused = await h.invoke(execute(h.w(), sanne, 'feasibility.save', data, { risks: 'Roosters.' }));
    expect(textsOf(refused.value)).toContain(`Opgeslagen door ${SHOWN}: Personeelstekort\\. · Jouw waarde: Roosters\\.`);

    const inflow = expandFields(feasibilityContent().parts.find((p) => p.id === 'instroom')!.fields, [ids.school as School]).find((x) => x.input === 'inflow_0')!;
    expect(() => parsePart([inflow], { inflow_0: '-3' })).toThrow(`Verwachte leerlingen per jaar: ${SHOWN}`);
  });

  it('holidays: the name of an own day in the notice and the list', async () => {
    const added = await h.invoke(execute(h.w(), sanne, 'holidays.add', { pid: h.pid }, { name: EVIL, from: '2099-03-02' }));
    expect(textsOf(added.value).some((x) => x.startsWith(`${SHOWN} is toegevoegd.\n\n`))).toBe(true);
    expect(textsOf(added.value)).toContain(`**${SHOWN}**: ma 2 maart 2099 (zelf toegevoegd)`);
  });

  it('setup: the school named in a refused school list', async () => {
    const setup = await h.invoke(execute(h.w(), sanne, 'setup.basics', { pid: h.pid, name: 'Leerlab', s0_name: EVIL }));
    expect(setup.value).toBe(`Kies voor "${SHOWN}" de soort: vmbo, mbo of bedrijf.`);
  });

  it('reminders: the person whose chat Teams refuses, in the notice to the projectleider', async () => {
    const { repo, store, clock } = h.bot.app.services;
    for (const who of [sanne, jan]) {
      await repo.savePersonalChat({ conversationId: toChat(who), serviceUrl: h.connector.serviceUrl, tenantId: TENANT_ID, botId: BOT.id, kind: 'personal' }, { aadObjectId: who.aadObjectId, teamsUserId: who.id }, h.pid);
    }
    await reportUnreachable(h.bot.app.services, new ReminderRepo(store, () => clock.now()), toChat(jan));
    const notices = h.connector.sentTo(toChat(sanne)).map((r) => String(r.body.text ?? '')).filter((x) => x.startsWith('Leerlab kan de chat met'));
    expect(notices).toEqual([`Leerlab kan de chat met ${SHOWN} niet meer bereiken: Teams weigert berichten (de app is misschien verwijderd). Vraag diegene de app Leerlab weer toe te voegen.`]);
  });
});
