import { afterEach, beforeEach, expect, it } from 'vitest';
import { PartnershipRepo } from '../../src/partnership/repo.js';
import { ReflectionRepo, type Run, type StoredAnswer } from '../../src/reflection/repo.js';
import { instrumentView, loadInstrument } from '../../src/reflection/content/index.js';
import { publish, publishTally, type Publication } from '../../src/reflection/publish.js';
import type { Respondent } from '../../src/reflection/stats.js';
import { kindsOf } from '../../src/reflection/tally.js';
import { LAYERS } from '../../src/reflection/model.js';
import type { Store } from '../../src/store/db.js';
import { describeEachStore, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { seededRandom } from '../helpers/random.js';

const DAY = 86_400_000;
const inst = loadInstrument('1');
const items = instrumentView('1').parts.flatMap((p) => p.items);
const NAMES = ['Anna de Vries', 'Bram Jansen', 'Chantal Bakker', 'Dirk van Dijk', 'Eva Visser', 'Fatima El Amrani', 'Gert Smit', 'Hanna Mulder'];

const seeded = seededRandom;

/**
 * The summary as it was built before issue 17: every answer loaded into JavaScript, grouped per
 * respondent, counted by the gate's in-memory path. Kept here only, to prove the SQL counts
 * give the same publication. Invitations in member order, as the repository gives them.
 */
async function publishFromAllAnswers(store: Store, run: Run, random: () => number): Promise<Publication> {
  const repo = new ReflectionRepo(store, () => 0);
  const partnerships = new PartnershipRepo(store, () => 0);
  const [invites, answers, schools, names] = await Promise.all([repo.invites(run.id), repo.allAnswers(run.id), partnerships.schools(run.partnership_id), partnerships.memberNames(run.partnership_id)]);
  const typeOf = new Map(schools.map((s) => [s.id, s.type]));
  const respondents: Respondent[] = invites
    .filter((i) => i.submitted_at !== null)
    .sort((a, b) => (a.member_id < b.member_id ? -1 : a.member_id > b.member_id ? 1 : 0))
    .map((i) => {
      const mine = answers.filter((a) => a.memberId === i.member_id);
      return {
        id: i.member_id,
        schoolId: i.school_id,
        schoolType: i.school_id ? (typeOf.get(i.school_id) ?? null) : null,
        layer: i.layer,
        answers: Object.fromEntries(mine.filter((a) => a.text === null).map((a) => [a.itemId, a.value])),
        comments: Object.fromEntries(mine.filter((a) => a.text !== null).map((a) => [a.itemId, a.text!])),
      };
    });
  return publish(inst, respondents, schools, { perSchool: run.per_school === 1, minGroup: run.min_group, names, random });
}

async function publishFromTally(store: Store, run: Run, random: () => number): Promise<Publication> {
  const repo = new ReflectionRepo(store, () => 0);
  const partnerships = new PartnershipRepo(store, () => 0);
  const [tally, schools, names] = await Promise.all([repo.tally(run.id, kindsOf(inst)), partnerships.schools(run.partnership_id), partnerships.memberNames(run.partnership_id)]);
  return publishTally(inst, tally, schools, { perSchool: run.per_school === 1, minGroup: run.min_group, names, random });
}

describeEachStore('reflection summary counted in the database', (kind) => {
  let db: TestDatabase;
  let store: Store;
  const now = Date.UTC(2027, 0, 10, 9, 0);
  beforeEach(async () => {
    db = await freshDatabase(kind);
    store = await db.open();
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  /**
   * A partnership like the real ones: two vmbo schools, one mbo school, a company; people in
   * every layer, some without a school or layer; "weet ik niet", skipped statements, comments
   * with names in them, and invitees who answered but never sent (they must not count).
   */
  async function realisticRun(opts: { seed: number; invited: number; perSchool: boolean; minGroup: number; sendRate: number }): Promise<Run> {
    const rnd = seeded(opts.seed);
    const partnerships = new PartnershipRepo(store, () => now);
    const runs = new ReflectionRepo(store, () => now);
    const p = await partnerships.activateForTeam('t', `19:team-${opts.seed}`);
    const schools = await partnerships.replaceSchools(p.id, [
      { name: 'Vmbo De Schakel', type: 'vo' },
      { name: 'Vmbo Het Baken', type: 'vo' },
      { name: 'ROC Noord', type: 'mbo' },
      { name: 'Zorggroep West', type: 'bedrijf' },
    ]);
    const people = Array.from({ length: opts.invited }, (_, i) => ({ teamsUserId: `29:u${opts.seed}-${i}`, aadObjectId: `aad-${opts.seed}-${i}`, name: NAMES[i % NAMES.length]! }));
    const ids = await partnerships.upsertMembers(p.id, people);
    const weights = [0.35, 0.25, 0.3, 0.05];
    const pickSchool = () => {
      let x = rnd();
      if (x < 0.05) return null;
      x = rnd();
      for (const [i, w] of weights.entries()) if ((x -= w) < 0) return schools[i]!.id;
      return schools[2]!.id;
    };
    const run = await runs.create(
      { partnership_id: p.id, instrument_version: '1', werkgroep_id: null, per_school: opts.perSchool ? 1 : 0, deadline_at: now + DAY, created_by: ids[0]!, min_group: opts.minGroup },
      ids.map((memberId) => ({ memberId, schoolId: pickSchool(), layer: rnd() < 0.05 ? null : LAYERS[rnd() < 0.15 ? 0 : rnd() < 0.35 ? 1 : 2]! })),
    );
    for (const [i, id] of ids.entries()) {
      if (rnd() < 0.1) continue; // never opened the card
      const answers = items.flatMap((it): StoredAnswer[] => {
        const x = rnd();
        if (it.kind === 'comment') return x < 0.25 ? [{ itemId: it.id, value: null, text: `${NAMES[(i + 3) % NAMES.length]} zegt: ${rnd() < 0.5 ? 'goed overleg' : 'meer tijd nodig'} (${i})` }] : [];
        if (x < 0.08) return [];
        if (x < 0.18) return [{ itemId: it.id, value: null, text: null }];
        // Opinions lean to one side per school, as they do.
        const v = Math.min(5, Math.max(1, Math.round(2 + (i % 3) * 0.7 + rnd() * 2.2)));
        return [{ itemId: it.id, value: v, text: null }];
      });
      await runs.saveAnswers(run.id, id, answers);
      if (rnd() < opts.sendRate) await runs.markSubmitted(run.id, id);
    }
    return run;
  }

  for (const c of [
    { seed: 1, invited: 140, perSchool: true, minGroup: 3, sendRate: 0.8 },
    { seed: 2, invited: 60, perSchool: false, minGroup: 5, sendRate: 0.7 },
    { seed: 3, invited: 25, perSchool: true, minGroup: 3, sendRate: 0.6 },
    { seed: 4, invited: 6, perSchool: true, minGroup: 3, sendRate: 0.5 },
  ]) {
    it(`gives the publication byte for byte as the answers loaded into JavaScript did (${c.invited} invited, k ${c.minGroup}, per school ${c.perSchool})`, async () => {
      const run = await realisticRun(c);
      const before = JSON.stringify(await publishFromAllAnswers(store, run, seeded(99)));
      const after = JSON.stringify(await publishFromTally(store, run, seeded(99)));
      expect(after).toBe(before);
      // Not trivially equal: the big runs publish figures, groups and comments, and hide some.
      if (c.invited >= 60) {
        const pub = JSON.parse(after) as Publication;
        expect(pub.enough).toBe(true);
        expect(pub.groups.every((g) => g.figure !== null)).toBe(true);
        expect(pub.comments.some((x) => x.good.length + x.change.length > 0)).toBe(true);
        expect(after).toContain('[naam]');
      }
    });
  }

  it('counts n as respondents with a real answer, "weet ik niet" in the distribution only, senders only (worked out by hand)', async () => {
    const partnerships = new PartnershipRepo(store, () => now);
    const runs = new ReflectionRepo(store, () => now);
    const p = await partnerships.activateForTeam('t', '19:hand');
    const [vo, mbo] = await partnerships.replaceSchools(p.id, [{ name: 'Vmbo', type: 'vo' }, { name: 'Mbo', type: 'mbo' }]);
    const ids = await partnerships.upsertMembers(p.id, [1, 2, 3, 4, 5, 6].map((n) => ({ teamsUserId: `29:h${n}`, aadObjectId: `aad-h${n}`, name: `Persoon ${n}` })));
    const schoolOf = [vo, vo, vo, mbo, mbo, mbo];
    const run = await runs.create(
      { partnership_id: p.id, instrument_version: '1', werkgroep_id: null, per_school: 0, deadline_at: now + DAY, created_by: ids[0]!, min_group: 3 },
      ids.map((memberId, i) => ({ memberId, schoolId: schoolOf[i]!.id, layer: 'professioneel' as const })),
    );
    const c1 = (values: Array<number | null>) => values.map((value, i) => ({ itemId: `c1.s${i + 1}`, value, text: null }));
    const sets = [c1([4, 5, 3, 4]), c1([2, null, 3, 3]), c1([5, 4]), c1([1, 2, 2, 3]), c1([null, null]), c1([5, 5, 5, 5])];
    for (const [i, id] of ids.entries()) await runs.saveAnswers(run.id, id, sets[i]!);
    // The sixth never sent: their four 5s do not count.
    for (const id of ids.slice(0, 5)) await runs.markSubmitted(run.id, id);
    const pub = await publishFromTally(store, run, seeded(1));
    // Sent: 4,5,3,4 | 2,3,3 (+1 weet ik niet) | 5,4 | 1,2,2,3 | (2 weet ik niet): 13 answers, sum 41.
    // n = 4: the fifth has "weet ik niet" only. Mean 41/13; squares 16+25+9+16+4+9+9+25+16+1+4+4+9 = 147,
    // variance (13·147 − 41²)/13² = 230/169, spread √230/13 = 15.165751/13 = 1.166596.
    const f = pub.groups.find((g) => g.id === 'c1')!.figure!;
    expect(f.n).toBe(4);
    expect(f.distribution).toEqual([1, 3, 4, 3, 2]);
    expect(f.dontKnow).toBe(3);
    expect(f.mean).toBe(41 / 13);
    expect(f.spread).toBeCloseTo(1.166596, 6);
    expect(pub.respondents).toBe(5);
    // vmbo 3 real answerers, mbo 1: mbo is hidden, and vmbo with it (total minus vmbo is mbo).
    expect(pub.byType.map((t) => [t.key, t.figures.c1?.n ?? null])).toEqual([['vo', null], ['mbo', null]]);
  });
});
