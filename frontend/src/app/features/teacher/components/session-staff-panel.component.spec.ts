import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { ExamSessionView, SessionAccess, SessionStaffMember } from '@exam/contracts';
import { errorBody, userView } from '../../../../testing/auth-fixtures';
import { pageOf, sessionView } from '../../../../testing/exam-fixtures';
import { SessionStaffPanelComponent } from './session-staff-panel.component';

const ines: SessionStaffMember = {
  userId: 't2',
  displayName: 'Ines Invigilator',
  email: 'ines@demo.school',
  role: 'invigilator',
  addedAt: 1,
};

describe('SessionStaffPanelComponent', () => {
  let fixture: ComponentFixture<SessionStaffPanelComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let emitted: ExamSessionView[];

  const button = (text: string) =>
    Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => b.textContent?.trim() === text || b.getAttribute('aria-label') === text,
    );
  const people = () =>
    Array.from(el.querySelectorAll('[data-testid=staff-list] li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );

  async function create(standing: SessionAccess, meId: string, staff = [ines]) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SessionStaffPanelComponent);
    fixture.componentRef.setInput(
      'session',
      sessionView({ teacherId: 'teacher-1', teacherName: 'Tom Teacher', staff }),
    );
    fixture.componentRef.setInput('standing', standing);
    fixture.componentRef.setInput('meId', meId);
    emitted = [];
    fixture.componentInstance.changed.subscribe((s) => emitted.push(s));
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  async function openEditor() {
    button('Change staff')!.click();
    await fixture.whenStable();
    http
      .expectOne((r) => r.url === '/api/v1/users' && r.params.get('role') === 'teacher')
      .flush(
        pageOf([
          userView('teacher', { displayName: 'Tom Teacher' }),
          userView('teacher', { id: 't2', displayName: 'Ines Invigilator' }),
          userView('teacher', { id: 't3', displayName: 'Carl Colleague' }),
        ]),
      );
    await fixture.whenStable();
  }

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('lists the teacher and staff in words, marking the signed-in user', async () => {
    await create('owner', 'teacher-1');
    expect(people()).toEqual(['Tom Teacher Teacher (you)', 'Ines Invigilator Invigilator']);
  });

  it('lets the owner change the staff and saves it with PUT', async () => {
    await create('owner', 'teacher-1');
    await openEditor();
    // The session's own teacher is never offered.
    expect(button('Add Tom Teacher')).toBeUndefined();
    const save = button('Save staff')!;
    expect(save.disabled).toBe(true); // nothing changed yet
    button('Add Carl Colleague')!.click();
    await fixture.whenStable();
    const role = el.querySelector<HTMLSelectElement>('[id="panel-staff-role-t3"]')!;
    role.value = 'co_teacher';
    role.dispatchEvent(new Event('change'));
    button('Remove Ines Invigilator')!.click();
    await fixture.whenStable();
    expect(save.disabled).toBe(false);
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    const req = http.expectOne('/api/v1/exam-sessions/s-1/staff');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ staff: [{ userId: 't3', role: 'co_teacher' }] });
    const updated = sessionView({
      staff: [{ ...ines, userId: 't3', displayName: 'Carl Colleague', role: 'co_teacher' }],
    });
    req.flush(updated);
    await fixture.whenStable();
    expect(emitted).toEqual([updated]);
    expect(el.querySelector('form')).toBeNull();
    expect(el.querySelector('[data-testid=staff-saved]')?.textContent).toContain('Staff saved.');
  });

  it("shows the server's sentence when the change is refused, and keeps the editor", async () => {
    await create('co_teacher', 'teacher-9', [{ ...ines, userId: 'teacher-9', role: 'co_teacher' }]);
    await openEditor();
    button('Add Carl Colleague')!.click();
    await fixture.whenStable();
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    http
      .expectOne('/api/v1/exam-sessions/s-1/staff')
      .flush(
        errorBody(
          404,
          'NOT_FOUND',
          'These teachers were not found in your academy (or are deactivated): t3.',
        ),
        { status: 404, statusText: 'Not Found' },
      );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=staff-error]')?.textContent).toContain(
      'were not found in your academy (or are deactivated): t3.',
    );
    expect(el.querySelector('form')).not.toBeNull();
    expect(emitted).toEqual([]);
  });

  it('warns a co-teacher who takes themselves off the staff', async () => {
    await create('co_teacher', 't2', [{ ...ines, role: 'co_teacher' }]);
    await openEditor();
    expect(el.querySelector('[data-testid=staff-leaving]')).toBeNull();
    button('Remove Ines Invigilator')!.click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=staff-leaving]')?.textContent).toContain(
      'you will lose this session',
    );
    button('Cancel')!.click();
    await fixture.whenStable();
    expect(el.querySelector('form')).toBeNull();
  });

  it('shows invigilators the staff without a way to change it, and says who can', async () => {
    await create('invigilator', 't2');
    expect(button('Change staff')).toBeUndefined();
    expect(people()).toContain('Ines Invigilator Invigilator (you)');
    expect(el.textContent).toContain("Only the session's teachers and admins change who runs it.");
  });
});
