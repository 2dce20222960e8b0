import type { NotificationLetterData } from './letterData';
import { identifiantLines } from './letterIdentifiant';
import {
  BODY_TOP,
  FRAME,
  GREY,
  INK,
  MARGIN,
  MM,
  NNBSP,
  TEXT_WIDTH,
  fittingSize,
  onBaseline,
  truncated,
  use,
  type Doc,
  type LetterImage,
} from './letterPage';
import {
  PRIVACY,
  bodyText,
  closingText,
  deadlineText,
  objetText,
  recipientName,
  refusalText,
} from './letterWording';

interface Block {
  height: number;
  draw(y: number): number;
}

function paragraph(doc: Doc, text: string, size: number, prefix = ''): Block {
  // A bold prefix (« Important : ») is drawn on its own and the text indented by its width:
  // measured and drawn alike, so the height is exact.
  const indent = prefix ? use(doc, 'bold', size).widthOfString(prefix) : 0;
  const options = { width: TEXT_WIDTH, align: 'justify' as const, lineGap: size * 0.18, indent };
  const height = use(doc, 'regular', size).heightOfString(text, options);
  return {
    height,
    draw(y) {
      if (prefix) use(doc, 'bold', size).text(prefix, MARGIN, y, { lineBreak: false });
      use(doc, 'regular', size).text(text, MARGIN, y, options);
      return y + height;
    },
  };
}

function objetBlock(doc: Doc, data: NotificationLetterData, size: number): Block {
  const label = `Objet${NNBSP}: `;
  const indent = use(doc, 'bold', size).widthOfString(label);
  const options = { width: TEXT_WIDTH - indent, lineGap: size * 0.18 };
  const text = objetText(data);
  const height = use(doc, 'regular', size).heightOfString(text, options);
  return {
    height,
    draw(y) {
      use(doc, 'bold', size).text(label, MARGIN, y, { lineBreak: false });
      use(doc, 'regular', size).text(text, MARGIN + indent, y, options);
      return y + height;
    },
  };
}

/** The second line of a long identifiant, below the first. */
const LOGIN_LINE = 5.2 * MM;

function credentialsBlock(
  doc: Doc,
  data: NotificationLetterData,
  qr: LetterImage | null,
  baseHeight: number,
): Block {
  const qrSize = Math.min(24 * MM, baseHeight - 4 * MM);
  const inner = MARGIN + 6 * MM;
  const valueX = inner + 33 * MM;
  const textRight = qr ? MARGIN + TEXT_WIDTH - qrSize - 8 * MM : MARGIN + TEXT_WIDTH - 5 * MM;
  const login = identifiantLines(doc, data.login, textRight - valueX);
  // A long identifiant on two lines: the frame grows by a line and the rows below move down.
  const extra = (login.lines.length - 1) * LOGIN_LINE;
  const height = baseHeight + extra;
  return {
    height,
    draw(top) {
      doc
        .roundedRect(MARGIN, top, TEXT_WIDTH, height, 5)
        .lineWidth(0.9)
        .strokeColor(FRAME)
        .stroke();
      // Rows of the frame, on baselines spread over its height; those below the identifiant
      // move down by its second line.
      const at = data.provisionalPassword
        ? { login: 0.25, password: 0.5, note: 0.67, url: 0.87 }
        : { login: 0.29, password: 0.56, note: 0, url: 0.83 };
      const row = (k: number) => top + baseHeight * k + (k > at.login ? extra : 0);
      onBaseline(doc, `Identifiant${NNBSP}:`, inner, row(at.login), 'regular', 10.5);
      login.lines.forEach((line, i) => {
        onBaseline(doc, line, valueX, row(at.login) + i * LOGIN_LINE, 'mono', login.size);
      });
      if (data.provisionalPassword) {
        use(doc, 'regular', 10.5);
        onBaseline(doc, `Mot de passe *${NNBSP}:`, inner, row(at.password), 'regular', 10.5);
        // Large, monospaced and spaced out: 8 and B, 0 and O, 5 and S cannot be taken for
        // one another.
        onBaseline(doc, data.provisionalPassword, valueX, row(at.password) + 1, 'mono', 18, {
          characterSpacing: 3.5,
        });
        use(doc, 'regular', 8, GREY);
        onBaseline(
          doc,
          '* Mot de passe provisoire, à modifier lors de la première connexion.',
          inner,
          row(at.note),
          'regular',
          8,
        );
      } else {
        onBaseline(doc, `Mot de passe${NNBSP}:`, inner, row(at.password), 'regular', 10.5);
        use(doc, 'regular', 10, GREY);
        onBaseline(
          doc,
          'inchangé, non imprimé sur ce courrier',
          valueX,
          row(at.password),
          'regular',
          10,
        );
      }
      if (data.school.portalUrl) {
        const label = data.provisionalPassword
          ? `Activez votre compte à l’adresse${NNBSP}: `
          : `Connectez-vous à l’adresse${NNBSP}: `;
        const labelWidth = use(doc, 'regular', 9.5).widthOfString(label);
        const urlSize = fittingSize(
          doc,
          data.school.portalUrl,
          'bold',
          9.5,
          7,
          textRight - inner - labelWidth,
        );
        doc.fillColor(INK);
        onBaseline(doc, label, inner, row(at.url), 'regular', 9.5);
        use(doc, 'bold', urlSize);
        onBaseline(
          doc,
          truncated(doc, data.school.portalUrl, textRight - inner - labelWidth),
          inner + labelWidth,
          row(at.url),
          'bold',
          urlSize,
        );
      }
      if (qr) {
        doc.image(qr as never, MARGIN + TEXT_WIDTH - qrSize - 4 * MM, top + (height - qrSize) / 2, {
          width: qrSize,
          height: qrSize,
        });
      }
      return top + height;
    },
  };
}

function signatureBlock(doc: Doc, size: number): Block {
  const height = use(doc, 'bold', size).heightOfString('Le chef d’établissement');
  return {
    height,
    draw(y) {
      use(doc, 'bold', size).text('Le chef d’établissement', MARGIN + TEXT_WIDTH / 2, y, {
        width: TEXT_WIDTH / 2,
        align: 'center',
      });
      return y + height;
    },
  };
}

/**
 * Everything between the window and the cut line, at the largest size and with the widest
 * spacing that fit: long lists of children shrink the spacing, then the type, never onto a
 * second page.
 */
export function drawBody(
  doc: Doc,
  data: NotificationLetterData,
  qr: LetterImage | null,
  bottom: number,
) {
  const privacySize = 7;
  const privacyOptions = { width: TEXT_WIDTH, align: 'justify' as const, lineGap: 0.6 };
  const privacyHeight = use(doc, 'regular', privacySize).heightOfString(PRIVACY, privacyOptions);
  const available = bottom - privacyHeight - 3 * MM - BODY_TOP;

  const deadline = deadlineText(data);
  const closing = closingText(data);
  const layout = (size: number) => {
    const blocks = [
      objetBlock(doc, data, size),
      paragraph(doc, bodyText(data), size),
      credentialsBlock(
        doc,
        data,
        qr,
        (data.provisionalPassword ? (size >= 9.5 ? 30 : 27) : 24) * MM,
      ),
      ...(deadline ? [paragraph(doc, deadline, size, `Important${NNBSP}: `)] : []),
      paragraph(doc, refusalText(data), size),
      paragraph(doc, closing, size),
      signatureBlock(doc, size),
    ];
    return { blocks, natural: blocks.reduce((sum, b) => sum + b.height, 0) };
  };
  let size = 10;
  let { blocks, natural } = layout(size);
  const gaps = blocks.length - 1;
  while (size > 7.5 && natural + gaps * size * 0.5 > available) {
    size -= 0.5;
    ({ blocks, natural } = layout(size));
  }
  // Breathing space up to a line and a quarter between blocks; what is left above the notice
  // is the signature's room.
  const gap = Math.max(size * 0.3, Math.min(size * 1.25, (available - natural) / (gaps + 1)));
  if (natural + gaps * size * 0.3 > available) {
    // Past what any family needs (a dozen children with long names still fit): an error for
    // the batch rather than text over the coupon or onto a second sheet.
    throw new Error(
      `Le courrier de ${recipientName(data)} (${data.login}) ne tient pas sur une page.`,
    );
  }
  let y = BODY_TOP;
  for (const [i, block] of blocks.entries()) {
    if (i > 0) y += gap;
    y = block.draw(y);
  }
  use(doc, 'regular', privacySize, GREY).text(
    PRIVACY,
    MARGIN,
    bottom - privacyHeight,
    privacyOptions,
  );
}
