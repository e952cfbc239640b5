/* Unit tests of the backend: pure domain code and single classes, next to the code. */
export default {
  displayName: 'backend',
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true }],
  },
  moduleNameMapper: {
    '^@exam/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
    '^@exam/db$': '<rootDir>/../db/index.ts',
    // marked ships only ES modules (Node's require loads them; Jest's loader does not).
    '^marked$': '<rootDir>/../node_modules/marked/lib/marked.umd.js',
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};
