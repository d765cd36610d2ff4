import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BackupStatus } from '../core/api/retention-api';
import { BackupsPage, size } from './backups-page';

const status: BackupStatus = {
  health: 'failing',
  problems: ['The last attempt to archive WAL (000000010000000000000008) failed; see the pgBackRest log.'],
  infoConfigured: true,
  infoReadAt: '2026-12-07T09:00:00Z',
  repositoryStatus: 'ok',
  backups: [
    { label: '20261207-020000F_20261207-090000D', type: 'diff', startedAt: '2026-12-07T09:00:00Z', finishedAt: '2026-12-07T09:00:04Z', databaseBytes: 33251427, repositoryBytes: 420876 },
    { label: '20261207-020000F', type: 'full', startedAt: '2026-12-07T02:00:00Z', finishedAt: '2026-12-07T02:00:05Z', databaseBytes: 33062436, repositoryBytes: 3930614 },
  ],
  lastBackupAt: '2026-12-07T09:00:04Z',
  lastFullBackupAt: '2026-12-07T02:00:05Z',
  oldestRestorableWal: '000000010000000000000001',
  newestArchivedWal: '000000010000000000000007',
  archive: {
    archiving: true, archiveTimeoutSeconds: 50, lastArchivedWal: '000000010000000000000007', lastArchivedAt: '2026-12-07T09:59:00Z',
    lastFailedWal: '000000010000000000000008', lastFailedAt: '2026-12-07T09:59:50Z', failedCount: 3, currentWal: '000000010000000000000009',
    segmentsWaiting: 1, lagSeconds: 61,
  },
};

describe('BackupsPage', () => {
  it('says first whether backups work and why not, then the archive and the backups', async () => {
    TestBed.configureTestingModule({ imports: [BackupsPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(BackupsPage);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/admin/backups').flush(status);
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;

    expect(element.querySelector('#verdict-heading')?.textContent).toContain('Backups are not working');
    expect(element.querySelector('.verdict li')?.textContent).toContain('failed; see the pgBackRest log');
    expect(element.textContent).toContain('1 segment');
    expect(element.textContent).toContain('61 s');
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((r) => r.querySelectorAll('td')[1].textContent);
    expect(rows).toEqual(['Differential', 'Full']);
    expect(element.querySelector('tbody')?.textContent).toContain('33.3 MB');
    backend.verify();
  });

  it('writes sizes a person reads', () => {
    expect(size(512)).toBe('512 B');
    expect(size(420876)).toBe('420.9 kB');
    expect(size(33251427)).toBe('33.3 MB');
  });
});
