/* Unit tests of the Angular app: jsdom, zoneless, next to the code. */
import { createCjsPreset } from 'jest-preset-angular/presets';

export default {
  ...createCjsPreset(),
  displayName: 'frontend',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  moduleNameMapper: { '^@exam/contracts$': '<rootDir>/../libs/contracts/src/index.ts' },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // marked ships only ES modules.
  transformIgnorePatterns: ['node_modules/(?!(marked)/|.*\\.mjs$)'],
  clearMocks: true,
  restoreMocks: true,
};
