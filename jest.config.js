// Transpile-only (isolatedModules in tsconfig): types are checked once by `tsc --noEmit` in `npm test`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/bench/peer/"],
  testTimeout: 60000,
  // Every test previews as on a machine that exports AWS_REGION and has no AWS files of its own.
  setupFiles: ["<rootDir>/test/aws-environment.ts"],
};
