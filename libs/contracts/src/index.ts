/** Everything that crosses the wire between backend, frontend and integrators. No dependencies. */
export * from './lib/roles';
export * from './lib/errors';
export * from './lib/auth';
export * from './lib/envelope';
export * from './lib/realtime-auth';
export * from './lib/exams';
export * from './lib/moodle-xml';
export * from './lib/monitoring';
export * from './lib/live-session';
export * from './lib/results';
export * from './lib/statistics';
export * from './lib/platform';
export * from './lib/session-staff';
export * from './lib/accounts';
export * from './lib/activity';
export * from './lib/answered';
export * from './lib/question-exchange';
