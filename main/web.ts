// First: React reads NODE_ENV when it is loaded (productionMode.ts says why).
import './http/portal/productionMode';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './config';
import { startWebServer } from './http/webServer';

const USAGE = `Usage : npm run web -- [--demo] [--port 3210] [--data-dir DOSSIER]
  --demo       crée l'établissement de démonstration si la base est vide
  --port       port d'écoute sur 127.0.0.1 (3210 par défaut)
  --portal-port port du portail des familles sur 127.0.0.1 (3211 par défaut)
  --data-dir   dossier de la base (sinon PUPITRE_DATA_DIR, sinon le dossier de l'utilisateur)`;

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        demo: { type: 'boolean', default: false },
        port: { type: 'string', default: process.env.PORT ?? '3210' },
        'portal-port': { type: 'string', default: '3211' },
        'data-dir': { type: 'string' },
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
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const rendererDir = join(root, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(
      'La fenêtre n’est pas construite : lancez « npm run build:renderer » (ou « npm run web »).',
    );
    process.exit(1);
  }
  const dataDir = args['data-dir'] ?? defaultDataDir();
  const server = await startWebServer({
    dataDir,
    port,
    rendererDir,
    portalPort: Number(args['portal-port']),
    demo: args.demo,
    adminPassword: process.env.PUPITRE_ADMIN_PASSWORD || undefined,
    postgresUrl: process.env.PUPITRE_POSTGRES_URL || undefined,
  });

  const base = process.env.PUPITRE_POSTGRES_URL
    ? 'PostgreSQL (PUPITRE_POSTGRES_URL)'
    : join(dataDir, 'pupitre.sqlite');
  console.log(`Pupitre (mode web) — base : ${base}`);
  if (server.created) {
    console.log(
      `Établissement de démonstration créé : ${server.created.school.name} (${server.created.school.uai})`,
    );
    console.log(`Première connexion — identifiant : ${server.created.directionLogin}`);
    console.log(
      server.created.directionPassword
        ? `                     mot de passe : ${server.created.directionPassword}   (affiché une seule fois)`
        : '                     mot de passe : celui de PUPITRE_ADMIN_PASSWORD',
    );
  } else if (!server.hasSchool) {
    console.log(
      'Base vide : ouvrez l’adresse ci-dessous pour créer l’établissement (ou relancez avec --demo).',
    );
  }
  console.log(`Fenêtre du personnel : ${server.url}`);
  if (server.portalUrl) console.log(`Portail des familles : ${server.portalUrl}`);

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    console.error('Ce port est déjà utilisé : choisissez-en un autre avec --port.');
  } else {
    console.error('Pupitre n’a pas pu démarrer :', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
