import { launchWhen } from './launch-when';

describe('launchWhen', () => {
  const now = Date.UTC(2026, 2, 10, 7, 0); // Tuesday 10 March, 08:00 in Paris

  it('says only the time today, in the academy zone', () => {
    expect(launchWhen(Date.UTC(2026, 2, 10, 8, 30), now, 'Europe/Paris')).toBe('at 09:30');
  });

  it('names the day another day, and the year another year', () => {
    expect(launchWhen(Date.UTC(2026, 2, 11, 8, 30), now, 'Europe/Paris')).toBe(
      'on Wed 11 Mar at 09:30',
    );
    expect(launchWhen(Date.UTC(2027, 2, 10, 8, 30), now, 'Europe/Paris')).toBe(
      'on Wed 10 Mar 2027 at 09:30',
    );
    // 23:30 UTC on the 10th is already the 11th in Paris.
    expect(launchWhen(Date.UTC(2026, 2, 10, 23, 30), now, 'Europe/Paris')).toBe(
      'on Wed 11 Mar at 00:30',
    );
  });
});
