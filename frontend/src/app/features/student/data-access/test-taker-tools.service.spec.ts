import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DEFAULT_TEST_TAKER_TOOLS, type TestTakerToolsView } from '@exam/contracts';
import { SAVED_ON_DEVICE, TestTakerToolsState } from './test-taker-tools.service';

const URL = '/api/v1/me/test-taker-tools';
const view = (over: Partial<TestTakerToolsView> = {}): TestTakerToolsView => ({
  tools: { ...DEFAULT_TEST_TAKER_TOOLS },
  studentMayChange: true,
  setBy: null,
  updatedAt: null,
  ...over,
});

describe('TestTakerToolsState', () => {
  let http: HttpTestingController;
  let state: TestTakerToolsState;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), TestTakerToolsState],
    });
    http = TestBed.inject(HttpTestingController);
    state = TestBed.inject(TestTakerToolsState);
  });
  afterEach(() => {
    state.clear();
    http.verify();
  });

  const root = () => document.documentElement;

  it("applies the server's tools onto <html> and clears them on leaving", () => {
    state.start('u1');
    http.expectOne(URL).flush(view({ tools: { ...DEFAULT_TEST_TAKER_TOOLS, textSize: 150 } }));
    expect(root().getAttribute('data-tt-size')).toBe('150');
    state.clear();
    expect(root().getAttribute('data-tt-size')).toBeNull();
  });

  it('applies a change at once, saves it, and shows this device’s copy first after a reload', () => {
    state.start('u1');
    http.expectOne(URL).flush(view());
    state.set('highContrast', true);
    expect(root().getAttribute('data-tt-contrast')).toBe('high');
    const put = http.expectOne({ method: 'PUT', url: URL });
    expect(put.request.body.tools.highContrast).toBe(true);
    put.flush(view({ tools: put.request.body.tools, setBy: 'student' }));
    state.clear();
    // A reload: the device copy shows before the server answers.
    const again = TestBed.inject(TestTakerToolsState);
    again.start('u1');
    expect(root().getAttribute('data-tt-contrast')).toBe('high');
    http.expectOne(URL).flush(view({ tools: { ...DEFAULT_TEST_TAKER_TOOLS, highContrast: true } }));
  });

  it('keeps an offline change on the device and sends it when the page opens again online', () => {
    state.start('u1');
    http.expectOne(URL).flush(view());
    state.set('textSize', 200);
    http
      .expectOne({ method: 'PUT', url: URL })
      .error(new ProgressEvent('error'), { status: 0, statusText: 'offline' });
    expect(state.problem()).toBe(SAVED_ON_DEVICE);
    state.clear();
    const later = TestBed.inject(TestTakerToolsState);
    later.start('u1');
    http.expectOne({ method: 'GET', url: URL }).flush(view());
    const resent = http.expectOne({ method: 'PUT', url: URL });
    expect(resent.request.body.tools.textSize).toBe(200);
    resent.flush(view({ tools: resent.request.body.tools }));
    expect(later.tools().textSize).toBe(200);
  });

  it('changes nothing while staff have fixed the tools', () => {
    state.start('u1');
    http.expectOne(URL).flush(view({ studentMayChange: false }));
    state.set('lineReader', true);
    expect(state.tools().lineReader).toBe(false);
    http.expectNone({ method: 'PUT', url: URL });
  });
});
