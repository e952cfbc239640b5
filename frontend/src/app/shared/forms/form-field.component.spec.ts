import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { FORM_FIELD } from './form-field.component';

@Component({
  imports: [FORM_FIELD],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <exam-form-field label="Points" controlId="pts" [hint]="hint()" [errors]="errors()">
      <input examFieldControl type="number" />
    </exam-form-field>
    <exam-form-field label="Weight %" srPrefix="Answer A" hideLabel inline compact>
      <input examFieldControl />
    </exam-form-field>
    <exam-form-fieldset
      label="Correct answer"
      controlId="tf"
      describedBy="tf-note"
      errorsTestId="tf-errors"
      [errors]="groupErrors()"
    >
      <label><input type="radio" name="tf" /> True</label>
      <label><input type="radio" name="tf" /> False</label>
    </exam-form-fieldset>
  `,
})
class Host {
  readonly hint = signal<string | null>(null);
  readonly errors = signal<readonly string[]>([]);
  readonly groupErrors = signal<readonly string[]>([]);
}

describe('form field', () => {
  let fixture: ComponentFixture<Host>;
  let host: Host;
  let el: HTMLElement;
  const stable = () => fixture.whenStable();

  beforeEach(async () => {
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    el = fixture.nativeElement as HTMLElement;
    await stable();
  });
  afterEach(() => TestBed.resetTestingModule());

  const input = () => el.querySelector<HTMLInputElement>('#pts')!;

  it('labels its control and says nothing more while it is fine', () => {
    expect(el.querySelector('label[for=pts]')?.textContent?.trim()).toBe('Points');
    expect(input().getAttribute('aria-describedby')).toBeNull();
    expect(input().getAttribute('aria-invalid')).toBeNull();
    expect(el.querySelector('#pts-error')).toBeNull();
    expect(el.querySelector('exam-form-field')?.classList).toContain('field');
  });

  it('ties the hint and every error to the control, and marks it invalid', async () => {
    host.hint.set('Above 0, at most two decimals.');
    await stable();
    expect(el.querySelector('#pts-hint')?.textContent).toBe('Above 0, at most two decimals.');
    expect(input().getAttribute('aria-describedby')).toBe('pts-hint');

    host.errors.set(['Points must be more than 0.', 'Use at most 2 decimals.']);
    await stable();
    expect(input().getAttribute('aria-describedby')).toBe('pts-hint pts-error');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    const errors = Array.from(el.querySelectorAll('#pts-error .field-error')).map((p) =>
      p.textContent?.trim(),
    );
    expect(errors).toEqual(['Points must be more than 0.', 'Use at most 2 decimals.']);
    expect(el.querySelector('#pts-error')?.getAttribute('data-testid')).toBe('field-error');

    host.errors.set([]);
    await stable();
    expect(input().getAttribute('aria-invalid')).toBeNull();
    expect(el.querySelector('#pts-error')).toBeNull();
  });

  it('names a control in a row fully for screen readers, with a generated id', () => {
    const field = el.querySelectorAll('exam-form-field')[1];
    const control = field.querySelector('input')!;
    const label = field.querySelector('label')!;
    expect(control.id).toMatch(/^field-\d+$/);
    expect(label.getAttribute('for')).toBe(control.id);
    expect(label.textContent?.replace(/\s+/g, ' ').trim()).toBe('Answer A Weight %');
    expect(label.classList).toContain('visually-hidden');
    expect(field.classList).toContain('inline');
    expect(field.classList).toContain('compact');
  });

  it('puts a group under a legend, described by its other ids and its errors', async () => {
    const fieldset = el.querySelector<HTMLFieldSetElement>('fieldset#tf')!;
    expect(fieldset.querySelector('legend')?.textContent?.trim()).toBe('Correct answer');
    expect(fieldset.getAttribute('aria-describedby')).toBe('tf-note');
    host.groupErrors.set(['Choose the correct answer.']);
    await stable();
    expect(fieldset.getAttribute('aria-describedby')).toBe('tf-note tf-error');
    expect(fieldset.querySelector('#tf-error')?.textContent?.trim()).toBe(
      'Choose the correct answer.',
    );
    expect(fieldset.querySelector('#tf-error')?.getAttribute('data-testid')).toBe('tf-errors');
  });
});
