import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Seals what must not lie in clear in the database (an SMTP password, a letter's PDF waiting
 * in the outbox) with AES-256-GCM. The key never sits in the database: a shared PostgreSQL
 * base leaked alone gives nothing away.
 */
export interface SecretBox {
  seal(plain: Buffer): string;
  open(sealed: string): Buffer;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('La clé de chiffrement doit faire 32 octets.');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return [
        'v1',
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        body.toString('base64'),
      ].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined)
        throw new Error('Secret illisible.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
    },
  };
}

/**
 * The key of web and server mode: `PUPITRE_SECRET_KEY` (base64 of 32 bytes) from the
 * environment; failing that, on a local SQLite install, a key file created once in the data
 * folder with owner-only access (the desktop app passes a key kept by Electron's safeStorage).
 */
export function secretKeyFrom(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  if (env.PUPITRE_SECRET_KEY) {
    const key = Buffer.from(env.PUPITRE_SECRET_KEY, 'base64');
    if (key.length !== 32) {
      throw new Error(
        'PUPITRE_SECRET_KEY doit être 32 octets encodés en base64 (openssl rand -base64 32).',
      );
    }
    return key;
  }
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}
