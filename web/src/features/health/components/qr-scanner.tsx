// The phone's rear camera on a video, read frame by frame by jsQR on a canvas until a code is found.
import { Alert, Button } from 'antd';
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../i18n/i18n.ts';
import { checkpointMessages } from '../checkpoint-messages.ts';

const EVERY_MS = 200;

export const QrScanner = ({ onCode, onClose }: { onCode: (text: string) => void; onClose: () => void }) => {
  const t = useT(checkpointMessages);
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(onCode);
  latest.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const tick = () => {
      const v = video.current;
      if (stopped || !v || !ctx) return;
      if (v.readyState >= v.HAVE_CURRENT_DATA && v.videoWidth > 0) {
        // Read a reduced frame: a code fills much of it, and small frames decode fast.
        const scale = Math.min(1, 640 / Math.max(v.videoWidth, v.videoHeight));
        canvas.width = Math.round(v.videoWidth * scale);
        canvas.height = Math.round(v.videoHeight * scale);
        ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
        const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const found = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
        if (found?.data) {
          stopped = true;
          latest.current(found.data);
          return;
        }
      }
      timer = window.setTimeout(tick, EVERY_MS);
    };
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('getUserMedia unavailable (HTTPS required)');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        tick();
      } catch (e) {
        setError(t('cameraFailed', { reason: (e as Error).message || String(e) }));
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div data-testid="qr-scanner" style={{ marginBottom: 12 }}>
      {error ? (
        <Alert type="warning" showIcon title={error} style={{ marginBottom: 8 }} />
      ) : (
        <div className="scan-video">
          <video ref={video} playsInline muted />
          <div className="scan-frame" />
          <span className="scan-aim">{t('cameraAim')}</span>
        </div>
      )}
      <Button block onClick={onClose} style={{ marginTop: 8 }}>{t('stopCamera')}</Button>
    </div>
  );
};
