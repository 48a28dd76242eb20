/**
 * An attacker on a run's published figures (shared/privacy-model.md, rule 2), written apart
 * from the bot's own gate so it can catch the gate out. It reads what a run published (the
 * CSV rows, which carry every figure the cards show), turns each figure into the set of
 * respondent ids it describes, and adds and subtracts sets of the same kind until nothing
 * new comes out: a set minus a set inside it, the union of disjoint sets (so a set minus
 * several disjoint sets inside it), the overlap of two sets whose union is known. A set of 1
 * to k-1 respondents among them is a leak.
 */

export interface Person {
  id: string;
  schoolId: string | null;
  schoolType: 'vo' | 'mbo' | 'bedrijf' | null;
  layer: 'bestuurlijk' | 'management' | 'professioneel' | null;
  answers: Record<string, number | null>;
}

export interface RunWorld {
  people: Person[];
  schools: Array<{ id: string; name: string; type: 'vo' | 'mbo' | 'bedrijf' }>;
  /** CSV "onderdeel" of a condition or domain → its statement ids. */
  groupItems: Map<string, string[]>;
  /** Achtje layer name → its two statement ids. */
  achtjeItems: Map<string, { own: string; partner: string }>;
}

export interface PublishedFigure {
  kind: string;
  group: string;
  n: number;
  members: bigint;
}

const TYPE_OF_LABEL: Record<string, 'vo' | 'mbo' | 'bedrijf'> = { vmbo: 'vo', mbo: 'mbo', bedrijf: 'bedrijf' };
const LAYER_OF_LABEL: Record<string, Person['layer']> = { bestuurlijk: 'bestuurlijk', 'management en projectleiding': 'management', professioneel: 'professioneel' };

const popcount = (x: bigint) => {
  let n = 0;
  for (let v = x; v > 0n; v &= v - 1n) n++;
  return n;
};

/** Every figure the CSV publishes, as the set of people it is about. Throws on a row it cannot place. */
export function publishedFigures(csv: string, world: RunWorld): PublishedFigure[] {
  const bit = new Map(world.people.map((p, i) => [p.id, 1n << BigInt(i)]));
  const setOf = (pred: (p: Person) => boolean) => world.people.filter(pred).reduce((s, p) => s | bit.get(p.id)!, 0n);
  const school = (name: string) => {
    const s = world.schools.find((x) => x.name === name);
    if (!s) throw new Error(`unknown school ${name}`);
    return s.id;
  };
  const answered = (items: string[]) => (p: Person) => items.some((i) => typeof p.answers[i] === 'number');
  const out: PublishedFigure[] = [];
  const rows = csv.replace(/^\ufeff/, '').split('\r\n').filter(Boolean).slice(1).map((l) => l.split(';'));
  for (const [group, part, n] of rows) {
    if (n === 'te weinig antwoorden') continue;
    let inGroup: (p: Person) => boolean;
    let items: string[];
    let kind: string;
    const [prefix, label] = group!.includes(': ') ? [group!.slice(0, group!.indexOf(': ')), group!.slice(group!.indexOf(': ') + 2)] : [group!, ''];
    if (prefix.startsWith('achtje')) {
      const a = world.achtjeItems.get(part!);
      if (!a) throw new Error(`unknown achtje layer ${part}`);
      if (prefix === 'achtje binnen') {
        const id = school(label);
        inGroup = (p) => p.schoolId === id;
        items = [a.own];
        kind = `own:${part}`;
      } else {
        const [x, y] = label.split(' – ').map(school);
        inGroup = (p) => p.schoolId === x || p.schoolId === y;
        items = [a.partner];
        kind = `partner:${part}`;
      }
    } else {
      const gi = world.groupItems.get(part!);
      if (!gi) throw new Error(`unknown part ${part}`);
      items = gi;
      kind = part!;
      if (prefix === 'totaal') inGroup = () => true;
      else if (prefix === 'soort school') inGroup = (p) => p.schoolType === TYPE_OF_LABEL[label];
      else if (prefix === 'school') {
        const id = school(label);
        inGroup = (p) => p.schoolId === id;
      } else if (prefix === 'laag') inGroup = (p) => p.layer === LAYER_OF_LABEL[label];
      else throw new Error(`unknown group ${group}`);
    }
    const has = answered(items);
    out.push({ kind, group: group!, n: Number(n), members: setOf((p) => inGroup(p) && has(p)) });
  }
  return out;
}

/** A set of 1 to k-1 people that sums and differences of one kind's published sets give, if any. */
export function findLeak(figures: PublishedFigure[], k: number, cap = 4000): { kind: string; size: number } | undefined {
  const kinds = new Map<string, bigint[]>();
  for (const f of figures) kinds.set(f.kind, [...(kinds.get(f.kind) ?? []), f.members]);
  for (const [kind, sets] of kinds) {
    const pool = new Set<bigint>(sets.filter((s) => s !== 0n));
    let grew = true;
    while (grew && pool.size < cap) {
      grew = false;
      const list = [...pool];
      for (const a of list) {
        for (const b of list) {
          if (a === b) continue;
          const found: bigint[] = [];
          if ((a & b) === b) found.push(a & ~b); // b inside a: a minus b
          if ((a & b) === 0n) found.push(a | b); // disjoint: their sum
          else if (pool.has(a | b)) found.push(a & b); // overlap, union known: a + b - union
          for (const s of found) {
            if (s === 0n || pool.has(s)) continue;
            pool.add(s);
            grew = true;
          }
        }
      }
    }
    for (const s of pool) {
      const size = popcount(s);
      if (size >= 1 && size < k) return { kind, size };
    }
  }
  return undefined;
}
