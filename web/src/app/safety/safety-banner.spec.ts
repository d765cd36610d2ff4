import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SafetyOverview } from '../core/api/safety-types';
import { SafetyBanner, safetyBannerLines } from './safety-banner';
import { SafetyRefresh } from './safety-refresh';

const overview = (hasOpenFlag: boolean, jointSessionsPaused: boolean): SafetyOverview => ({
  coupleId: 'c1',
  summary: { hasOpenFlag, jointSessionsPaused, needsJointConfirmation: hasOpenFlag || jointSessionsPaused, openFlagSources: hasOpenFlag ? ['Check-in'] : [] },
  flags: [],
  checks: [],
  riskRecords: [],
});

describe('safety banner', () => {
  it('says nothing when no flag is open and joint sessions go ahead', () => {
    expect(safetyBannerLines(overview(false, false).summary)).toEqual([]);
    expect(safetyBannerLines(null)).toEqual([]);
  });

  it('names an open flag and a pause in words', () => {
    const lines = safetyBannerLines(overview(true, true).summary);
    expect(lines[0]).toContain('safety concern that is still open');
    expect(lines[1]).toContain('Joint sessions are paused');
    expect(lines[2]).toContain('confirm');
  });

  it('names what raised the flag: a check-in, a PHQ-9 answer, or both', () => {
    const summary = overview(true, false).summary;
    expect(safetyBannerLines(summary)[0]).toBe('A partner\'s check-in raised a safety concern that is still open.');
    expect(safetyBannerLines({ ...summary, openFlagSources: ['PHQ-9 item 9'] })[0]).toBe(
      'A partner\'s answer to PHQ-9 item 9 raised a safety concern that is still open.',
    );
    expect(safetyBannerLines({ ...summary, openFlagSources: ['PHQ-9 item 9', 'Check-in'] })[0]).toBe(
      'A partner\'s answer to PHQ-9 item 9 and a partner\'s check-in raised a safety concern that is still open.',
    );
    expect(safetyBannerLines({ ...summary, openFlagSources: [] })[0]).toBe('Something raised a safety concern that is still open.');
  });

  it('appears on the couple page while a flag is open, and reloads after a safety change', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SafetyBanner);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.detectChanges();
    backend.expectOne('/api/couples/c1/safety').flush(overview(true, false));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h2')?.textContent).toContain('Safety first');
    expect(element.textContent).toContain('still open');
    expect(element.querySelector('a.go')?.textContent).toContain('Go to the safety section');
    expect(element.querySelector('a.go')?.getAttribute('href')).toBe('/couples/c1/safety');

    TestBed.inject(SafetyRefresh).bump();
    fixture.detectChanges();
    backend.expectOne('/api/couples/c1/safety').flush(overview(false, false));
    await fixture.whenStable();
    expect(element.querySelector('h2')).toBeNull();
    backend.verify();
  });
});
