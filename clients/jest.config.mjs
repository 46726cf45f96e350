// The web apps' shared libraries' component and unit tests: Angular's TestBed on
// jsdom (no browser to download), zoneless like the apps. Part of the root `npm test`.
import presets from 'jest-preset-angular/presets/index.js';
import { pathsToModuleNameMapper } from 'ts-jest';
import tsconfig from './tsconfig.json' with { type: 'json' };

process.env.TZ = 'UTC';

/** @type {import('jest').Config} */
export default {
  ...presets.createCjsPreset({
    tsconfig: '<rootDir>/tsconfig.spec.json',
    // jsdom itself, through the preset's environment: no jest-environment-jsdom to install.
    testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  }),
  displayName: 'web',
  rootDir: import.meta.dirname,
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
  moduleNameMapper: pathsToModuleNameMapper(tsconfig.compilerOptions.paths, {
    prefix: '<rootDir>/',
  }),
};
