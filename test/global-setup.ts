import { buildTemplate } from './test-db.ts';

export default async function setup() {
  await buildTemplate();
}
