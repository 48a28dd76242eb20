/** The minimum group size k of shared/privacy-model.md: 3 by default, raised up to 10, never lowered. */
export const DEFAULT_MIN_GROUP = 3;
export const MAX_MIN_GROUP = 10;
