import { WorkSlicer } from './work-slicer';

/** A clock the jobs move forward: each job "costs" what it adds. */
function clock() {
  let t = 1000;
  return { now: () => t, spend: (ms: number) => (t += ms) };
}

const microtasks = () => new Promise<void>((r) => queueMicrotask(r));
const nextTurn = () => new Promise<void>((r) => setImmediate(r));

describe('WorkSlicer', () => {
  it('runs a lone job at once, inside submit', () => {
    const c = clock();
    const s = new WorkSlicer(4, c.now);
    let ran = false;
    s.submit(() => (ran = true));
    expect(ran).toBe(true);
    expect(s.pending).toBe(0);
  });

  it('keeps the order of the jobs and leaves the rest of a used-up slice for a later turn of the loop', async () => {
    const c = clock();
    const s = new WorkSlicer(4, c.now);
    const order: number[] = [];
    for (let i = 0; i < 7; i++)
      s.submit(() => {
        order.push(i);
        c.spend(1.5);
      });
    // The first runs inside submit; the next ones one per microtask while time is left.
    for (let i = 0; i < 10; i++) await microtasks();
    expect(order).toEqual([0, 1, 2]);
    expect(s.pending).toBe(4);
    // The next check phase (setImmediate) gives the waiting jobs a slice of their own; the
    // one after it waits for the loop to go round (the poll phase reads the sockets).
    await nextTurn();
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    await nextTurn();
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(s.pending).toBe(0);
  });

  it("counts an async job's first steps in the slice", async () => {
    const c = clock();
    const s = new WorkSlicer(4, c.now);
    let started = 0;
    for (let i = 0; i < 5; i++)
      s.submit(async () => {
        started++;
        await Promise.resolve();
        c.spend(3);
      });
    for (let i = 0; i < 10; i++) await microtasks();
    // The first job's 3 ms after its await were seen before a third could start.
    expect(started).toBe(2);
  });

  it('a job that throws is reported and the next ones still run', async () => {
    const c = clock();
    const errors: unknown[] = [];
    const s = new WorkSlicer(4, c.now, (e) => errors.push(e));
    const ran: string[] = [];
    s.submit(() => {
      throw new Error('boom');
    });
    s.submit(() => ran.push('after'));
    await microtasks();
    await microtasks();
    expect(errors).toHaveLength(1);
    expect(ran).toEqual(['after']);
  });

  it('a new slice opens on the next turn of the loop: a later lone job runs at once again', async () => {
    const c = clock();
    const s = new WorkSlicer(4, c.now);
    s.submit(() => c.spend(10));
    let ran = false;
    s.submit(() => (ran = true));
    expect(ran).toBe(false);
    await nextTurn();
    await nextTurn();
    expect(ran).toBe(true);
    await nextTurn();
    let lone = false;
    s.submit(() => (lone = true));
    expect(lone).toBe(true);
  });
});
