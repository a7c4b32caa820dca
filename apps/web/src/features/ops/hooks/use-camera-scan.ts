import { useEffect, useRef, useState } from 'react';

/** The browser's own detector where it exists (Chrome on Android); typed loosely, it is not in lib.dom yet. */
interface NativeDetector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type DetectorCtor = new (opts: { formats: string[] }) => NativeDetector;

/**
 * Reads EAN-13 barcodes from the phone camera while `active`: the browser's BarcodeDetector when it has
 * one, otherwise ZXing (loaded only then, so the picker app's bundle stays small). Calls `onCode` once per
 * distinct read.
 */
export function useCameraScan(active: boolean, onCode: (code: string) => void) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(onCode);
  useEffect(() => {
    latest.current = onCode;
  });

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let stop = () => undefined as void;
    let last = '';
    const seen = (code: string) => {
      if (code === last) return;
      last = code;
      latest.current(code);
    };
    void (async () => {
      try {
        const el = video.current;
        if (!el) return;
        const Native = (globalThis as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
        if (Native) {
          const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
          if (stopped) return stream.getTracks().forEach((tr) => tr.stop());
          el.srcObject = stream;
          await el.play();
          const detector = new Native({ formats: ['ean_13'] });
          const timer = setInterval(() => {
            void detector.detect(el).then((codes) => codes[0] && seen(codes[0].rawValue), () => undefined);
          }, 250);
          stop = () => {
            clearInterval(timer);
            stream.getTracks().forEach((tr) => tr.stop());
          };
        } else {
          const { BrowserMultiFormatReader } = await import('@zxing/browser');
          const reader = new BrowserMultiFormatReader();
          const controls = await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, el, (result) => {
            if (result) seen(result.getText());
          });
          if (stopped) return controls.stop();
          stop = () => controls.stop();
        }
      } catch (err) {
        setError(err instanceof Error && err.name === 'NotAllowedError' ? 'Camera permission was refused' : 'No camera available; type or use the scanner');
      }
    })();
    return () => {
      stopped = true;
      stop();
    };
  }, [active]);

  return { video, error };
}
