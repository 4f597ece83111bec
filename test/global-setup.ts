import { buildWeb, isWebBuildStale } from '../src/web-assets.ts';
import { buildTemplate } from './test-db.ts';

export default async function setup() {
  // The browser journeys need the built pages; the template database is needed by every API test.
  await Promise.all([buildTemplate(), isWebBuildStale() ? buildWeb() : Promise.resolve()]);
}
