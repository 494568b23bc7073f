import { describe, expect, it } from 'vitest';
import { costWords, shortDate } from '../../src/renderer/features/history/words';

describe('History’s short words', () => {
  const now = new Date(2026, 11, 6, 15, 30).getTime();
  it('dates a card by the time today, the day this year, and the day and year before', () => {
    expect(shortDate(new Date(2026, 11, 6, 9, 5).getTime(), now)).toBe('09:05');
    expect(shortDate(new Date(2026, 0, 26, 23, 59).getTime(), now)).toBe('26 Jan');
    expect(shortDate(new Date(2025, 11, 6, 15, 30).getTime(), now)).toBe('6 Dec 2025');
  });
  it('writes money in dollars and cents, and less than a cent as such', () => {
    expect(costWords(0.31)).toBe('$0.31');
    expect(costWords(0.004)).toBe('<$0.01');
    expect(costWords(null)).toBeNull();
  });
});
