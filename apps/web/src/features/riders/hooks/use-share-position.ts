import { useEffect, useRef, useState } from 'react';
import { usePostLocationMutation } from '../api/riders.api';

/** How often a position goes to the server while on duty (and at once when `nudge` changes: every task step). */
export const SHARE_EVERY_MS = 5_000;

export type ShareState = 'off' | 'waiting' | 'sharing' | 'denied' | 'unsupported';

/**
 * While on duty, watches the phone's position (Geolocation watchPosition) and posts the latest one about every
 * 5 s, and right away when `nudge` changes (a task step). Stops when off duty.
 */
export function useSharePosition(onDuty: boolean, nudge: unknown): ShareState {
  const [post] = usePostLocationMutation();
  const [fix, setFix] = useState<'waiting' | 'sharing' | 'denied'>('waiting');
  const supported = typeof navigator !== 'undefined' && 'geolocation' in navigator;
  const latest = useRef<GeolocationPosition | null>(null);
  const sentAt = useRef(0);

  const send = useRef(() => {
    const p = latest.current;
    if (!p) return;
    sentAt.current = Date.now();
    void post({
      lat: p.coords.latitude,
      lng: p.coords.longitude,
      accuracy: Math.max(0, p.coords.accuracy),
      heading: p.coords.heading !== null && Number.isFinite(p.coords.heading) ? p.coords.heading : null,
      speed: p.coords.speed !== null && Number.isFinite(p.coords.speed) ? p.coords.speed : null,
      at: new Date(p.timestamp).toISOString(),
    });
  });

  useEffect(() => {
    if (!onDuty || !supported) return;
    const watch = navigator.geolocation.watchPosition(
      (p) => {
        latest.current = p;
        setFix('sharing');
        if (Date.now() - sentAt.current >= SHARE_EVERY_MS) send.current();
      },
      (err) => setFix(err.code === err.PERMISSION_DENIED ? 'denied' : 'waiting'),
      { enableHighAccuracy: true, maximumAge: 2_000, timeout: 20_000 },
    );
    // A phone standing still sends no new fixes: repeat the last one so the store knows where the rider is.
    const timer = setInterval(() => send.current(), SHARE_EVERY_MS);
    return () => {
      navigator.geolocation.clearWatch(watch);
      clearInterval(timer);
    };
  }, [onDuty, supported]);

  useEffect(() => {
    if (onDuty) send.current();
  }, [onDuty, nudge]);

  if (!onDuty) return 'off';
  return supported ? fix : 'unsupported';
}
