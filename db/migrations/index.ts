/**
 * Every migration, in order. New migrations are appended here (explicit imports keep the
 * compiled build and the test runner on the same list, no file globbing).
 */
import { Accounts1764230400000 } from './1764230400000-accounts';
import { ExamsAndSessions1764230500000 } from './1764230500000-exams-and-sessions';
import { LiveSessions1764230600000 } from './1764230600000-live-sessions';
import { Archive1764230700000 } from './1764230700000-archive';
import { SecurityLog1764230800000 } from './1764230800000-security-log';
import { Results1764230900000 } from './1764230900000-results';
import { Platform1764231000000 } from './1764231000000-platform';
import { AccountState1764231100000 } from './1764231100000-account-state';
import { SessionStaff1764231200000 } from './1764231200000-session-staff';
import { SessionClosing1764231300000 } from './1764231300000-session-closing';
import { SessionLeases1764231400000 } from './1764231400000-session-leases';
import { QuestionMedia1764231500000 } from './1764231500000-question-media';
import { ExamTexts1764231600000 } from './1764231600000-exam-texts';
import { IntegritySignals1764231700000 } from './1764231700000-integrity-signals';
import { JoinCodes1764231800000 } from './1764231800000-join-codes';
import { TestTakerTools1764231900000 } from './1764231900000-test-taker-tools';
import { SqliteAnswerIndex1764232000000 } from './1764232000000-sqlite-answer-index';

export const MIGRATIONS = [
  Accounts1764230400000,
  ExamsAndSessions1764230500000,
  LiveSessions1764230600000,
  Archive1764230700000,
  SecurityLog1764230800000,
  Results1764230900000,
  Platform1764231000000,
  AccountState1764231100000,
  SessionStaff1764231200000,
  SessionClosing1764231300000,
  SessionLeases1764231400000,
  QuestionMedia1764231500000,
  ExamTexts1764231600000,
  IntegritySignals1764231700000,
  JoinCodes1764231800000,
  TestTakerTools1764231900000,
  SqliteAnswerIndex1764232000000,
];
