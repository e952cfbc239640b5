import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder } from '@angular/forms';
import { provideHttpClient } from '@angular/common/http';
import { provideRouter } from '@angular/router';
import { FormFeedback } from '../forms/form-feedback';
import { academySettingsGroup, academySettingsMessages } from './academy-form';
import { AcademySettingsFieldsComponent } from './academy-settings-fields.component';

@Component({
  imports: [AcademySettingsFieldsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<exam-academy-settings-fields
    [group]="group"
    [feedback]="feedback"
    idPrefix="t"
    [retention]="retention()"
  />`,
})
class Host {
  readonly group = academySettingsGroup(inject(NonNullableFormBuilder), {
    name: 'Northside',
    timeZone: 'Europe/Paris',
  });
  readonly feedback = new FormFeedback(this.group, academySettingsMessages());
  readonly retention = signal(true);
}

describe('AcademySettingsFieldsComponent', () => {
  afterEach(() => TestBed.resetTestingModule());

  async function render() {
    jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 0, 8, 9, 5));
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideRouter([])] });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it("shows the chosen zone's clock, following the select", async () => {
    const { fixture, el } = await render();
    const now = () => el.querySelector('[data-testid=zone-now]')?.textContent?.trim();
    expect(now()).toBe('Now there: Thursday 8 January 2026, 10:05.');
    const select = el.querySelector<HTMLSelectElement>('#t-zone')!;
    select.value = 'Asia/Tokyo';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(fixture.componentInstance.group.controls.timeZone.value).toBe('Asia/Tokyo');
    expect(now()).toBe('Now there: Thursday 8 January 2026, 18:05.');
    expect(select.getAttribute('aria-describedby')).toBe('t-zone-hint');
  });

  it('labels every field, and leaves retention out when asked', async () => {
    const { fixture, el } = await render();
    const labels = () =>
      Array.from(el.querySelectorAll('label')).map((l) => [l.htmlFor, l.textContent?.trim()]);
    expect(labels()).toEqual([
      ['t-name', 'Name of the school'],
      ['t-zone', 'Time zone'],
      ['t-archive', 'Archive finished sessions after (days)'],
      ['t-seclog', 'Keep the security log for (days)'],
    ]);
    expect(el.querySelector('legend')?.textContent).toContain('Keeping data');
    fixture.componentInstance.retention.set(false);
    await fixture.whenStable();
    expect(labels().map(([id]) => id)).toEqual(['t-name', 't-zone']);
  });
});
