import {
  afterRemoving,
  checkTexts,
  moveText,
  textPlace,
  textServerIssues,
  textsAt,
  textsFromExam,
  textsPayload,
  type EditorText,
} from './text-drafts';

const KEYS = ['k1', 'k2', 'k3'];
const text = (key: string, beforeKey: string | null, words = key): EditorText => ({
  key,
  beforeKey,
  text: words,
});

describe('texts between questions in the editor', () => {
  it('read from the exam, tied to the questions they come before, and written back in shown order', () => {
    const drafts = textsFromExam(
      [
        { id: 'a', beforeQuestion: 0, text: 'Intro', format: 'markdown', name: 'Part 1' },
        { id: 'b', beforeQuestion: 3, text: 'End' },
        { id: 'c', beforeQuestion: 2, text: 'Before Q3', format: 'plain' },
      ],
      KEYS,
    );
    expect(drafts.map((d) => [d.id, d.beforeKey])).toEqual([
      ['a', 'k1'],
      ['b', null],
      ['c', 'k3'],
    ]);
    expect(drafts[2]).not.toHaveProperty('format');
    expect(textsPayload(drafts, KEYS)).toEqual([
      { id: 'a', beforeQuestion: 0, text: 'Intro', format: 'markdown', name: 'Part 1' },
      { id: 'c', beforeQuestion: 2, text: 'Before Q3' },
      { id: 'b', beforeQuestion: 3, text: 'End' },
    ]);
    // Reloaded after a save, the local keys stay (focus and problems stay put).
    expect(textsFromExam([{ id: 'a', beforeQuestion: 0, text: 'x' }], KEYS, drafts)[0].key).toBe(
      drafts[0].key,
    );
  });

  it('follow their question when questions are reordered', () => {
    const t = [text('t1', 'k3')];
    expect(textsPayload(t, ['k3', 'k1', 'k2'])[0].beforeQuestion).toBe(0);
    expect(textsAt(t, 'k3', KEYS)).toEqual(t);
  });

  it('move one place at a time, and not past either end', () => {
    let t = [text('t1', null)];
    t = moveText(t, 't1', -1, KEYS);
    expect(t[0].beforeKey).toBe('k3');
    t = moveText(moveText(moveText(t, 't1', -1, KEYS), 't1', -1, KEYS), 't1', -1, KEYS);
    expect(t[0].beforeKey).toBe('k1');
    t = moveText(t, 't1', 1, KEYS);
    expect(t[0].beforeKey).toBe('k2');
    expect(moveText([text('t2', null)], 't2', 1, KEYS)[0].beforeKey).toBeNull();
  });

  it('stay in place when their question is deleted: before the next one, or at the end', () => {
    const t = afterRemoving([text('t1', 'k2'), text('t2', 'k3'), text('t3', 'k1')], 'k2', KEYS);
    expect(t.map((x) => x.beforeKey)).toEqual(['k3', 'k3', 'k1']);
    expect(afterRemoving([text('t1', 'k3')], 'k3', KEYS)[0].beforeKey).toBeNull();
  });

  it('are named by where they are, and an empty one is a problem with a way out', () => {
    expect(textPlace(text('t', 'k2'), KEYS)).toBe('Text before question 2');
    expect(textPlace(text('t', null), KEYS)).toBe('Text after the last question');
    expect(checkTexts([text('t1', 'k1', ' '), text('t2', null)], KEYS)).toEqual([
      {
        questionKey: 't1',
        part: 'text',
        label: 'Text shown to students',
        message: 'Text before question 1: type the text, or delete it',
      },
    ]);
  });

  it('place the server’s problems on the text sent at that index', () => {
    const t = [text('end', null), text('first', 'k1')];
    expect(
      textServerIssues({ 'texts[1].text': ['must not be empty'], title: ['x'] }, t, KEYS),
    ).toEqual([
      expect.objectContaining({
        questionKey: 'end',
        message: expect.stringMatching(/^Text after/),
      }),
    ]);
  });
});
