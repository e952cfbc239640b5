/** Migrations and seed data, imported by the backend as `@exam/db`. */
export { MIGRATIONS } from './migrations';
export { PLATFORM_ACADEMY_ID } from './migrations/1764231000000-platform';
export { ENGLISH_ASSESSMENT } from './seeds';
