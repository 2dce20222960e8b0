import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The Electron executable's path, or null where none is installed (no download possible). */
export function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
