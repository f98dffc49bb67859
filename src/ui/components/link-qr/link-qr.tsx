/**
 * A join link as a QR code, for the facilitator's links panel and DoIT's list of agency links. The
 * QR library loads on first use, so it stays out of the first screen.
 */
import { useEffect, useState } from 'react';

type Qr = (text: string) => Promise<string>;
let qrModule: Promise<Qr> | null = null;

/** A PNG data URL of `text` as a QR code (240 px, error correction M), for screens and print sheets. */
export const qrDataUrl: Qr = (text) => {
  qrModule ??= import('qrcode').then((m) => (t: string) => m.toDataURL(t, { errorCorrectionLevel: 'M', margin: 1, width: 240 }));
  return qrModule.then((make) => make(text));
};

/** The QR code of `url`, named by `label` for screen readers; a busy placeholder until it is drawn. */
export function LinkQr({ url, label, size }: { url: string; label: string; size: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void qrDataUrl(url).then((s) => live && setSrc(s));
    return () => {
      live = false;
    };
  }, [url]);
  return src ? <img className="link-qr" src={src} width={size} height={size} alt={label} /> : <span className="link-qr" aria-busy="true" />;
}
