/** Migrations and seed data, imported by the backend as `@exam/db`. */
export { MIGRATIONS } from './migrations';
export { ENGLISH_ASSESSMENT } from './seeds';
