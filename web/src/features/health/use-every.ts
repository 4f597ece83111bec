// Calls `fn` every `ms` while the page is visible (live counts, a code's refresh).
import { useEffect, useRef } from 'react';

export const useEvery = (ms: number, fn: () => void) => {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    const id = window.setInterval(() => document.visibilityState === 'visible' && latest.current(), ms);
    return () => window.clearInterval(id);
  }, [ms]);
};
