// Strings in zh-CN (default) and English. Each feature keeps its own messages; every key must exist
// in both languages (the English table is typed by the Chinese one).
import { useSyncExternalStore } from 'react';
import { commonMessages } from './common-messages.ts';

export type Locale = 'zh-CN' | 'en';
export type Messages = Record<string, string>;
export type Bilingual<M extends Messages> = { zh: M; en: Record<keyof M, string> };

const LOCALE_KEY = 'zhili.locale';
let locale: Locale = localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';
const listeners = new Set<() => void>();

export const getLocale = () => locale;
export const setLocale = (l: Locale) => {
  locale = l;
  localStorage.setItem(LOCALE_KEY, l);
  document.documentElement.lang = l;
  listeners.forEach((fn) => fn());
};
const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => void listeners.delete(fn);
};
export const useLocale = () => useSyncExternalStore(subscribe, getLocale);

/** `{name}` placeholders are filled from `vars`. */
const fill = (s: string, vars?: Record<string, string | number>) => (vars ? s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')) : s);

/** Namespaced keys built at run time from API values (`state.${e.state}`); an unknown one shows as itself. */
type DynamicKey = `${string}.${string}`;

/** A translator over one feature's messages and the common ones; re-renders on a language switch. */
export const useT = <M extends Messages>(feature?: Bilingual<M>) => {
  const l = useLocale();
  return (key: keyof M | keyof typeof commonMessages.zh | DynamicKey, vars?: Record<string, string | number>): string => {
    const own = l === 'en' ? feature?.en : feature?.zh;
    const common: Messages = l === 'en' ? commonMessages.en : commonMessages.zh;
    const s = (own as Messages | undefined)?.[key as string] ?? common[key as string] ?? String(key);
    return fill(s, vars);
  };
};
