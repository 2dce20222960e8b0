import { spawn } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const binary = electronBinary();
if (!binary) {
  console.error(
    'Pas de binaire Electron sur cette machine (il se télécharge hors du registre npm) : lancez « npm run web » pour ouvrir Pupitre dans un navigateur.',
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
