// The web app's built files (web/dist), served by the API process: hashed assets cached for a year,
// every other path that is not the API answered with index.html so deep links work.
import fastifyStatic from '@fastify/static';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { App } from './lib/http.ts';

export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

const newestMtime = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    if (e.name === 'dist' || e.name === 'node_modules' || e.name === 'e2e') return m;
    const path = `${dir}/${e.name}`;
    return Math.max(m, e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }, 0);

export const hasWebBuild = () => existsSync(`${WEB_DIST}index.html`);

/** Whether web/dist is missing or older than a source file of the web app. */
export const isWebBuildStale = () => {
  return !hasWebBuild() || statSync(`${WEB_DIST}index.html`).mtimeMs < newestMtime(WEB_ROOT);
};

/**
 * Builds the web app with Vite (a dev dependency): at `npm start` when stale, and before browser tests.
 * In a child process, so the bundler's memory is not the server's.
 */
export const buildWeb = async (say: (s: string) => void = () => {}) => {
  const t0 = Date.now();
  say('Building the web app…');
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  if (!existsSync(vite)) throw new Error('Vite is not installed (npm install)');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', `${WEB_ROOT}vite.config.ts`, '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
  say(`Web app built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
};

/** Serves web/dist when it has been built; returns whether it did. */
export const serveWeb = async (app: App) => {
  if (!hasWebBuild()) return false;
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: false,
    setHeaders: (res, path) => res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return true;
};
