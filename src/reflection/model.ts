import type { Role } from '../partnership/roles.js';

/** What the answering flow needs of an instrument version (the content module validates the full data). */
export interface InstrumentItemView {
  id: string;
  kind: 'scale' | 'comment';
  text: string;
}

export interface InstrumentPartView {
  id: string;
  title: string;
  intro?: string;
  items: InstrumentItemView[];
}

export interface InstrumentView {
  version: string;
  parts: InstrumentPartView[];
}

export const LAYERS = ['bestuurlijk', 'management', 'professioneel'] as const;
export type Layer = (typeof LAYERS)[number];

/** The achtje's layers: governors, management and projectleiding, teachers. */
const LAYER_OF_ROLE: Record<Role, Layer> = {
  regiegroep: 'bestuurlijk',
  schoolleider: 'management',
  projectleider: 'management',
  docent: 'professioneel',
};

/** The layer a member answers for, when their roles say so unambiguously. */
export function layerOfRoles(roles: readonly Role[]): Layer | null {
  const layers = new Set(roles.map((r) => LAYER_OF_ROLE[r]));
  return layers.size === 1 ? [...layers][0]! : null;
}

export const SCALE_VALUES = [1, 2, 3, 4, 5] as const;
/** "Weet ik niet" travels as "0" in card inputs and is stored as null. */
export const DONT_KNOW = 0;
export const MAX_COMMENT = 2000;
