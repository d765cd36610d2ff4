/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ALERT_LABELS, alertLabel } from './dashboard-labels';

describe('alert labels', () => {
  it('label every alert code the API describes, and nothing else (the codes are generated, not typed by hand)', async () => {
    const document = JSON.parse(await readFile(resolve(process.cwd(), 'src/app/core/api/openapi.json'), 'utf8'));
    const codes: string[] = document.components.schemas.CaseloadAlertCode.enum;

    expect(codes.length).toBeGreaterThan(0);
    expect(Object.keys(ALERT_LABELS).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(alertLabel(code as keyof typeof ALERT_LABELS)).not.toBe('');
  });
});
