// The resident's QR code, drawn on a canvas by the `qrcode` package, framed in the code's colour.
import QRCode from 'qrcode';
import { useEffect, useRef } from 'react';
import type { Colour } from '../health-api.ts';
import { CODE_COLOURS } from './colour-tag.tsx';

export const CodeQr = ({ token, colour, size = 232 }: { token: string; colour: Colour; size?: number }) => {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) void QRCode.toCanvas(canvas.current, token, { width: size, margin: 1, errorCorrectionLevel: 'M', color: { dark: '#111827', light: '#ffffff' } });
  }, [token, size]);
  return (
    <div className="code-qr" style={{ borderColor: CODE_COLOURS[colour] }} data-testid="my-code-qr" data-colour={colour} data-token={token}>
      <canvas ref={canvas} width={size} height={size} aria-label="QR" />
    </div>
  );
};
