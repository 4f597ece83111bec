#!/usr/bin/env node
// Runs the TypeScript entry through tsx, so `npx zhili …` works without a build step.
import { register } from 'tsx/esm/api';
register();
process.argv.splice(2, 0, ...(process.argv.length > 2 ? [] : ['serve']));
await import('../src/main.ts');
