/**
 * Vitest setup file: after each test file, the data folders the studio-server harness made for it
 * are removed (a CI run makes a few hundred; they are not needed once the file's tests are done).
 */
import { afterAll } from 'vitest';
import { removeCreatedDataDirs } from './studio-server';

afterAll(removeCreatedDataDirs);
