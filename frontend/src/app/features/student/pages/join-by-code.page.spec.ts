import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { JoinByCodePage } from './join-by-code.page';

describe('JoinByCodePage', () => {
  const setup = async (code?: string) => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(JoinByCodePage);
    if (code) fixture.componentRef.setInput('code', code);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const http = TestBed.inject(HttpTestingController);
    const input = el.querySelector<HTMLInputElement>('[data-testid=join-code]')!;
    const submit = async () => {
      el.querySelector('form')!.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    return { fixture, el, navigate, http, input, submit };
  };

  it('fills the code from the QR link and goes to the lobby once joined', async () => {
    const { input, submit, http, navigate, fixture } = await setup('k7p-q3m');
    expect(input.value).toBe('K7PQ3M');
    await submit();
    const req = http.expectOne('/api/v1/exam-sessions/join');
    expect(req.request.body).toEqual({ code: 'K7PQ3M' });
    req.flush({ sessionId: 's1', title: 'Biology', alreadyEnrolled: false });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/student/sessions', 's1']);
  });

  it('says what the server said about a wrong code, beside the field', async () => {
    const { input, submit, http, el, fixture } = await setup();
    await submit();
    expect(el.textContent).toContain('Type the code your teacher shows.');
    input.value = 'ZZZZZZ';
    input.dispatchEvent(new Event('input'));
    await submit();
    http
      .expectOne('/api/v1/exam-sessions/join')
      .flush(
        { code: 'NOT_FOUND', message: 'No exam is open to join with this code.' },
        { status: 404, statusText: 'Not Found' },
      );
    await fixture.whenStable();
    expect(el.textContent).toContain('No exam is open to join with this code.');
    http.verify();
  });
});
