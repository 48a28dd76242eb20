import { describe, expect, it } from 'vitest';
import { actionsOf, branchesRendered, markBranches, payloadOf } from '../helpers/cardContract.js';

/** The card-contract test is only as good as its model of what Teams sends; this pins that model. */

const card = {
  type: 'AdaptiveCard',
  body: [
    { type: 'Input.Text', id: 'note', maxLength: 5 },
    { type: 'Input.Toggle', id: 'cosign', title: 'Mede', valueOn: 'ja', valueOff: 'nee' },
    { type: 'Input.Toggle', id: 'plain', title: 'Gewoon' },
    { type: 'Input.ChoiceSet', id: 'roles', isMultiSelect: true, choices: [{ title: 'A', value: 'docent' }, { title: 'B', value: 'regiegroep' }, { title: 'C', value: 'schoolleider' }] },
    { type: 'Container', items: [{ type: 'Input.Number', id: 'every', value: 2 }, { type: 'Input.Date', id: 'date' }, { type: 'Input.Time', id: 'time', value: '' }] },
    { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Bewaar', verb: 'x.save', data: { pid: 'p1', note: 'van de kaart' } }] },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Oud', data: { verb: 'x.old', msteams: { type: 'messageBack' } } },
    { type: 'Action.Execute', title: 'Zonder', verb: 'x.none', associatedInputs: 'none', data: { pid: 'p1' } },
    {
      type: 'Action.ShowCard',
      title: 'Meer',
      card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'remark' }], actions: [{ type: 'Action.Execute', title: 'Terug', verb: 'x.back', data: {} }] },
    },
  ],
};

describe('what Teams sends for a card action', () => {
  const actions = actionsOf(card);
  const byTitle = (title: string) => actions.find((a) => a.title === title)!;

  it('finds every Execute and Submit, in ActionSets and ShowCards, with the verb src/teams reads', () => {
    expect(actions.map((a) => [a.title, a.verb])).toEqual([
      ['Bewaar', 'x.save'],
      ['Oud', 'x.old'],
      ['Zonder', 'x.none'],
      ['Terug', 'x.back'],
    ]);
  });

  it('untouched: only initial values and toggles travel, as strings; inputs win over data', () => {
    expect(payloadOf(byTitle('Bewaar'), 'untouched', '2027-01-15')).toEqual({ pid: 'p1', note: 'van de kaart', cosign: 'nee', plain: 'false', every: '2' });
    expect(payloadOf(byTitle('Oud'), 'untouched', '2027-01-15')).toEqual({ cosign: 'nee', plain: 'false', every: '2' });
    expect(payloadOf(byTitle('Zonder'), 'untouched', '2027-01-15')).toEqual({ pid: 'p1' });
  });

  it('set: text at maxLength, toggles on, two choices of a multi-select, a date and a time', () => {
    expect(payloadOf(byTitle('Bewaar'), 'set', '2027-01-15')).toEqual({
      pid: 'p1',
      note: 'Lorem',
      cosign: 'ja',
      plain: 'true',
      roles: 'docent,regiegroep',
      every: '2',
      date: '2027-01-15',
      time: '09:30',
    });
  });

  it("a ShowCard's action sends its own inputs and the main card's; the main card's actions do not send the ShowCard's", () => {
    expect(Object.keys(payloadOf(byTitle('Terug'), 'set', '2027-01-15')).sort()).toEqual(['cosign', 'date', 'every', 'note', 'plain', 'remark', 'roles', 'time']);
    expect(payloadOf(byTitle('Bewaar'), 'set', '2027-01-15')).not.toHaveProperty('remark');
  });

  it('marks exactly the $when branches that hold an input or an action, and sees which ones a render produced', () => {
    const template = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${notice}', $when: "${notice != ''}" },
        { type: 'Container', $when: '${ask}', items: [{ type: 'Input.Text', id: 'q' }] },
      ],
      actions: [{ type: 'Action.Execute', title: '${label}', verb: 'x.go', $when: '${page > 1}' }],
    };
    const { marked, branches } = markBranches('demo/card', template);
    expect(branches.map((b) => [b.id, b.holds])).toEqual([
      ['demo/card#0', ['Input.Text q']],
      ['demo/card#1', ['Action.Execute "${label}"']],
    ]);
    expect([...branchesRendered(marked, { notice: '', ask: true, page: 1, label: 'Ga' }).ids]).toEqual(['demo/card#0']);
    expect([...branchesRendered(marked, { notice: 'x', ask: false, page: 2, label: 'Ga' }).ids]).toEqual(['demo/card#1']);
  });
});
