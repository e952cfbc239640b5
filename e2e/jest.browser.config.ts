/* Browser tests: the built server as a separate process, driven through Debian's Chromium. */
export default {
  displayName: 'browser',
  testEnvironment: '<rootDir>/support/browser-environment.cjs',
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true }],
  },
  moduleNameMapper: {
    '^@exam/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
  },
  testMatch: ['<rootDir>/browser/**/*.browser-spec.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
