import { describe, expect, it } from 'vitest';
import { DECIDERS, firstProjectleider, hasAnyRole, setupAccess, successionCheck, type Role } from '../../src/partnership/roles.js';

describe('setupAccess: nobody hands themselves a role', () => {
  const cases: Array<[string, Role[], number, number, ReturnType<typeof setupAccess>]> = [
    ['the projectleider changes the setup', ['projectleider'], 1, 4, 'projectleider'],
    ['one of two projectleiders too', ['projectleider', 'docent'], 2, 4, 'projectleider'],
    ['a docent while there is a projectleider: only they may', ['docent'], 1, 4, 'taken'],
    ['someone without a role, the same', [], 1, 1, 'taken'],
    ['a docent after the last projectleider left: read-only', ['docent'], 0, 3, 'vacant'],
    ['a regiegroep member then too: they choose on the card, not by typing instellen', ['regiegroep'], 0, 1, 'vacant'],
    ['someone without a role while others hold one: read-only', [], 0, 1, 'vacant'],
    ['nobody holds any role: a first setup', [], 0, 0, 'first'],
  ];
  for (const [what, actorRoles, projectleiders, roleHolders, expected] of cases) {
    it(what, () => expect(setupAccess({ actorRoles, projectleiders, roleHolders })).toBe(expected));
  }
});

describe('firstProjectleider', () => {
  const roster = new Set(['sanne', 'pieter']);
  it('the person who added the bot, when on the roster, before whoever types instellen', () => {
    expect(firstProjectleider({ installedBy: 'sanne', actor: 'pieter', roster })).toBe('sanne');
    expect(firstProjectleider({ installedBy: 'sanne', roster })).toBe('sanne');
  });
  it('the actor when the install was missed or named someone outside the roster', () => {
    expect(firstProjectleider({ installedBy: null, actor: 'pieter', roster })).toBe('pieter');
    expect(firstProjectleider({ installedBy: 'admin', actor: 'pieter', roster })).toBe('pieter');
  });
  it('nobody when neither is on the roster (or on install without an actor)', () => {
    expect(firstProjectleider({ installedBy: 'admin', roster })).toBeUndefined();
    expect(firstProjectleider({ installedBy: null, actor: 'guest', roster })).toBeUndefined();
  });
});

describe('successionCheck', () => {
  const base = { actorRoles: ['regiegroep'] as Role[], actorInTeam: true, chosenInTeam: true, projectleiders: 0 };
  it('a regiegroep member assigns a current member while there is no projectleider', () => expect(successionCheck(base)).toBe('assign'));
  it('a second click after someone was chosen changes nothing', () => expect(successionCheck({ ...base, projectleiders: 1 })).toBe('already'));
  it('only the regiegroep, and only while in the Team', () => {
    expect(successionCheck({ ...base, actorRoles: ['docent'] })).toBe('notRegiegroep');
    expect(successionCheck({ ...base, actorRoles: ['docent'], projectleiders: 1 })).toBe('notRegiegroep');
    expect(successionCheck({ ...base, actorInTeam: false })).toBe('notRegiegroep');
  });
  it('the chosen person must still be in the Team', () => expect(successionCheck({ ...base, chosenInTeam: false })).toBe('chosenGone'));
});

describe('feasibility decisions', () => {
  it('the regiegroep and the projectleider decide; a docent or schoolleider only proposes', () => {
    expect(hasAnyRole(['regiegroep'], DECIDERS)).toBe(true);
    expect(hasAnyRole(['projectleider'], DECIDERS)).toBe(true);
    expect(hasAnyRole(['docent', 'schoolleider'], DECIDERS)).toBe(false);
    expect(hasAnyRole([], DECIDERS)).toBe(false);
  });
});
