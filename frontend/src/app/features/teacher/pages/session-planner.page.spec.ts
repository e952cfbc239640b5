import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { CreateExamSessionRequest } from '@exam/contracts';
import { errorBody, storeSession, userView } from '../../../../testing/auth-fixtures';
import { examSummary, pageOf, sessionView } from '../../../../testing/exam-fixtures';
import { SessionPlannerPage, parseWarnings } from './session-planner.page';

describe('SessionPlannerPage', () => {
  let fixture: ComponentFixture<SessionPlannerPage>;
  let el: HTMLElement;
  let http: HttpTestingController;

  const students = [
    userView('student', { id: 's1', displayName: 'Sam Student' }),
    userView('student', { id: 's2', displayName: 'Sue Student', active: false }),
    userView('student', { id: 's3', displayName: 'Sid Student', extraTimePercent: 25 }),
  ];
  const teachers = [
    userView('teacher'), // the signed-in teacher: never offered
    userView('teacher', { id: 't2', displayName: 'Ines Invigilator', email: 'ines@demo.school' }),
    userView('teacher', { id: 't3', displayName: 'Carl Colleague', email: 'carl@demo.school' }),
    userView('teacher', { id: 't4', displayName: 'Gone Teacher', active: false }),
  ];
  const byRole =
    (role: string) => (r: { url: string; params: { get(k: string): string | null } }) =>
      r.url === '/api/v1/users' && r.params.get('role') === role;
  const button = (label: string) =>
    el.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
  const fill = async (sel: string, value: string, ev = 'input') => {
    const i = el.querySelector<HTMLInputElement | HTMLSelectElement>(sel)!;
    i.value = value;
    i.dispatchEvent(new Event(ev));
    await fixture.whenStable();
  };
  const submit = async () => {
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  };
  const checkbox = (text: string) =>
    Array.from(el.querySelectorAll('label.choice'))
      .find((l) => l.textContent?.includes(text))!
      .querySelector('input') as HTMLInputElement;

  beforeEach(async () => {
    storeSession('teacher', { user: userView('teacher', { academyTimeZone: 'Europe/Paris' }) });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SessionPlannerPage);
    fixture.componentRef.setInput('examId', 'e2');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    const exams = http.expectOne((r) => r.url === '/api/v1/exams');
    expect(exams.request.params.get('active')).toBe('true');
    exams.flush(
      pageOf([examSummary(), examSummary({ id: 'e2', title: 'Biology', durationMinutes: 45 })]),
    );
    http.expectOne(byRole('student')).flush(pageOf(students));
    http.expectOne(byRole('teacher')).flush(pageOf(teachers));
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  it('parses time warnings', () => {
    expect(parseWarnings('1, 10 5,5')).toEqual([10, 5, 1]);
    expect(parseWarnings('')).toEqual([]);
    expect(parseWarnings('10, soon')).toBeNull();
  });

  it('preselects the exam from the link, enrols all students and sends the settings', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    expect(el.querySelector<HTMLSelectElement>('#plan-exam')!.value).toBe('e2');
    expect(el.querySelector<HTMLInputElement>('#plan-duration')!.value).toBe('45');
    checkbox('Select all').click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=selected-count]')?.textContent).toContain(
      '3 students selected',
    );
    // A deactivated student is marked (the server still enrols them).
    expect(checkbox('Sue Student').closest('label')?.textContent).toContain(
      'Deactivated: cannot sign in',
    );
    checkbox('Sue Student').click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=selected-count]')?.textContent).toContain('2 students');
    await fill('#plan-title', 'Biology 3B');
    await fill('#plan-warnings', '15, 5');
    await fill('#plan-grace', '60', 'change');
    checkbox('join after the launch').click();
    // Activity recorded: full screen asked for, pastes not recorded.
    checkbox('work in full screen').click();
    await fixture.whenStable();
    checkbox('Pasting into an answer').click();
    await fixture.whenStable();
    await submit();
    const req = http.expectOne('/api/v1/exam-sessions');
    expect(req.request.body as CreateExamSessionRequest).toEqual({
      examId: 'e2',
      title: 'Biology 3B',
      studentIds: ['s1', 's3'],
      durationMinutes: 45,
      config: {
        timeWarningMinutes: [15, 5],
        gracePeriodSeconds: 60,
        allowLateJoin: false,
        integritySignals: [
          'page_hidden',
          'focus_lost',
          'fullscreen_exit',
          'second_device',
          'new_ip',
          'reconnect',
        ],
        fullscreen: true,
        calculator: false,
      },
    });
    req.flush(sessionView({ title: 'Biology 3B' }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/teacher/sessions'], {
      state: { created: 'Biology 3B' },
    });
  });

  it('keeps the selection across searches and shows server field problems', async () => {
    checkbox('Sam Student').click();
    await fixture.whenStable();
    await fill('#plan-search', 'sid');
    await new Promise((r) => setTimeout(r, 350));
    const search = http.expectOne((r) => r.url === '/api/v1/users');
    expect(search.request.params.get('search')).toBe('sid');
    search.flush(pageOf([students[2]]));
    await fixture.whenStable();
    expect(el.textContent).toContain('+25 % time');
    expect(el.textContent).toContain('Select all shown (1)');
    expect(el.textContent).not.toContain('Deactivated');
    checkbox('Select all').click();
    await fixture.whenStable();
    await fill('#plan-warnings', 'ten');
    await submit();
    expect(el.textContent).toContain('Write whole minutes separated by commas');
    await fill('#plan-warnings', '5');
    await submit();
    const req = http.expectOne('/api/v1/exam-sessions');
    expect((req.request.body as CreateExamSessionRequest).studentIds).toEqual(['s1', 's3']);
    req.flush(
      errorBody(400, 'VALIDATION_FAILED', 'The request has invalid fields: durationMinutes.', [
        { field: 'durationMinutes', problems: ['durationMinutes must not be greater than 1440'] },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('#plan-duration')?.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('#plan-duration-error')?.textContent?.trim()).toBe(
      'Duration (minutes) must not be greater than 1440',
    );
    expect(el.querySelector('#plan-duration')?.getAttribute('aria-describedby')).toBe(
      'plan-duration-error',
    );
    expect(el.querySelector('[data-testid=planner-error]')?.textContent?.trim()).toBe(
      'Some fields need attention. Fix them and try again.',
    );
  });
  it("reads the planned start as a wall time in the school's zone, and says which zone", async () => {
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    expect(el.querySelector('#plan-start-hint')?.textContent).toContain(
      'Times are in Europe/Paris',
    );
    // The night Paris moves its clocks forward: 02:30 does not exist and means 03:30.
    await fill('#plan-start', '2026-03-29T02:30', 'change');
    expect(el.querySelector('[data-testid=plan-start-when]')?.textContent).toContain(
      'Starts Sunday 29 March 2026, 03:30 (Europe/Paris time)',
    );
    await submit();
    const req = http.expectOne('/api/v1/exam-sessions');
    expect((req.request.body as CreateExamSessionRequest).scheduledStartAt).toBe(
      Date.UTC(2026, 2, 29, 1, 30),
    );
    req.flush(sessionView());
  });

  it('sends a summer start with the summer offset and refuses an unreadable one', async () => {
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await fill('#plan-start', '2026-07-01T09:00', 'change');
    expect(el.querySelector('[data-testid=plan-start-when]')?.textContent).toContain(
      'Wednesday 1 July 2026, 09:00',
    );
    // A half-typed date: the browser reports bad input and an empty value.
    const start = el.querySelector<HTMLInputElement>('#plan-start')!;
    Object.defineProperty(start, 'validity', { configurable: true, value: { badInput: true } });
    await fill('#plan-start', '', 'change');
    await submit();
    expect(el.querySelector('#plan-start')?.getAttribute('aria-invalid')).toBe('true');
    expect(el.textContent).toContain('Enter a date and a time');
    Object.defineProperty(start, 'validity', { configurable: true, value: { badInput: false } });
    await fill('#plan-start', '2026-07-01T09:00', 'change');
    await submit();
    const req = http.expectOne('/api/v1/exam-sessions');
    expect((req.request.body as CreateExamSessionRequest).scheduledStartAt).toBe(
      Date.UTC(2026, 6, 1, 7),
    );
    req.flush(sessionView());
  });

  it('adds colleagues as co-teacher or invigilator and sends them as staff', async () => {
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const staffCard = el.querySelector('[data-testid=planner-staff]')!;
    expect(staffCard.querySelector('legend')?.textContent).toContain('Who else runs this session');
    // Not the signed-in teacher, not a deactivated one.
    expect(button('Add Teacher One')).toBeNull();
    expect(button('Add Gone Teacher')).toBeNull();
    expect(staffCard.textContent).toContain('Nobody else yet: you run this session alone.');
    button('Add Ines Invigilator')!.click();
    button('Add Carl Colleague')!.click();
    await fixture.whenStable();
    const role = el.querySelector<HTMLSelectElement>('[id="plan-staff-role-t3"]')!;
    role.value = 'co_teacher';
    role.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(staffCard.textContent).toContain('Can change the plan and see results.');
    await submit();
    const req = http.expectOne('/api/v1/exam-sessions');
    expect((req.request.body as CreateExamSessionRequest).staff).toEqual([
      { userId: 't2', role: 'invigilator' },
      { userId: 't3', role: 'co_teacher' },
    ]);
    req.flush(sessionView());
  });

  it('shows the server sentence about staff, and sends no staff once nobody else runs it', async () => {
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    button('Add Ines Invigilator')!.click();
    await fixture.whenStable();
    await submit();
    let req = http.expectOne('/api/v1/exam-sessions');
    expect((req.request.body as CreateExamSessionRequest).staff).toEqual([
      { userId: 't2', role: 'invigilator' },
    ]);
    req.flush(
      errorBody(404, 'NOT_FOUND', 'These teachers were not found in your academy: t2.', {
        userIds: ['t2'],
      }),
      { status: 404, statusText: 'Not Found' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=planner-error]')?.textContent).toContain(
      'These teachers were not found in your academy: t2.',
    );
    button('Remove Ines Invigilator')!.click();
    await fixture.whenStable();
    await submit();
    req = http.expectOne('/api/v1/exam-sessions');
    expect(req.request.body).not.toHaveProperty('staff');
    req.flush(sessionView());
  });

  it('says what really happens: the lobby opens at once, the teacher launches', () => {
    const lead = el.querySelector('.lead')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(lead).toContain('Students can wait in the lobby as soon as the session is planned.');
    expect(lead).toContain('You launch it from the live dashboard');
    expect(el.textContent).not.toMatch(/\bopen (it|and launch)/);
    expect(el.querySelector('[data-testid=selected-count]')?.textContent?.trim()).toBe(
      '0 students selected.',
    );
    checkbox('Sam Student').click();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=selected-count]')?.textContent?.trim()).toBe(
      '1 student selected.',
    );
  });

  it('launches by itself at the planned start when asked, and needs one', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    checkbox('Launch by itself at the planned start').click();
    await fixture.whenStable();
    expect(el.querySelector('#plan-auto-hint')?.textContent).toContain(
      'The students waiting in the lobby start at that time',
    );
    await submit();
    http.expectNone('/api/v1/exam-sessions');
    expect(el.querySelector('#plan-start')?.getAttribute('aria-invalid')).toBe('true');
    expect(el.textContent).toContain('Choose a planned start for the session to launch by itself.');

    await fill('#plan-start', '2026-03-10T09:30', 'change');
    await submit();
    const req = http.expectOne('/api/v1/exam-sessions');
    const body = req.request.body as CreateExamSessionRequest;
    expect(body.config?.autoLaunch).toBe(true);
    expect(body.scheduledStartAt).toBe(Date.UTC(2026, 2, 10, 8, 30));
    // The server refuses a start that has passed, in its own words.
    const sentence =
      'The planned start has passed: choose a later time, or launch the session yourself.';
    req.flush(
      errorBody(400, 'VALIDATION_FAILED', sentence, [
        { field: 'scheduledStartAt', problems: ['in the past'] },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('#plan-start-error')?.textContent?.trim()).toBe(sentence);
    expect(el.textContent).not.toContain('in the past');

    await fill('#plan-start', '2099-03-10T09:30', 'change');
    await submit();
    http.expectOne('/api/v1/exam-sessions').flush(
      sessionView({
        title: 'Biology',
        scheduledStartAt: Date.UTC(2099, 2, 10, 8, 30),
        config: {
          timeWarningMinutes: [5],
          gracePeriodSeconds: 30,
          allowLateJoin: true,
          autoLaunch: true,
        },
      }),
    );
    expect(navigate).toHaveBeenCalledWith(['/teacher/sessions'], {
      state: { created: 'Biology', autoLaunchAt: Date.UTC(2099, 2, 10, 8, 30) },
    });
  });

  it('sends no launch by itself unless asked', async () => {
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await submit();
    const req = http.expectOne('/api/v1/exam-sessions');
    expect((req.request.body as CreateExamSessionRequest).config).not.toHaveProperty('autoLaunch');
    req.flush(sessionView());
  });
});
