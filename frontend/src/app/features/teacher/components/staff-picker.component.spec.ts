import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { errorBody, userView } from '../../../../testing/auth-fixtures';
import { pageOf } from '../../../../testing/exam-fixtures';
import type { StaffChoice } from '../data-access/staff-choices';
import { StaffPickerComponent } from './staff-picker.component';

describe('StaffPickerComponent', () => {
  let fixture: ComponentFixture<StaffPickerComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;

  const teachers = [
    userView('teacher', { id: 't1', displayName: 'Tom Teacher' }),
    userView('teacher', { id: 't2', displayName: 'Ines Invigilator', email: 'ines@demo.school' }),
    userView('teacher', { id: 't3', displayName: 'Carl Colleague', email: 'carl@demo.school' }),
  ];
  const teacherRequest = () =>
    http.expectOne((r) => r.url === '/api/v1/users' && r.params.get('role') === 'teacher');
  const button = (label: string) =>
    el.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
  const chosen = () => fixture.componentInstance.chosen();

  async function create(initial: StaffChoice[] = []) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StaffPickerComponent);
    fixture.componentRef.setInput('exclude', ['t1']);
    fixture.componentRef.setInput('idPrefix', 'p');
    fixture.componentRef.setInput('chosen', initial);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    await fixture.whenStable();
  }

  afterEach(() => {
    http.verify();
    el.remove();
    TestBed.resetTestingModule();
  });

  it('offers the school teachers except the excluded one, and explains both roles', async () => {
    await create();
    const req = teacherRequest();
    expect(req.request.params.get('pageSize')).toBe('50');
    req.flush(pageOf(teachers));
    await fixture.whenStable();
    expect(button('Add Tom Teacher')).toBeNull();
    expect(button('Add Ines Invigilator')).not.toBeNull();
    expect(el.querySelector('[data-testid=p-found]')?.textContent).toContain(
      '2 teachers you can add.',
    );
    expect(el.textContent).toContain('Co-teacher: can change the plan and see results.');
    expect(el.textContent).toContain('Invigilator: runs the live exam only.');
    expect(el.textContent).toContain('Nobody else yet.');
  });

  it('adds a teacher as invigilator, moves focus to their role, and lets the role change', async () => {
    await create();
    teacherRequest().flush(pageOf(teachers));
    await fixture.whenStable();
    button('Add Ines Invigilator')!.click();
    await fixture.whenStable();
    expect(chosen()).toEqual([
      {
        userId: 't2',
        displayName: 'Ines Invigilator',
        email: 'ines@demo.school',
        role: 'invigilator',
      },
    ]);
    // Added people leave the list of teachers to add.
    expect(button('Add Ines Invigilator')).toBeNull();
    const role = el.querySelector<HTMLSelectElement>('[id="p-role-t2"]')!;
    expect(document.activeElement).toBe(role);
    expect(el.querySelector('label[for="p-role-t2"]')?.textContent).toBe(
      'Role of Ines Invigilator',
    );
    expect(Array.from(role.options).map((o) => o.textContent?.trim())).toEqual([
      'Co-teacher',
      'Invigilator',
    ]);
    expect(el.querySelector('[id="p-role-t2-hint"]')?.textContent).toBe('Runs the live exam only.');
    role.value = 'co_teacher';
    role.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(chosen()[0].role).toBe('co_teacher');
    expect(el.querySelector('[id="p-role-t2-hint"]')?.textContent).toBe(
      'Can change the plan and see results.',
    );
  });

  it('removes a chosen person, offers them again and returns focus to the search', async () => {
    await create([
      {
        userId: 't3',
        displayName: 'Carl Colleague',
        email: 'carl@demo.school',
        role: 'co_teacher',
      },
    ]);
    teacherRequest().flush(pageOf(teachers));
    await fixture.whenStable();
    expect(el.querySelector<HTMLSelectElement>('[id="p-role-t3"]')!.value).toBe('co_teacher');
    expect(button('Add Carl Colleague')).toBeNull();
    button('Remove Carl Colleague')!.click();
    await fixture.whenStable();
    expect(chosen()).toEqual([]);
    expect(button('Add Carl Colleague')).not.toBeNull();
    expect(document.activeElement).toBe(el.querySelector('#p-search'));
  });

  it('searches by name or email after a pause, and shows why loading failed', async () => {
    await create();
    teacherRequest().flush(pageOf(teachers));
    await fixture.whenStable();
    const search = el.querySelector<HTMLInputElement>('#p-search')!;
    search.value = 'zed';
    search.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 350));
    const req = teacherRequest();
    expect(req.request.params.get('search')).toBe('zed');
    req.flush(pageOf([]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=p-found]')?.textContent).toContain(
      'No other teachers match.',
    );
    search.value = 'in';
    search.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 350));
    teacherRequest().flush(errorBody(403, 'FORBIDDEN', 'Only admins and teachers list users.'), {
      status: 403,
      statusText: 'Forbidden',
    });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=p-found]')?.textContent).toContain(
      'Only admins and teachers list users.',
    );
  });
});
