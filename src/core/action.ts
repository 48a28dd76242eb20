import { z } from 'zod';

/**
 * One contract per card action, as grammY's callback-data helper both builds a button's
 * payload and parses the reply: the verb, the schema the router parses the submit with, and
 * what the card template needs to make the button and its inputs (the button's data, the
 * input ids, the limits). The template fills `${…}` from these, so a data key, an input id or
 * a maxLength is written once, here, and never again by hand in the JSON.
 */

type Shape = z.ZodRawShape;

/**
 * Inputs repeated once per row of a card (an item, a school, a member), with positional ids
 * `${prefix}${key}${field}`: `rows('s', 10, () => ({ _name: …, _type: … }))` gives s0_name …
 * s9_type; `rows('o_', ['ambitie', …], () => ({ '': … }))` gives o_ambitie, ….
 */
export interface Rows<P extends string, F extends Shape, K extends string | number = number> {
  /** The ids of one row's inputs, for the template's data (`"id": "${ids._name}"`). */
  ids(key: K): { [N in keyof F & string]: `${P}${K}${N}` };
  /** The same inputs as a zod shape, for the schema. */
  readonly shape: Shape;
  /** Phantom: the field schemas, for the output type. */
  readonly _fields?: F;
}

export function rows<const P extends string, F extends Shape, const K extends string | number = number>(
  prefix: P,
  keys: number | readonly K[],
  fields: (key: K) => F,
): Rows<P, F, K> {
  const all = (typeof keys === 'number' ? Array.from({ length: keys }, (_, n) => n) : keys) as readonly K[];
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const key of all) for (const [field, schema] of Object.entries(fields(key))) shape[`${prefix}${key}${field}`] = schema;
  const names = all.length ? Object.keys(fields(all[0]!)) : [];
  return {
    shape,
    ids: (key) => Object.fromEntries(names.map((field) => [field, `${prefix}${key}${field}`])) as { [N in keyof F & string]: `${P}${K}${N}` },
  };
}

/** One input per row with ids `${prefix}${key}` (a reflection part's items i0, i1, …). */
export function positional<const P extends string, T extends z.ZodTypeAny, const K extends string | number = number>(
  prefix: P,
  keys: number | readonly K[],
  schema: T,
): Rows<P, { '': T }, K> & { id(key: K): `${P}${K}` } {
  const r = rows<P, { '': T }, K>(prefix, keys, () => ({ '': schema }));
  return { ...r, id: (key) => r.ids(key)[''] };
}

// zod's object types drop template-literal index signatures, so the rows' part of a parsed
// submit is typed here: every positional id, optional (a card shows only the rows it has).
type RowsOutput<R> = R extends Rows<infer P, infer F, infer K> ? { [N in keyof F & string as `${P}${K}${N}`]?: z.output<F[N]> } : never;
type RowsInput<R> = R extends Rows<infer P, infer F, infer K> ? { [N in keyof F & string as `${P}${K}${N}`]?: z.input<F[N]> } : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AllRowsOutput<R extends readonly Rows<string, Shape, any>[]> = [R[number]] extends [never] ? unknown : UnionToIntersection<RowsOutput<R[number]>>;
type AllRowsInput<R extends readonly Rows<string, Shape, any>[]> = [R[number]] extends [never] ? unknown : UnionToIntersection<RowsInput<R[number]>>;

/** What a template gets to make one button: `"verb": "${x.verb}", "data": "${x.data}"`. */
export interface Button<V extends string, D> {
  verb: V;
  data: D;
}

export interface ActionSpec<V extends string, D extends Shape, I extends Shape, R extends readonly Rows<string, Shape, any>[], L, Rest extends z.ZodTypeAny | undefined> {
  verb: V;
  /** What the button carries, written by the bot (ids, revision, page). */
  data: D;
  /**
   * The inputs of the card(s) the button sits on, as Teams sends them (strings, unset ones
   * absent). Action.Execute sends every input of its card, so a "back" button names them too.
   */
  inputs?: I;
  rows?: R;
  /** Limits the template shows (maxLength, min, max), from the constants the schemas use. */
  limits?: L;
  /** Inputs whose ids the card makes at run time (a feasibility part's fields): each value is checked with this, and by the handler after. */
  rest?: Rest;
}

type Output<D extends Shape, I extends Shape, R extends readonly Rows<string, Shape, any>[], Rest> = z.output<z.ZodObject<D & I>> &
  AllRowsOutput<R> &
  (Rest extends z.ZodTypeAny ? Record<string, z.output<Rest>> : unknown);

type ButtonData<D extends Shape, I extends Shape, R extends readonly Rows<string, Shape, any>[]> = z.input<z.ZodObject<D>> & Partial<z.input<z.ZodObject<I>>> & AllRowsInput<R>;

export interface CardAction<V extends string, D extends Shape, I extends Shape, R extends readonly Rows<string, Shape, any>[], L, Rest> {
  readonly verb: V;
  /** The router parses the submit with this (strict unless `rest` is given). */
  readonly schema: z.ZodType<Output<D, I, R, Rest>, z.ZodTypeDef, unknown>;
  /** The ids of the fixed inputs, for the template (`"id": "${inputs.comment}"`). */
  readonly inputs: { readonly [K in keyof I & string]: K };
  readonly limits: L;
  /**
   * The button's verb and data, typed from the schema's own keys. A button may also carry an
   * input's value, for a card that does not show that input (the section card's buttons name
   * their section; the overview's picker sends it; the school-leave confirmation carries the
   * whole basics card, rows included).
   */
  button(data: ButtonData<D, I, R>): Button<V, ButtonData<D, I, R>>;
}

/** The payload a handler of this action receives. */
export type ActionInput<A> = A extends CardAction<string, Shape, Shape, readonly Rows<string, Shape, any>[], unknown, unknown> ? z.output<A['schema']> : never;

export function defineAction<
  const V extends string,
  D extends Shape,
  I extends Shape = {},
  const R extends readonly Rows<string, Shape, any>[] = [],
  const L = {},
  Rest extends z.ZodTypeAny | undefined = undefined,
>(spec: ActionSpec<V, D, I, R, L, Rest>): CardAction<V, D, I, R, L, Rest> {
  const shape: Shape = { ...spec.data, ...spec.inputs };
  for (const r of spec.rows ?? []) Object.assign(shape, r.shape);
  const object = z.object(shape);
  const schema = spec.rest ? object.catchall(spec.rest) : object.strict();
  return {
    verb: spec.verb,
    schema: schema as unknown as CardAction<V, D, I, R, L, Rest>['schema'],
    inputs: Object.fromEntries(Object.keys(spec.inputs ?? {}).map((id) => [id, id])) as CardAction<V, D, I, R, L, Rest>['inputs'],
    limits: (spec.limits ?? {}) as L,
    button: (data) => ({ verb: spec.verb, data }),
  };
}
