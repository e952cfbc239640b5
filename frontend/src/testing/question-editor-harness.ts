/**
 * Mounts one question-type editor the way the exam editor uses it: every emitted question is
 * fed back in, so a test can make several edits in a row and read what the page would save.
 */
import type { Type } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { FieldErrors } from '../app/features/teacher/data-access/editor-issues';
import type { QuestionDraft } from '../app/features/teacher/data-access/question-drafts';
import type { QuestionTypeEditor } from '../app/features/teacher/components/question-types/question-type-editor';

export interface EditorHarness<T extends QuestionDraft> {
  fixture: ComponentFixture<QuestionTypeEditor<T>>;
  el: HTMLElement;
  /** The question as the page holds it now. */
  current(): T;
  emitted: T[];
  stable(): Promise<void>;
  /** The control `uid-<part>`. */
  control<E extends HTMLElement = HTMLInputElement>(part: string): E;
  /** Types into (or picks in) the control `uid-<part>`. */
  fill(part: string, value: string): Promise<void>;
  /** The same, without letting Angular re-render before the next step (a quick user). */
  fillAtOnce(part: string, value: string): void;
  click(selector: string | HTMLElement): Promise<void>;
  button(name: string): HTMLButtonElement;
  setErrors(errors: FieldErrors): Promise<void>;
  /** The text of the error block under `uid-<part>`, if any. */
  errorOf(part: string): string | undefined;
}

export const UID = 'q1';

export async function mountEditor<T extends QuestionDraft>(
  component: Type<QuestionTypeEditor<T>>,
  question: T,
): Promise<EditorHarness<T>> {
  const fixture = TestBed.createComponent(component);
  const el = fixture.nativeElement as HTMLElement;
  let current = question;
  const emitted: T[] = [];
  fixture.componentRef.setInput('question', question);
  fixture.componentRef.setInput('uid', UID);
  // As the exam editor: what it holds now, ahead of the re-rendered input.
  fixture.componentRef.setInput('latest', () => current);
  // The page holds each change at once; the editor's input shows it at the next render.
  let unrendered = false;
  fixture.componentInstance.changed.subscribe((q) => {
    emitted.push(q);
    current = q;
    unrendered = true;
  });
  const stable = () => {
    if (unrendered) fixture.componentRef.setInput('question', current);
    unrendered = false;
    return fixture.whenStable();
  };
  await stable();
  const control = <E extends HTMLElement>(part: string): E => {
    const found = el.querySelector<E>(`[id="${UID}-${part}"]`);
    if (!found) throw new Error(`no control ${UID}-${part}`);
    return found;
  };
  const fillAtOnce = (part: string, value: string): void => {
    const c = control<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(part);
    c.value = value;
    if (!(c instanceof HTMLSelectElement)) c.dispatchEvent(new Event('input'));
    c.dispatchEvent(new Event('change'));
  };
  return {
    fixture,
    el,
    emitted,
    current: () => current,
    stable,
    control,
    async fill(part, value) {
      fillAtOnce(part, value);
      await stable();
    },
    fillAtOnce,
    async click(target) {
      const node = typeof target === 'string' ? el.querySelector<HTMLElement>(target) : target;
      if (!node) throw new Error(`nothing at ${String(target)}`);
      node.click();
      await stable();
    },
    button(name) {
      const b = Array.from(el.querySelectorAll('button')).find(
        (x) => (x.getAttribute('aria-label') ?? x.textContent?.trim()) === name,
      );
      if (!b) throw new Error(`no button ${name}`);
      return b;
    },
    async setErrors(errors) {
      fixture.componentRef.setInput('errors', errors);
      await stable();
    },
    errorOf(part) {
      return el
        .querySelector(`[id="${UID}-${part}-error"]`)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim();
    },
  };
}
