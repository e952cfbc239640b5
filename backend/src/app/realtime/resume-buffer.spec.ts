import { audienceIncludes, type Audience } from './realtime-bus';
import { ResumeBuffer } from './resume-buffer';

const ev = (seq: number, audience: Audience = { kind: 'all' }) => ({
  seq,
  audience,
  frame: `f${seq}`,
});

describe('ResumeBuffer', () => {
  it('replays exactly the events after lastSeq addressed to the client', () => {
    const b = new ResumeBuffer(100);
    b.open('s', 0);
    b.append('s', ev(1));
    b.append('s', ev(2, { kind: 'teachers' }));
    b.append('s', ev(3, { kind: 'students', ids: ['u1'] }));
    b.append('s', ev(4, { kind: 'students', ids: ['u2'] }));
    b.append('s', ev(5, { kind: 'students' }));
    const forU1 = (a: Audience) => audienceIncludes(a, { role: 'student', userId: 'u1' });
    const forTeacher = (a: Audience) => audienceIncludes(a, { role: 'teacher' });
    expect(b.since('s', 1, 5, forU1)?.map((e) => e.seq)).toEqual([3, 5]);
    expect(b.since('s', 0, 5, forTeacher)?.map((e) => e.seq)).toEqual([1, 2]);
    expect(b.since('s', 5, 5, forU1)).toEqual([]);
  });

  it('returns null (snapshot) when events were evicted, before the floor, or lastSeq is ahead', () => {
    const b = new ResumeBuffer(3);
    b.open('s', 10);
    for (let i = 11; i <= 20; i++) b.append('s', ev(i));
    const all = () => true;
    expect(b.floorOf('s')).toBe(17);
    expect(b.since('s', 16, 20, all)).toBeNull();
    expect(b.since('s', 17, 20, all)?.map((e) => e.seq)).toEqual([18, 19, 20]);
    expect(b.since('s', 21, 20, all)).toBeNull();
    // After a restart the buffer opens at the reserved seq: older lastSeqs get a snapshot.
    const fresh = new ResumeBuffer(3);
    fresh.open('s', 1000);
    expect(fresh.since('s', 20, 1000, all)).toBeNull();
    expect(fresh.since('s', 1000, 1000, all)).toEqual([]);
    expect(fresh.since('unknown', 0, 0, all)).toBeNull();
  });

  it('stays bounded under many events', () => {
    const b = new ResumeBuffer(50);
    b.open('s', 0);
    for (let i = 1; i <= 10_000; i++) b.append('s', ev(i));
    expect(b.size('s')).toBe(50);
    expect(b.since('s', 9_950, 10_000, () => true)).toHaveLength(50);
  });
});
