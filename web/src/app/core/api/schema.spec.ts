/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/*
 * schema.d.ts is generated from openapi.json (which the API's contract test keeps equal to the
 * API). This fails when someone regenerated openapi.json and forgot `npm run api:types`. It builds
 * the file as the CLI does (header + openapiTS with no options) and compares.
 */
describe('schema.d.ts', () => {
  // `ng test` runs from web/; the bundled spec's own URL says nothing about where src/ is.
  const folder = resolve(process.cwd(), 'src/app/core/api');

  it('is what openapi-typescript makes of openapi.json (run `npm run api:types` after the API changes)', async () => {
    const document = await readFile(resolve(folder, 'openapi.json'), 'utf8');
    const committed = await readFile(resolve(folder, 'schema.d.ts'), 'utf8');

    const generated = COMMENT_HEADER + astToString(await openapiTS(document, { silent: true }));

    expect(committed.replace(/\r\n/g, '\n')).toBe(generated);
  });
});
