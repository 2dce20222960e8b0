import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';

/**
 * The desktop app's key for sealed secrets (SMTP password, letters waiting in the outbox):
 * random, kept in the user-data folder encrypted by the operating system (DPAPI on
 * Windows, the keychain on macOS, libsecret on Linux). On Linux Electron may fall back to a
 * fixed key (`basic_text`): that is no protection, so the key is then not taken from there
 * and Pupitre uses PUPITRE_SECRET_KEY, or else a key file in its data folder, as in web mode.
 */
export function desktopSecretKey(userDataDir: string): Buffer | undefined {
  if (process.env.PUPITRE_SECRET_KEY) return undefined;
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return undefined;
  }
  const file = join(userDataDir, 'cle-secrets.bin');
  if (existsSync(file)) return Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64');
  const key = randomBytes(32);
  writeFileSync(file, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
  return key;
}
