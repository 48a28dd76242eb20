import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineAction, positional, rows, type ActionInput } from '../../src/core/action.js';
import * as templating from 'adaptivecards-templating';

type TemplateCtor = new (payload: object) => { expand(context: { $root: unknown }): unknown };
const Template: TemplateCtor =
  (templating as unknown as { Template?: TemplateCtor }).Template ?? (templating as unknown as { default: { Template: TemplateCtor } }).default.Template;

const MAX_NOTE = 300;
const ITEMS = positional('i', 3, z.string().max(5).optional());
const PEOPLE = rows('p', 2, (n) => ({ _name: z.string().max(10 + n).optional(), _role: z.enum(['a', 'b']).optional() }));
const save = defineAction({
  verb: 'demo.save',
  data: { id: z.string().uuid(), rev: z.coerce.number().int() },
  inputs: { note: z.string().max(MAX_NOTE).optional() },
  rows: [ITEMS, PEOPLE],
  limits: { note: MAX_NOTE },
});
const ID = '0b7e7c1e-8f65-4c3e-9a57-7a2f2b1b4c11';

describe('defineAction', () => {
  it('gives the verb, the input ids and the limits it was given', () => {
    expect(save.verb).toBe('demo.save');
    expect(save.inputs).toEqual({ note: 'note' });
    expect(save.limits).toEqual({ note: 300 });
  });

  it('builds the button from the data keys and parses what Teams sends back with the inputs', () => {
    const button = save.button({ id: ID, rev: 4 });
    expect(button).toEqual({ verb: 'demo.save', data: { id: ID, rev: 4 } });
    // Teams merges the inputs (as strings, unset ones absent) into the button's data.
    const parsed = save.schema.parse({ ...button.data, note: 'ok', i0: 'ja', i2: 'nee', p1_name: 'Sanne', p1_role: 'b' });
    expect(parsed).toEqual({ id: ID, rev: 4, note: 'ok', i0: 'ja', i2: 'nee', p1_name: 'Sanne', p1_role: 'b' });
    expect(save.schema.parse({ id: ID, rev: '7' })).toEqual({ id: ID, rev: 7 });
  });

  it('lets a button carry the inputs and rows of a card that does not show them, and they parse back (the school-leave confirmation)', () => {
    const button = save.button({ id: ID, rev: 2, note: 'kort', i1: 'ja', p0_name: 'Henk', p0_role: 'a' });
    expect(button.data).toEqual({ id: ID, rev: 2, note: 'kort', i1: 'ja', p0_name: 'Henk', p0_role: 'a' });
    expect(save.schema.parse(button.data)).toEqual({ id: ID, rev: 2, note: 'kort', i1: 'ja', p0_name: 'Henk', p0_role: 'a' });
    // @ts-expect-error a row field the contract does not have
    save.button({ id: ID, rev: 2, p0_age: '40' });
  });

  it('refuses keys it does not know, positional ids past the last row, and values over their limit', () => {
    expect(save.schema.safeParse({ id: ID, rev: 1, role: 'admin' }).success).toBe(false);
    expect(save.schema.safeParse({ id: ID, rev: 1, i3: 'ja' }).success).toBe(false);
    expect(save.schema.safeParse({ id: ID, rev: 1, p2_name: 'Kees' }).success).toBe(false);
    expect(save.schema.safeParse({ id: ID, rev: 1, note: 'x'.repeat(301) }).success).toBe(false);
    expect(save.schema.safeParse({ id: ID, rev: 1, note: 'x'.repeat(300) }).success).toBe(true);
    expect(save.schema.safeParse({ id: ID, rev: 1, i1: '123456' }).success).toBe(false);
    // Row fields may differ per row: p0_name up to 10, p1_name up to 11.
    expect(save.schema.safeParse({ id: ID, rev: 1, p0_name: 'x'.repeat(11) }).success).toBe(false);
    expect(save.schema.safeParse({ id: ID, rev: 1, p1_name: 'x'.repeat(11) }).success).toBe(true);
    expect(save.schema.safeParse({ rev: 1 }).success).toBe(false);
  });

  it('names positional ids once, for the card and for the handler', () => {
    expect(ITEMS.id(0)).toBe('i0');
    expect(ITEMS.id(2)).toBe('i2');
    expect(PEOPLE.ids(1)).toEqual({ _name: 'p1_name', _role: 'p1_role' });
    expect(Object.keys(PEOPLE.shape)).toEqual(['p0_name', 'p0_role', 'p1_name', 'p1_role']);
  });

  it('types the handler input from the schema, positional ids included', () => {
    type Input = ActionInput<typeof save>;
    expectTypeOf<Input['id']>().toEqualTypeOf<string>();
    expectTypeOf<Input['rev']>().toEqualTypeOf<number>();
    expectTypeOf<Input[`i${number}`]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Input[`p${number}_role`]>().toEqualTypeOf<'a' | 'b' | undefined>();
  });

  it('with rest, accepts inputs whose ids the card makes at run time, each checked by the rest schema', () => {
    const part = defineAction({ verb: 'demo.part', data: { id: z.string() }, rest: z.string().max(3) });
    expect(part.schema.parse({ id: 'x', field_a: 'abc' })).toEqual({ id: 'x', field_a: 'abc' });
    expect(part.schema.safeParse({ id: 'x', field_a: 'abcd' }).success).toBe(false);
  });

  it('fills a template: the button data stays an object, numbers stay numbers, ids are strings', () => {
    // adaptivecards-templating keeps the value's type when a string is one whole expression.
    const template = new Template({
      body: [{ type: 'Input.Text', id: '${inputs.note}', maxLength: '${limits.note}' }, { $data: '${items}', type: 'Input.Text', id: '${id}' }],
      actions: [{ type: 'Action.Execute', verb: '${buttons.save.verb}', data: '${buttons.save.data}' }],
    });
    const card = template.expand({
      $root: { inputs: save.inputs, limits: save.limits, items: [0, 1].map((n) => ({ id: ITEMS.id(n) })), buttons: { save: save.button({ id: ID, rev: 4 }) } },
    });
    expect(card).toEqual({
      body: [{ type: 'Input.Text', id: 'note', maxLength: 300 }, { type: 'Input.Text', id: 'i0' }, { type: 'Input.Text', id: 'i1' }],
      actions: [{ type: 'Action.Execute', verb: 'demo.save', data: { id: ID, rev: 4 } }],
    });
  });
});
