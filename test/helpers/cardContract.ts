import * as templating from 'adaptivecards-templating';

/**
 * What the card-contract test needs to read cards as Teams does: every Action.Execute and
 * Action.Submit with the inputs Teams gathers for it, the payload Teams builds from them,
 * and which `$when` branches of a template a render really produced.
 */

type Json = Record<string, unknown>;

export interface CardInput {
  type: string;
  id: string;
  value?: unknown;
  valueOn?: string;
  valueOff?: string;
  isMultiSelect?: boolean;
  choices?: Array<{ value: string }>;
  maxLength?: number;
  min?: number;
  isRequired?: boolean;
}

export interface CardAction {
  type: 'Action.Execute' | 'Action.Submit';
  title: string;
  /** Action.Execute's verb; for Action.Submit, the `verb` key of its data (as src/teams reads it). */
  verb: string | undefined;
  data: Json;
  /** The inputs Teams sends with this action. */
  inputs: CardInput[];
}

const isObject = (v: unknown): v is Json => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** Inputs of one card, not descending into the cards of Action.ShowCard (those belong to the sub-card). */
function ownInputs(card: Json): CardInput[] {
  const out: CardInput[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (isObject(n)) {
      if (n.type === 'Action.ShowCard') return;
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') out.push(n as unknown as CardInput);
      Object.values(n).forEach(walk);
    }
  };
  walk(card.body);
  return out;
}

/**
 * Every Execute/Submit of a card with the inputs it sends. Adaptive Cards gathers, for an
 * action, the inputs of its own card and of every card above it (an action inside a
 * ShowCard also sends the main card's inputs; a main-card action does not send a ShowCard's
 * inputs); `associatedInputs: "none"` sends none.
 */
export function actionsOf(card: Json): CardAction[] {
  const out: CardAction[] = [];
  const visit = (c: Json, inherited: CardInput[]) => {
    const inputs = [...inherited, ...ownInputs(c)];
    const walk = (n: unknown) => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (isObject(n)) {
        if (n.type === 'Action.ShowCard') {
          if (isObject(n.card)) visit(n.card, inputs);
          return;
        }
        if (n.type === 'Action.Execute' || n.type === 'Action.Submit') {
          const data = isObject(n.data) ? n.data : {};
          out.push({
            type: n.type,
            title: String(n.title ?? ''),
            verb: n.type === 'Action.Execute' ? (n.verb as string | undefined) : typeof data.verb === 'string' ? data.verb : undefined,
            data,
            inputs: n.associatedInputs === 'none' ? [] : inputs,
          });
        }
        Object.values(n).forEach(walk);
      }
    };
    walk(c.body);
    walk(c.actions);
  };
  visit(card, []);
  return out;
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * What Teams sends for one input, as a string, or undefined when it sends nothing.
 * `untouched`: the user changed nothing, so only initial values travel (a toggle always
 * sends its valueOn/valueOff). `set`: the user filled everything with a realistic value.
 */
export function inputValue(input: CardInput, mode: 'untouched' | 'set', today: string): string | undefined {
  if (input.type === 'Input.Toggle') {
    if (mode === 'set') return input.valueOn ?? 'true';
    return filled(input.value) ? String(input.value) : (input.valueOff ?? 'false');
  }
  if (filled(input.value)) return String(input.value);
  if (mode === 'untouched') return undefined;
  switch (input.type) {
    case 'Input.ChoiceSet': {
      const values = (input.choices ?? []).map((c) => c.value);
      return (input.isMultiSelect ? values.slice(0, 2) : values.slice(0, 1)).join(',') || undefined;
    }
    case 'Input.Text':
      return input.maxLength ? 'Lorem ipsum dolor sit amet. '.repeat(Math.ceil(input.maxLength / 28)).slice(0, input.maxLength) : 'Overleg met de werkgroep';
    case 'Input.Number':
      return String(input.min ?? 1);
    case 'Input.Date':
      return today;
    case 'Input.Time':
      return '09:30';
    default:
      throw new Error(`unknown input type ${input.type}`);
  }
}

/**
 * The payload as the router receives it: the action's data merged with the input values
 * (inputs win, as in Teams), minus the keys src/teams/bot.ts strips before routing (`verb`,
 * and `msteams`, Teams' own hints on a Submit).
 */
export function payloadOf(action: CardAction, mode: 'untouched' | 'set', today: string): Json {
  const merged: Json = { ...action.data };
  for (const input of action.inputs) {
    const v = inputValue(input, mode, today);
    if (v !== undefined) merged[input.id] = v;
  }
  delete merged.verb;
  delete merged.msteams;
  return merged;
}

// ---- $when branches ----

export interface Branch {
  /** "<template>#<n>", n in document order. */
  id: string;
  template: string;
  when: string;
  /** What the guarded element holds, for messages: input ids and action titles as written in the template. */
  holds: string[];
}

const MARK = 'x-contract-branch';

type TemplateCtor = new (payload: object) => { expand(context: { $root: unknown }): unknown };
const Template: TemplateCtor =
  (templating as unknown as { Template?: TemplateCtor }).Template ?? (templating as unknown as { default: { Template: TemplateCtor } }).default.Template;

function inputsAndActions(n: unknown, out: string[] = []): string[] {
  if (Array.isArray(n)) n.forEach((x) => inputsAndActions(x, out));
  else if (isObject(n)) {
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) out.push(`${n.type} ${String(n.id)}`);
    if (n.type === 'Action.Execute' || n.type === 'Action.Submit') out.push(`${n.type} "${String(n.title)}"`);
    Object.values(n).forEach((x) => inputsAndActions(x, out));
  }
  return out;
}

/** The template with a marker on every `$when`-guarded element, and those elements that hold an input or an action. */
export function markBranches(name: string, template: object): { marked: object; branches: Branch[] } {
  const branches: Branch[] = [];
  const copy = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(copy);
    if (!isObject(n)) return n;
    const out: Json = {};
    for (const [k, v] of Object.entries(n)) out[k] = copy(v);
    if (typeof n.$when === 'string') {
      const holds = inputsAndActions(n);
      if (holds.length > 0) {
        const id = `${name}#${branches.length}`;
        branches.push({ id, template: name, when: n.$when, holds });
        out[MARK] = id;
      }
    }
    return out;
  };
  return { marked: copy(template) as object, branches };
}

/** Expands the marked template with the data a real render got; returns the markers present and the card without them. */
export function branchesRendered(marked: object, data: unknown): { ids: Set<string>; card: Json } {
  const expanded = new Template(marked).expand({ $root: data });
  const ids = new Set<string>();
  const strip = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(strip);
    if (!isObject(n)) return n;
    const out: Json = {};
    for (const [k, v] of Object.entries(n)) {
      if (k === MARK) ids.add(String(v));
      else out[k] = strip(v);
    }
    return out;
  };
  return { ids, card: strip(expanded) as Json };
}
