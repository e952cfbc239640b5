import { offsetOf, rangeOf } from './prompt-highlighter.directive';

describe('highlight offsets', () => {
  const root = () => {
    const el = document.createElement('div');
    el.innerHTML = '<p>Which <b>city</b> is</p><p>the capital?</p>';
    document.body.append(el);
    return el;
  };

  it('turns a point in formatted text into a character offset, and back', () => {
    const el = root();
    const bold = el.querySelector('b')!.firstChild!;
    expect(offsetOf(el, bold, 0)).toBe(6);
    expect(offsetOf(el, bold, 4)).toBe(10);
    // An element point: before the second paragraph.
    expect(offsetOf(el, el, 1)).toBe('Which city is'.length);
    const r = rangeOf(el, [6, 10])!;
    expect(r.toString()).toBe('city');
    expect(rangeOf(el, [0, 16])!.toString()).toBe('Which city isthe');
    el.remove();
  });

  it('says nothing for a point outside the question text', () => {
    const el = root();
    const other = document.createElement('span');
    document.body.append(other);
    expect(offsetOf(el, other, 0)).toBeNull();
    el.remove();
    other.remove();
  });
});
