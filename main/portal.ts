// First: React reads NODE_ENV when it is loaded (productionMode.ts says why).
import './http/portal/productionMode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPupitre } from './bootstrap';
import { defaultDataDir } from './config';
import { startPortal } from './http/portal/startPortal';

const USAGE = `Usage : npm run portal -- [--host 127.0.0.1] [--port 3211] [--data-dir DOSSIER]
  Le portail des familles seul, sans la fenêtre du personnel (serveur d'établissement ou
  d'académie), sur la base SQLite du dossier ou sur PostgreSQL (PUPITRE_POSTGRES_URL).
  --host        interface d'écoute (127.0.0.1 par défaut ; 0.0.0.0 publie sur le réseau)
  --port        port d'écoute (3211 par défaut)
  --data-dir    dossier de la base (sinon PUPITRE_DATA_DIR, sinon le dossier de l'utilisateur)
  --cert --key  certificat et clé (PEM) fournis par l'établissement, pour servir en HTTPS
  --trust-proxy adresse du mandataire inverse (reverse proxy) placé devant le portail
  --proxy-https le mandataire sert le portail en HTTPS (cookies Secure, HSTS)
  --hostname    nom public du portail (répétable), en plus de ceux des adresses des établissements
  PUPITRE_SECRET_KEY (32 octets en base64) doit être la même pour tous les processus d'une base.`;

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        host: { type: 'string', default: process.env.PUPITRE_PORTAL_HOST ?? '127.0.0.1' },
        port: { type: 'string', default: process.env.PUPITRE_PORTAL_PORT ?? '3211' },
        'data-dir': { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        'trust-proxy': { type: 'string' },
        'proxy-https': { type: 'boolean', default: false },
        hostname: { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Port invalide : ${args.port}\n${USAGE}`);
    process.exit(2);
  }
  if (Boolean(args.cert) !== Boolean(args.key)) {
    console.error('Donnez à la fois --cert et --key pour servir en HTTPS.');
    process.exit(2);
  }
  const dataDir = args['data-dir'] ?? defaultDataDir();
  const pupitre = await startPupitre({
    dataDir,
    postgresUrl: process.env.PUPITRE_POSTGRES_URL || undefined,
  });
  if (!pupitre.hasSchool) {
    console.error('Aucun établissement dans cette base : créez-le d’abord depuis Pupitre.');
    await pupitre.close();
    process.exit(1);
  }
  const portal = await startPortal(pupitre, {
    host: args.host,
    port,
    https:
      args.cert && args.key ? { cert: readFileSync(args.cert), key: readFileSync(args.key) } : null,
    trustProxy: args['trust-proxy'] ? args['trust-proxy'].split(',').map((s) => s.trim()) : false,
    publicHttps: args['proxy-https'],
    hostnames: args.hostname ?? [],
  });
  const base = process.env.PUPITRE_POSTGRES_URL
    ? 'PostgreSQL (PUPITRE_POSTGRES_URL)'
    : join(dataDir, 'pupitre.sqlite');
  console.log(`Portail des familles — base : ${base}`);
  console.log(`Portail des familles : ${portal.url}`);
  const stop = async () => {
    await portal.close();
    await pupitre.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
