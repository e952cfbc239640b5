import { relabel, withLabel } from './server-words';

describe('server sentences in the words on screen', () => {
  it('puts the label where the server named the property', () => {
    expect(
      withLabel('durationMinutes must not be greater than 1440', 'durationMinutes', 'Duration'),
    ).toBe('Duration must not be greater than 1440');
    expect(
      withLabel(
        'gracePeriodSeconds must not be less than 0',
        'config.gracePeriodSeconds',
        'Grace period (seconds)',
      ),
    ).toBe('Grace period (seconds) must not be less than 0');
    expect(withLabel('use at most 2 decimals', 'questions[0].points', 'Points')).toBe(
      'use at most 2 decimals',
    );
  });

  it('relabels the fields it knows and keeps the others', () => {
    expect(
      relabel(
        { title: ['title must be shorter than or equal to 200 characters'], x: ['x is wrong'] },
        { title: 'Session title' },
      ),
    ).toEqual({
      title: ['Session title must be shorter than or equal to 200 characters'],
      x: ['x is wrong'],
    });
  });
});
