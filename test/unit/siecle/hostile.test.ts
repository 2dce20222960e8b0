import { truncateSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSiecleExport, readSiecleXmlStream } from '../../../main/services/siecle';
import {
  elevesXml,
  expectSiecleError,
  fixturePath,
  latin9,
  readFixture,
  studentXml,
  useTempDir,
} from './helpers';

const DECLARATION = '<?xml version="1.0" encoding="ISO-8859-15"?>\n';

describe('malformed and hostile XML', () => {
  const temp = useTempDir();
  const read = (name: string, content: string | Buffer) =>
    readSiecleExport(name, temp.write(name, content));

  it('names the mismatched tag of the real bad sample, with line and column', async () => {
    const name = 'eleves_avec_adresse_simple.xml';
    const error = await expectSiecleError(
      readSiecleExport(name, fixturePath(name)),
      'Le fichier eleves_avec_adresse_simple.xml est mal formé ligne 139, colonne 25 : balise fermante </STRUCTURES_ELEVE> alors que <STRICTURES_ELEVE> est encore ouverte.',
    );
    expect(error.line).toBe(139);
    expect(error.fileName).toBe(name);
  });

  it('refuses a DOCTYPE: billion laughs, at the line where it starts', async () => {
    const laughs = `${DECLARATION}<!DOCTYPE BEE_ELEVES [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<BEE_ELEVES><PARAMETRES><UAJ>&lol9;</UAJ></PARAMETRES></BEE_ELEVES>
`;
    const error = await expectSiecleError(
      read('laughs.xml', laughs),
      'Le fichier laughs.xml contient une déclaration DOCTYPE, refusée par sécurité (ligne 2).',
    );
    expect(error.line).toBe(2);
  });

  it('refuses an external entity (DOCTYPE SYSTEM) before reading it', async () => {
    const external = `${DECLARATION}<!DOCTYPE BEE_ELEVES SYSTEM "file:///etc/passwd">\n<BEE_ELEVES/>\n`;
    await expectSiecleError(
      read('xxe.xml', external),
      'Le fichier xxe.xml contient une déclaration DOCTYPE, refusée par sécurité (ligne 2).',
    );
    const inline = `${DECLARATION}<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><BEE_ELEVES>&e;</BEE_ELEVES>`;
    await expectSiecleError(read('xxe2.xml', inline), 'DOCTYPE, refusée par sécurité (ligne 2)');
  });

  it('refuses numeric character references out of range, in text or attributes', async () => {
    const cases: [string, string][] = [
      ['<UAJ>&#x110000;</UAJ>', '&#x110000;'],
      ['<UAJ>&#0;</UAJ>', '&#0;'],
      ['<UAJ>&#xD800;</UAJ>', '&#xD800;'],
      ['<UAJ A="&#xFFFF;"/>', '&#xFFFF;'],
    ];
    for (const [element, shown] of cases) {
      const xml = `${DECLARATION}<BEE_ELEVES>\n  <PARAMETRES>\n    ${element}\n  </PARAMETRES>\n</BEE_ELEVES>\n`;
      const error = await expectSiecleError(
        read('ref.xml', xml),
        `Le fichier ref.xml contient une référence de caractère invalide (${shown}) ligne 4, colonne `,
        'ce caractère n’existe pas en XML.',
      );
      expect(error.line).toBe(4);
    }
  });

  it('accepts numeric references to real characters and the five XML entities', async () => {
    const xml = elevesXml(
      studentXml(1, { NOM_DE_FAMILLE: 'C&#x152;UR &amp; &#233;&lt;&gt;&quot;&apos;' }),
    );
    const [file] = await readSiecleExport('ok.xml', temp.write('ok.xml', latin9(xml)));
    expect(file?.kind === 'eleves' && file.students[0]?.lastName).toBe('CŒUR & é<>"\'');
  });

  it('refuses unknown entities, HTML ones included, and a bare &', async () => {
    const xml = `${DECLARATION}<BEE_ELEVES>\n<PARAMETRES><UAJ>&eacute;</UAJ></PARAMETRES></BEE_ELEVES>`;
    await expectSiecleError(
      read('ent.xml', xml),
      'Le fichier ent.xml contient une entité inconnue (&eacute;) ligne 3, colonne ',
      ': seules &amp; &lt; &gt; &quot; et &apos; sont admises.',
    );
    const bare = `${DECLARATION}<BEE_ELEVES>\n<PARAMETRES><UAJ>A & B</UAJ></PARAMETRES></BEE_ELEVES>`;
    await expectSiecleError(
      read('amp.xml', bare),
      'Le fichier amp.xml est mal formé ligne 3, colonne ',
      ': caractère & non échappé (il s’écrit &amp;).',
    );
  });

  it('says a file cut in half is truncated, with the last line', async () => {
    const whole = readFixture('eleves_avec_adresse_avec_double_structure.xml');
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    const lastLine = half.toString('latin1').split('\n').length;
    const error = await expectSiecleError(
      read('ElevesAvecAdresses.xml', half),
      `Le fichier ElevesAvecAdresses.xml est tronqué (fin inattendue ligne ${lastLine}) : réexportez-le.`,
    );
    expect(error.line).toBe(lastLine);
    // Cut inside a tag, or inside the XML declaration itself.
    await expectSiecleError(read('cut.xml', `${DECLARATION}<BEE_ELEVES><PARAM`), 'est tronqué');
    await expectSiecleError(read('cut2.xml', '<?xml version="1.0" enco'), 'est tronqué');
  });

  it('says a UTF-8 file cut inside a character is truncated', async () => {
    const bytes = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<BEE_ELEVES>Œ`, 'utf8');
    await expectSiecleError(
      read('cut.xml', bytes.subarray(0, bytes.length - 1)),
      'Le fichier cut.xml est tronqué (fin inattendue ligne 2)',
    );
  });

  it('says an empty file is empty, and a blank one holds no XML', async () => {
    await expectSiecleError(
      read('vide.xml', ''),
      'Le fichier vide.xml est vide : réexportez-le depuis SIECLE.',
    );
    await expectSiecleError(
      read('blanc.xml', '\n\n   \n'),
      'Le fichier blanc.xml ne contient aucune donnée XML : réexportez-le depuis SIECLE.',
    );
  });

  it('says a file that is not XML at all is not XML', async () => {
    await expectSiecleError(
      read('eleves.xml', 'NOM;PRENOM\nDUPONT;Léa\n'),
      'Le fichier eleves.xml n’est pas un fichier XML (du texte précède la première balise, ligne 1, colonne 1).',
    );
  });

  it('refuses text after the root element', async () => {
    await expectSiecleError(
      read('apres.xml', `${DECLARATION}<BEE_ELEVES/>\nfin`),
      'Le fichier apres.xml est mal formé ligne 3, colonne 1 : du texte suit la fin de l’élément racine.',
    );
  });

  it('refuses a second root element', async () => {
    await expectSiecleError(
      read('deux.xml', `${DECLARATION}<BEE_ELEVES/>\n<BEE_ELEVES/>\n`),
      'Le fichier deux.xml est mal formé ligne 3, colonne 13 : second élément racine <BEE_ELEVES> après la fin du premier.',
    );
  });

  it('refuses control characters, such as those of a UTF-16 file without its mark', async () => {
    const error = await expectSiecleError(
      read(
        'nul.xml',
        `${DECLARATION}<BEE_ELEVES>\n<PARAMETRES><UAJ>07\u0000</UAJ></PARAMETRES></BEE_ELEVES>`,
      ),
      'Le fichier nul.xml contient un caractère interdit en XML (U+0000, ligne 3) : ce n’est pas un export SIECLE intact.',
    );
    expect(error.line).toBe(3);
    await expectSiecleError(
      read('utf16.xml', Buffer.from('<BEE_ELEVES/>', 'utf16le')),
      'Le fichier utf16.xml contient un caractère interdit en XML (U+0000, ligne 1)',
    );
  });

  it('refuses a 200 MB file from its size on disk, before reading it', async () => {
    // Sparse: instant to create, and all zeros, which would fail differently if parsed.
    const path = temp.path('ElevesAvecAdresses.xml');
    writeFileSync(path, '');
    truncateSync(path, 200 * 1024 * 1024);
    await expectSiecleError(
      readSiecleExport('ElevesAvecAdresses.xml', path),
      'Le fichier ElevesAvecAdresses.xml fait 200 Mo : c’est trop pour un export SIECLE d’établissement (100 Mo au plus).',
    );
  });

  it('stops a stream as soon as it passes the size limit', async () => {
    let pulled = 0;
    const endless = (function* () {
      yield Buffer.from(`${DECLARATION}<BEE_ELEVES><DONNEES><OPTIONS>\n`);
      for (;;) {
        pulled += 1;
        yield Buffer.from(
          '<OPTION ELEVE_ID="1"><NUM_OPTION>1</NUM_OPTION></OPTION>\n'.repeat(1000),
        );
      }
    })();
    await expectSiecleError(
      readSiecleXmlStream('flux.xml', endless, { maxFileBytes: 1024 * 1024 }),
      'Le fichier flux.xml dépasse 1 Mo : c’est trop pour un export SIECLE d’établissement (1 Mo au plus).',
    );
    expect(pulled).toBeLessThan(25); // 57 Ko a chunk: stopped right after 1 Mo
  });

  it('stops at the first error of an endless stream and destroys it', async () => {
    let pulled = 0;
    const source = Readable.from(
      (function* () {
        yield Buffer.from(`${DECLARATION}<!DOCTYPE x [<!ENTITY a "a">]>\n<BEE_ELEVES>`);
        for (;;) {
          pulled += 1;
          yield Buffer.from('<X/>'.repeat(1000));
        }
      })(),
    );
    await expectSiecleError(readSiecleXmlStream('dtd.xml', source), 'DOCTYPE');
    expect(pulled).toBeLessThan(20);
    expect(source.destroyed).toBe(true);
  });

  it('refuses IMPORT_ELEVES, the flow back into SIECLE, even when it is also malformed', async () => {
    for (const name of ['export_siecle_IMPORT_ELEVES.xml', 'exemple_pour_robot_siecle.xml']) {
      const error = await expectSiecleError(
        readSiecleExport(name, fixturePath(name)),
        `Le fichier ${name} n’est pas un export SIECLE reconnu (élément racine IMPORT_ELEVES) : attendu ElevesSansAdresses, ElevesAvecAdresses, ResponsablesAvecAdresses ou Nomenclature.`,
      );
      expect(error.fileName).toBe(name);
    }
  });

  it('refuses any other root element', async () => {
    await expectSiecleError(
      read('page.xml', '<html><body>Bonjour</body></html>'),
      'Le fichier page.xml n’est pas un export SIECLE reconnu (élément racine html) : attendu ElevesSansAdresses',
    );
  });

  it('refuses absurd nesting and absurdly long values', async () => {
    const deep = `${DECLARATION}<BEE_ELEVES>${'<A>'.repeat(100)}${'</A>'.repeat(100)}</BEE_ELEVES>`;
    await expectSiecleError(
      read('deep.xml', deep),
      'Le fichier deep.xml imbrique plus de 32 niveaux de balises (ligne 2) : ce n’est pas un export SIECLE.',
    );
    const long = latin9(elevesXml(studentXml(1, { NOM_DE_FAMILLE: 'A'.repeat(200) })));
    await expectSiecleError(
      readSiecleExport('long.xml', temp.write('long.xml', long), { maxValueChars: 100 }),
      'Le fichier long.xml contient une valeur de plus de 100 caractères dans <NOM_DE_FAMILLE> (ligne ',
    );
  });

  it('says a missing or unreadable path cannot be found', async () => {
    await expectSiecleError(
      readSiecleExport('Eleves.xml', temp.path('absent.xml')),
      'Le fichier Eleves.xml est introuvable ou illisible : choisissez-le à nouveau.',
    );
  });
});
