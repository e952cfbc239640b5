import { TestBed } from '@angular/core/testing';
import type { SessionQuestion } from '@exam/contracts';
import { KEYED } from '../../../../testing/exam-fixtures';
import { AnswerHistoryComponent, answerInWords } from './answer-history.component';

const q = (i: number): SessionQuestion => ({ ...KEYED[i], id: `q${i}` }) as SessionQuestion;

describe('answerInWords', () => {
  it('turns stored answers into the words the student saw', () => {
    expect(answerInWords(q(0), { optionId: 'b' })).toBe('Lyon');
    expect(answerInWords(q(1), { value: false })).toBe('False');
    expect(answerInWords(q(2), { optionIds: ['a', 'c'] })).toBe('Two; Four');
    expect(answerInWords(q(2), { optionIds: [] })).toBe('Nothing chosen');
    expect(answerInWords(q(3), { text: 'green' })).toBe('green');
    expect(answerInWords(q(4), { value: 3.14 })).toBe('3.14 rad');
    expect(answerInWords(q(5), { text: 'Line 1\nLine 2' })).toBe('Line 1\nLine 2');
    expect(answerInWords(q(6), { order: ['z', 'x', 'y'] })).toBe('third > first > second');
    expect(answerInWords(q(7), { pairs: { l1: 'r3' } })).toBe('dog = moo');
    expect(answerInWords(q(0), null)).toBe('No answer');
  });

  it('shows what it cannot explain compactly', () => {
    expect(answerInWords(q(0), { optionId: 'zz' })).toBe('zz');
    expect(answerInWords(q(6), { text: 'odd' } as never)).toBe('{"text":"odd"}');
  });
});

describe('AnswerHistoryComponent', () => {
  it('is folded away and counts the saves and grades', async () => {
    const fixture = TestBed.createComponent(AnswerHistoryComponent);
    fixture.componentRef.setInput('question', q(0));
    fixture.componentRef.setInput('answers', [
      { seq: 1, final: true, answer: { optionId: 'a' }, savedAt: 1 },
    ]);
    fixture.componentRef.setInput('grades', []);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('details')?.open).toBe(false);
    expect(el.querySelector('summary')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'History (1 save)',
    );
    expect(el.textContent).toContain('No teacher has graded this answer.');
    expect(el.querySelector('li')?.textContent).toContain('Paris');
  });
});
