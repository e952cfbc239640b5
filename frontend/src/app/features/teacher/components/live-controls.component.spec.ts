import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { LiveControlsComponent } from './live-controls.component';

describe('LiveControlsComponent', () => {
  let fixture: ComponentFixture<LiveControlsComponent>;
  let el: HTMLElement;
  const stable = () => fixture.whenStable();

  beforeEach(async () => {
    fixture = TestBed.createComponent(LiveControlsComponent);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('status', 'active');
    fixture.componentRef.setInput('students', [
      { id: 's1', name: 'Sol Student' },
      { id: 's2', name: 'Sam Student' },
    ]);
    await stable();
  });
  afterEach(() => TestBed.resetTestingModule());

  it('says beside the minutes why time cannot be added, and adds it once they are right', async () => {
    const added = jest.fn();
    fixture.componentInstance.addTime.subscribe(added);
    const minutes = el.querySelector<HTMLInputElement>('#add-minutes')!;
    expect(el.querySelector('label[for=add-minutes]')?.textContent?.trim()).toBe('Minutes');
    minutes.value = '0';
    minutes.dispatchEvent(new Event('input'));
    await stable();
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    expect(minutes.getAttribute('aria-describedby')).toBe('add-minutes-error');
    expect(el.querySelector('#add-minutes-error')?.textContent?.trim()).toBe(
      'Give the minutes to add, from 1 to 600.',
    );
    minutes.value = '10';
    minutes.dispatchEvent(new Event('input'));
    await stable();
    expect(minutes.getAttribute('aria-invalid')).toBeNull();
    el.querySelector<HTMLFormElement>('form[aria-labelledby=time-title]')!.dispatchEvent(
      new Event('submit'),
    );
    await stable();
    expect(added).toHaveBeenCalledWith({ minutes: 10 });
  });

  it('asks for a student once the message goes to chosen students', async () => {
    const sent = jest.fn();
    fixture.componentInstance.broadcast.subscribe(sent);
    const message = el.querySelector<HTMLTextAreaElement>('#msg-text')!;
    expect(message.getAttribute('aria-describedby')).toBe('msg-text-hint');
    message.value = 'Ten minutes left';
    message.dispatchEvent(new Event('input'));
    el.querySelectorAll<HTMLInputElement>('input[name=to]')[1].click();
    await stable();
    const group = el.querySelector('#msg-students')!;
    expect(group.querySelector('legend')?.textContent?.trim()).toBe('Students');
    expect(group.getAttribute('aria-describedby')).toBe('msg-students-error');
    expect(group.textContent).toContain('Choose at least one student, or send to all students.');
    group.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    await stable();
    expect(el.querySelector('#msg-students-error')).toBeNull();
    el.querySelector<HTMLFormElement>('form[aria-labelledby=msg-title]')!.dispatchEvent(
      new Event('submit'),
    );
    await stable();
    expect(sent).toHaveBeenCalledWith({
      message: 'Ten minutes left',
      level: 'info',
      studentIds: ['s1'],
    });
  });
});
