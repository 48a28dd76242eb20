import { describe, expect, it } from 'vitest';
import { spreadLevel, SPREAD_THRESHOLDS } from '../../src/reflection/stats.js';
import { t, withLanguage } from '../../src/i18n/index.js';

/**
 * Issue 16: the cards say in words how far opinions differ, from the spread (population
 * standard deviation on the 1-5 scale), at the documented thresholds 0,8 and 1,2; the value
 * is first rounded to the one decimal the CSV shows.
 */
describe('how far opinions differ, in words', () => {
  it('uses the thresholds 0,8 and 1,2 on the spread as shown', () => {
    expect(SPREAD_THRESHOLDS).toEqual({ mid: 0.8, high: 1.2 });
    // Answers 3,3,3,4: mean 3,25, spread sqrt(0,1875) = 0,43.
    expect(spreadLevel(0.433)).toBe('low');
    expect(spreadLevel(0.74)).toBe('low');
    // 0,75 shows as 0,8 in the CSV, so the card says "redelijk" too.
    expect(spreadLevel(0.75)).toBe('mid');
    // Answers 2,3,4 (three people): spread sqrt(2/3) = 0,82.
    expect(spreadLevel(Math.sqrt(2 / 3))).toBe('mid');
    expect(spreadLevel(1.14)).toBe('mid');
    expect(spreadLevel(1.15)).toBe('high');
    // Answers 1,5 (half and half): spread 2, the most there is.
    expect(spreadLevel(2)).toBe('high');
  });

  it('reads as the B1 line of the issue, in Dutch and in English', () => {
    expect(t.reflection.groupLine('3,4', 12, t.reflection.spreadWords[spreadLevel(0.5)])).toBe('gemiddeld **3,4** van de 5 (12 mensen; de meningen lopen weinig uiteen)');
    expect(withLanguage('en', () => t.reflection.groupLine('3.4', 12, t.reflection.spreadWords[spreadLevel(1.3)]))).toBe('on average **3.4** out of 5 (12 people; opinions differ strongly)');
  });
});
