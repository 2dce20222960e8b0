import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the school database lives: PUPITRE_DATA_DIR, else the usual per-user folder of the OS. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.PUPITRE_DATA_DIR) return env.PUPITRE_DATA_DIR;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Pupitre');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Pupitre');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'pupitre');
}
