import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The typed client is generated (npm run api:types) from src/api/openapi.json, the committed copy of
// GET /api/openapi.json that a .NET test keeps equal to what the functions serve. Here the generator runs again on
// that copy: a schema.d.ts that no longer matches the document fails, so the app cannot drift from the functions.
const web = resolve(import.meta.dirname, '../..');

describe('the generated API client', () => {
  it('is what openapi-typescript makes of the committed OpenAPI document', () => {
    const cli = resolve(web, 'node_modules/openapi-typescript/bin/cli.js');
    const generated = execFileSync(process.execPath, [cli, 'src/api/openapi.json'], { cwd: web, encoding: 'utf8' });
    const committed = readFileSync(resolve(web, 'src/api/schema.d.ts'), 'utf8');
    expect(committed === generated, 'src/api/schema.d.ts is stale: run `npm run api:generate` and commit it').toBe(true);
  });
});
