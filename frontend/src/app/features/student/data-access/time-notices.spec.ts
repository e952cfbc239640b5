import { TimeNotices } from './time-notices';

describe('TimeNotices', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows and announces each event, fades it, and lets the student dismiss it', () => {
    const n = new TimeNotices(1_000);
    n.show('warning', '5 minutes left.', 'warning');
    n.show('added', 'Your teacher added 5 minutes.', 'success');
    expect(n.notices().map((x) => x.text)).toEqual([
      '5 minutes left.',
      'Your teacher added 5 minutes.',
    ]);
    expect(n.announcement()).toBe('Your teacher added 5 minutes.');
    n.dismiss(n.notices()[1].id);
    expect(n.notices().map((x) => x.kind)).toEqual(['warning']);
    jest.advanceTimersByTime(1_000);
    expect(n.notices()).toEqual([]);
    // The live region keeps the last sentence.
    expect(n.announcement()).toBe('Your teacher added 5 minutes.');
  });

  it('a newer notice of the same kind replaces the older one; resume replaces pause', () => {
    const n = new TimeNotices();
    n.show('warning', '5 minutes left.', 'warning');
    n.show('warning', '1 minute left.', 'danger');
    n.show('paused', 'Paused.', 'info');
    n.show('resumed', 'Resumed.', 'info');
    expect(n.notices().map((x) => x.text)).toEqual(['1 minute left.', 'Resumed.']);
    n.announce('Your teacher released your results.');
    expect(n.notices()).toHaveLength(2);
    expect(n.announcement()).toBe('Your teacher released your results.');
    n.dispose();
  });
});
